/// A colour in a theme: the terminal's default, or one of the 16 ANSI colours by name.
/// (256-colour numbers are kept separately in `RoleStyle.fg256`/`bg256`, each with an
/// explicit named fallback for 8/16-colour terminals.)
public enum ThemeColor: Sendable, Equatable, Hashable {
    case terminalDefault
    /// 0…15: black, red, green, yellow, blue, magenta, cyan, white, then the bright ones.
    case ansi(Int)

    static let baseNames = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"]

    /// Parses "default", "red", "bright-red" (also "bright_red", "brightred"), "gray"/"grey".
    public init?(name: String) {
        let n = name.lowercased()
        if n == "default" || n == "none" { self = .terminalDefault; return }
        if n == "gray" || n == "grey" { self = .ansi(8); return }
        if let i = Self.baseNames.firstIndex(of: n) { self = .ansi(i); return }
        for prefix in ["bright-", "bright_", "bright"] where n.hasPrefix(prefix) {
            if let i = Self.baseNames.firstIndex(of: String(n.dropFirst(prefix.count))) {
                self = .ansi(i + 8)
                return
            }
        }
        return nil
    }

    /// The name used in theme files.
    public var name: String {
        switch self {
        case .terminalDefault: return "default"
        case .ansi(let i) where i < 8: return Self.baseNames[i]
        case .ansi(let i): return "bright-" + Self.baseNames[(i - 8) % 8]
        }
    }
}

/// A text attribute a role can carry; monochrome themes rely on these alone.
public enum TextAttribute: String, Sendable, CaseIterable, Hashable, Comparable {
    case bold, dim, underline, reverse, italic, standout

    public static func < (a: TextAttribute, b: TextAttribute) -> Bool { a.rawValue < b.rawValue }
}
