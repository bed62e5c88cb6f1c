/// What a widget did with a key, so the screen knows whether to act on it.
public enum WidgetOutcome: Sendable, Equatable {
    /// Consumed; nothing the screen needs to know (cursor moved, selection moved).
    case handled
    /// Consumed and the widget's value changed (save the draft, re-validate).
    case changed
    /// Not for this widget: the screen handles it (Tab, Esc to go back, Ctrl-C…).
    case ignored
    /// Enter (or Space on a button): choose / press / go to the next field.
    case submitted
    /// Esc in a widget that owns Esc (an overlay).
    case cancelled
    /// The user asked to copy this value (`c`); the screen sends it via OSC 52 and says so.
    case copyRequested(String)
    /// The user asked to open this link (`o`).
    case openRequested(String)
}

/// One key hint for a help bar or help overlay: the key as shown and what it does.
/// (A plain tuple, so screens can map their own hint types into it.)
public typealias KeyHint = (key: String, action: String)

/// The common shape of widgets (update/view split, as in bubbletea): state, a key handler,
/// a pure renderer, and the keys it answers to for the help bar.
public protocol Widget: Sendable {
    /// Handles one key; returns `.ignored` for keys the screen should handle.
    mutating func handle(_ key: KeyEvent) -> WidgetOutcome
    /// Draws the widget into `rect`; `focused` selects the focus styling.
    func render(into canvas: inout Canvas, at rect: Rect, focused: Bool)
    /// The keys this widget answers to while focused, most important first.
    var helpKeys: [KeyHint] { get }
}
