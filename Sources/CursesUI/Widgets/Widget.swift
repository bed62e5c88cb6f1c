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

    /// A screen's answer to what its text field did with a key: `changed()` for a new
    /// value, `submitted()` for Enter, nil for a key the field did not take (handed on to the
    /// next owner), nothing for the rest (a cursor move).
    func commands(changed: () -> [ScreenCommand], submitted: () -> [ScreenCommand]) -> [ScreenCommand]? {
        switch self {
        case .changed: changed()
        case .submitted: submitted()
        case .ignored: nil
        case .handled: []
        }
    }
}

/// One key hint for a help bar or help overlay: the key as shown and what it does.
/// (A plain tuple, so screens can map their own hint types into it.)
public typealias KeyHint = (key: String, action: String)

/// The common shape of the widgets that take keys (update/view split, as in bubbletea):
/// state, a key handler and a pure renderer. Their keys and help are declared as bindings
/// (`ListView+Keys`, `ScopeGrid+Keys`, `TextField+Keys`) by the screen that holds them.
/// Widgets that only draw (`Button`, `Toggle`, `ValueRow`, `DiffView`) take no keys: the
/// screen's bindings do what their keys would.
public protocol Widget: Sendable {
    /// Handles one key; returns `.ignored` for keys the screen should handle.
    mutating func handle(_ key: KeyEvent) -> WidgetOutcome
    /// Draws the widget into `rect`; `focused` selects the focus styling.
    func render(into canvas: inout Canvas, at rect: Rect, focused: Bool)
}
