import SetupCore

/// The canvas' last line of defence against terminal injection.
///
/// Network strings are sanitised in SetupCore before they reach a screen; this makes sure
/// that whatever slips through can never emit a control sequence: C0/C1 controls, DEL, ESC
/// and bidi overrides are drawn as "�" instead (a tab as a space), so the screen shows
/// that something odd was there without the terminal acting on it.
public enum SafeText {
    /// The character drawn in place of an unsafe one.
    public static let replacement: Character = "\u{FFFD}"

    /// The grapheme to draw for `grapheme`: itself, or a replacement if it is unsafe.
    public static func displayable(_ grapheme: Character) -> Character {
        if grapheme == "\t" { return " " }
        for scalar in grapheme.unicodeScalars where isUnsafe(scalar) {
            return replacement
        }
        return grapheme
    }

    /// True for scalars that must never reach the terminal.
    public static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        DisplayText.isControl(scalar) || DisplayText.isBidiControl(scalar)
    }
}
