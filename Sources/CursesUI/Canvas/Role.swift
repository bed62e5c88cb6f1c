/// What a cell *means*; a `Theme` decides how each role looks (colours, attributes).
///
/// Screens and widgets name roles, never colours, so `NO_COLOR` and 8/16/256-colour
/// terminals all work from the same canvas.
public enum Role: String, Sendable, CaseIterable, Hashable {
    case normal, title, stepHeader, stepCounter, label, hint, fieldText, fieldFocused
    case placeholder, error, success, warning, secret, link, muted, helpKey, helpText
    case selected, focusRow, button, buttonFocused, checkbox, border, diffAdded, diffRemoved
    case spinner, overlay, notice

    /// The letter used for this role in snapshot roles layers (`Canvas.rolesLayer()`).
    ///
    /// Legend: `.` normal, `T` title, `H` stepHeader, `C` stepCounter, `L` label, `h` hint,
    /// `f` fieldText, `F` fieldFocused, `p` placeholder, `E` error, `S` success, `W` warning,
    /// `*` secret, `U` link, `m` muted, `k` helpKey, `t` helpText, `s` selected, `R` focusRow,
    /// `b` button, `B` buttonFocused, `x` checkbox, `#` border, `+` diffAdded,
    /// `-` diffRemoved, `@` spinner, `o` overlay, `N` notice.
    public var snapshotLetter: Character {
        switch self {
        case .normal: return "."
        case .title: return "T"
        case .stepHeader: return "H"
        case .stepCounter: return "C"
        case .label: return "L"
        case .hint: return "h"
        case .fieldText: return "f"
        case .fieldFocused: return "F"
        case .placeholder: return "p"
        case .error: return "E"
        case .success: return "S"
        case .warning: return "W"
        case .secret: return "*"
        case .link: return "U"
        case .muted: return "m"
        case .helpKey: return "k"
        case .helpText: return "t"
        case .selected: return "s"
        case .focusRow: return "R"
        case .button: return "b"
        case .buttonFocused: return "B"
        case .checkbox: return "x"
        case .border: return "#"
        case .diffAdded: return "+"
        case .diffRemoved: return "-"
        case .spinner: return "@"
        case .overlay: return "o"
        case .notice: return "N"
        }
    }
}
