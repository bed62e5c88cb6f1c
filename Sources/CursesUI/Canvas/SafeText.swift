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
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: return true // C0, DEL, C1 (includes ESC and CSI)
        case 0x202A...0x202E, 0x2066...0x2069: return true // bidi embeddings, overrides, isolates
        case 0x200E, 0x200F, 0x061C: return true // bidi marks
        default: return false
        }
    }
}
