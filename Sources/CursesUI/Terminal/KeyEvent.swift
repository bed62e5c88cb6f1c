/// One decoded keyboard (or terminal) event, independent of how the terminal encoded it.
///
/// Widgets and screens only ever see these; the raw `get_wch` values stay in the
/// terminal layer (see `KeyDecoder`).
public enum KeyEvent: Sendable, Equatable, Hashable {
    /// A printable character (never a control character).
    case character(Character)
    case enter
    case tab
    case backTab
    case escape
    case backspace
    case delete
    case up, down, left, right
    case home, end
    case pageUp, pageDown
    /// Function key F1…F63.
    case function(Int)
    /// Ctrl plus a letter, as the lowercase letter (`.control("c")` is Ctrl-C).
    /// Ctrl-H, Ctrl-I, Ctrl-M and Ctrl-[ arrive as backspace, tab, enter and escape.
    case control(Character)
    /// A bracketed paste (`ESC[200~ … ESC[201~`) delivered as one event, line ends as "\n".
    case paste(String)
    /// The terminal changed size; read `Terminal.size` for the new size.
    case resize
    /// Anything we could not decode. Safe to ignore.
    case unknown
}

extension KeyEvent {
    /// A short human name, used by help overlays and logs ("Ctrl-C", "Shift-Tab", "F1").
    public var displayName: String {
        switch self {
        case .character(" "): return "Space"
        case .character(let c): return String(c)
        case .enter: return "Enter"
        case .tab: return "Tab"
        case .backTab: return "Shift-Tab"
        case .escape: return "Esc"
        case .backspace: return "Backspace"
        case .delete: return "Delete"
        case .up: return "↑"
        case .down: return "↓"
        case .left: return "←"
        case .right: return "→"
        case .home: return "Home"
        case .end: return "End"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .function(let n): return "F\(n)"
        case .control(let c): return "Ctrl-\(String(c).uppercased())"
        case .paste: return "Paste"
        case .resize: return "Resize"
        case .unknown: return "?"
        }
    }
}
