/// A few sample lines in a theme's roles, for `bbclerk themes`: coloured with ANSI SGR
/// sequences for a terminal, or as plain text naming each line's role.
public enum ThemePreview {
    /// The sample lines: a role and the text drawn in it.
    public static func samples(glyphs: Glyphs = .unicode) -> [(role: Role, text: String)] {
        [
            (.focusRow, "\(glyphs.pointer) acme-inc \(glyphs.separator) Acme Inc."),
            (.fieldText, "Name: Acme sign-in"),
            (.fieldFocused, "Callback URL: https://clerk.acme.example/v1/oauth_callback"),
            (.error, "\(glyphs.cross) Callback URL differs from Clerk's"),
            (.success, "\(glyphs.check) Signed in as Ada Lovelace"),
            (.link, "https://bitbucket.org/acme-inc/workspace/settings/oauth-consumers/new"),
            (.diffAdded, "+ client_id: \"Xq7TbR2mVn\""),
            (.diffRemoved, "- client_id: (Clerk's shared credentials)"),
        ]
    }

    /// The preview of `theme`: with `colorCount` (8, 16, 256…) each line is wrapped in the
    /// SGR sequences of its role's style and reset after; with nil, each line is plain text
    /// behind its role's name.
    public static func lines(_ theme: Theme, colorCount: Int?, glyphs: Glyphs = .unicode) -> [String] {
        let samples = samples(glyphs: glyphs)
        guard let colorCount else {
            let width = samples.map(\.role.rawValue.count).max() ?? 0
            return samples.map { sample in
                sample.role.rawValue + String(repeating: " ", count: max(0, width - sample.role.rawValue.count)) + "  " + sample.text
            }
        }
        return samples.map { sgr(theme.style(for: $0.role), colorCount: colorCount) + $0.text + "\u{1B}[0m" }
    }

    /// The SGR sequence that sets `style` as resolved for a terminal with `colorCount` colours.
    public static func sgr(_ style: RoleStyle, colorCount: Int) -> String {
        let resolved = style.resolved(colorCount: colorCount)
        var codes = ["0"]
        let attributeCodes: [TextAttribute: String] = [.bold: "1", .dim: "2", .italic: "3", .underline: "4",
                                                        .reverse: "7", .standout: "7"]
        codes += Set(resolved.attributes.compactMap { attributeCodes[$0] }).sorted()
        func color(_ n: Int, base: Int, brightBase: Int) -> String? {
            switch n {
            case ..<0: return nil
            case 0..<8: return String(base + n)
            case 8..<16: return String(brightBase + n - 8)
            default: return "\(base + 8);5;\(n)"
            }
        }
        if let fg = color(resolved.fg, base: 30, brightBase: 90) { codes.append(fg) }
        if let bg = color(resolved.bg, base: 40, brightBase: 100) { codes.append(bg) }
        return "\u{1B}[" + codes.joined(separator: ";") + "m"
    }

    /// The number of colours to preview with, from `TERM` and `COLORTERM`: 256 for
    /// `*-256color` and true-colour terminals, 8 for the bare `linux`/`vt100`-style ones, else 16.
    public static func colorCount(environment: [String: String]) -> Int {
        let term = environment["TERM"] ?? ""
        let colorTerm = (environment["COLORTERM"] ?? "").lowercased()
        if term.contains("256") || colorTerm == "truecolor" || colorTerm == "24bit" { return 256 }
        if term == "linux" || term.hasPrefix("vt") || term == "ansi" { return 8 }
        return 16
    }
}
