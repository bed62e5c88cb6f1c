/// How many terminal columns text occupies, from Unicode properties (no dependency).
///
/// Wide: East Asian Wide/Fullwidth ranges (CJK, Hangul, fullwidth forms) and emoji shown in
/// emoji presentation (by default or via U+FE0F). Zero: a grapheme made only of combining
/// marks or format characters. Everything else: one column. This mirrors what terminals'
/// `wcwidth` does closely enough for the strings bbclerk shows.
public enum DisplayWidth {
    /// Columns for one grapheme cluster: 0, 1 or 2.
    public static func of(_ grapheme: Character) -> Int {
        let scalars = grapheme.unicodeScalars
        guard let first = scalars.first else { return 0 }
        if first.isASCII {
            // Fast path; controls are replaced before drawing and count as one column then.
            return 1
        }
        var sawBase = false
        for scalar in scalars {
            if scalar.value == 0xFE0F { return 2 }
            if isWide(scalar) { return 2 }
            if !isZeroWidth(scalar) { sawBase = true }
        }
        return sawBase ? 1 : 0
    }

    /// Columns for a whole string (sum over its grapheme clusters).
    public static func of(_ text: some StringProtocol) -> Int {
        var total = 0
        for grapheme in text { total += of(grapheme) }
        return total
    }

    /// The text cut to at most `width` columns; if it was cut, the last column is "…".
    public static func truncate(_ text: String, to width: Int, ellipsis: Character = "…") -> String {
        guard width > 0 else { return "" }
        if of(text) <= width { return text }
        var out = ""
        var used = 0
        let budget = width - of(ellipsis)
        for grapheme in text {
            let w = of(grapheme)
            if used + w > budget { break }
            out.append(grapheme)
            used += w
        }
        out.append(ellipsis)
        return out
    }

    /// Pads with spaces (or cuts with "…") to exactly `width` columns.
    public static func pad(_ text: String, to width: Int) -> String {
        let cut = truncate(text, to: width)
        let w = of(cut)
        return w < width ? cut + String(repeating: " ", count: width - w) : cut
    }

    static func isZeroWidth(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format:
            return true
        default:
            // Hangul Jamo medial vowels and final consonants join the preceding syllable.
            return (0x1160...0x11FF).contains(scalar.value) || (0xFE00...0xFE0F).contains(scalar.value)
        }
    }

    static func isWide(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v < 0x1100 { return false }
        if scalar.properties.isEmojiPresentation { return true }
        switch v {
        case 0x1100...0x115F, 0x2329, 0x232A,
             0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
             0xA000...0xA4CF, 0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF,
             0xFE10...0xFE19, 0xFE30...0xFE6F, 0xFF00...0xFF60, 0xFFE0...0xFFE6,
             0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x2FFFD, 0x30000...0x3FFFD:
            return true
        default:
            return false
        }
    }
}
