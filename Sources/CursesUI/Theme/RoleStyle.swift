/// How one role looks: foreground/background colours (named, plus optional 256-colour
/// numbers) and attributes.
public struct RoleStyle: Sendable, Equatable, Hashable {
    public var fg: ThemeColor
    public var bg: ThemeColor
    /// Used instead of `fg` on terminals with 256 colours or more.
    public var fg256: Int?
    /// Used instead of `bg` on terminals with 256 colours or more.
    public var bg256: Int?
    public var attributes: Set<TextAttribute>

    public init(fg: ThemeColor = .terminalDefault, bg: ThemeColor = .terminalDefault,
                fg256: Int? = nil, bg256: Int? = nil, attributes: Set<TextAttribute> = []) {
        self.fg = fg
        self.bg = bg
        self.fg256 = fg256
        self.bg256 = bg256
        self.attributes = attributes
    }

    /// A style made only of attributes (monochrome).
    public static func attrs(_ a: TextAttribute...) -> RoleStyle { RoleStyle(attributes: Set(a)) }

    /// The colour numbers (-1 = terminal default) and attributes to use on a terminal with
    /// `colorCount` colours: 256-colour values when available, else the named colour; bright
    /// colours on an 8-colour terminal become the base colour (plus bold for the foreground).
    /// With no colour support both numbers are -1.
    public func resolved(colorCount: Int) -> (fg: Int, bg: Int, attributes: Set<TextAttribute>) {
        var attrs = attributes
        guard colorCount >= 8 else { return (-1, -1, attrs) }
        func pick(_ named: ThemeColor, _ extended: Int?, isForeground: Bool) -> Int {
            if colorCount >= 256, let extended, (0..<256).contains(extended) { return extended }
            switch named {
            case .terminalDefault: return -1
            case .ansi(let i) where i >= 8 && colorCount < 16:
                if isForeground { attrs.insert(.bold) }
                return i - 8
            case .ansi(let i): return i
            }
        }
        let fg = pick(fg, fg256, isForeground: true)
        let bg = pick(bg, bg256, isForeground: false)
        return (fg, bg, attrs)
    }
}
