#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SetupCore

/// What a key binding asks the app to do (a screen's, a dialog's, or one of every screen's).
public enum ScreenCommand: Equatable, Sendable {
    case send(WizardAction)
    /// Copies `value` to the user's clipboard; kept as a ``Secret`` so it never lands in a log.
    case copy(label: String, value: Secret)
    case open(URL)
    /// The wizard is over: the app ends with `.done` (Enter on the last step).
    case finish
    /// Opens the `?` dialog of the keys in force.
    case openHelp
    /// Asks "Quit bbclerk?" (a draft, if any, is kept).
    case askToQuit
    /// Quits now: the user said yes (or pressed Ctrl-C in a dialog).
    case abort
}

/// What a screen drew: where the cursor goes (a focused text field) and which row holds
/// the focus, so the frame can scroll it into view on a small terminal.
public struct ScreenLayout: Equatable, Sendable {
    public var cursor: CursorPosition?
    public var focusRow: Int
    /// How many rows the focused item takes (a value wrapped under its label): all are
    /// scrolled into view when they fit.
    public var focusHeight: Int
    public var usedRows: Int
    public init(cursor: CursorPosition? = nil, focusRow: Int = 0, focusHeight: Int = 1, usedRows: Int = 0) {
        self.cursor = cursor
        self.focusRow = focusRow
        self.focusHeight = max(1, focusHeight)
        self.usedRows = usedRows
    }
}

/// One step's screen: its own focus and widget state, drawn from the wizard's state.
/// Screens are pure: they never touch the terminal or the network.
protocol WizardScreen {
    /// Tells the screen the size of its area, so lists page and fields scroll right.
    mutating func layout(columns: Int, rows: Int)
    /// The user has just arrived on this step (forward or back): where the focus starts.
    mutating func arrive(_ state: WizardState)
    /// Brings the widgets in line with the state (after a prefill, or on arrival). Returns
    /// actions the screen needs now (names for the rows it shows).
    mutating func sync(_ state: WizardState) -> [WizardAction]
    /// The keys the screen takes now (its focused widget's and its own commands), each with
    /// its help: its key handling, help bar and `?` dialog are all read from this list.
    func bindings(_ state: WizardState) -> [KeyBinding<Self>]
    /// Draws into `canvas` from row 0; the frame scrolls the result into the visible area.
    func render(_ state: WizardState, into canvas: inout Canvas, tick: Int) -> ScreenLayout
    /// Whether a text field has the focus, so letters (and `?`, `q`) are typed, not commands:
    /// exactly when one of the bindings in force takes `.printable` (tested).
    var isEditingText: Bool { get }
}

extension WizardScreen {
    mutating func layout(columns: Int, rows: Int) {}
    mutating func arrive(_ state: WizardState) {}

    /// Handles a key with the bindings in force; nil when none took it, so the app applies
    /// its cold keys.
    mutating func handle(_ key: KeyEvent, _ state: WizardState) -> [ScreenCommand]? {
        bindings(state).dispatch(key, to: &self, state)
    }

    /// The help bar's keys, most important first: the bindings in force that have bar help.
    func helpKeys(_ state: WizardState) -> [KeyHint] {
        bindings(state).compactMap { $0.help?.place == .bar ? $0.help?.hint : nil }
    }

    /// Whether the screen, drawn `columns` wide, needs more than `rows` rows for `state`: drawn
    /// on a canvas one row taller than that, as rows used are counted all the same. Screens
    /// that scroll to a part nothing focusable is in (Done, Sync) ask it in `sync`, when the
    /// size or the state changes, not on every key or frame.
    func isTaller(than rows: Int, columns: Int, _ state: WizardState) -> Bool {
        guard rows < 120 else { return false }
        var scratch = Canvas(width: columns, height: rows + 1)
        return render(state, into: &scratch, tick: 0).usedRows > rows
    }

    /// The bindings in force as the help sees them.
    func boundKeys(_ state: WizardState) -> [BoundKeys] { bindings(state).map(\.described) }
}
