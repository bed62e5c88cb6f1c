import Basics
#if canImport(Glibc)
import Glibc
#endif

/// Text for a terminal without a UTF-8 locale (`LANG=C`, sudo, minimal containers, SSH without
/// locale forwarding): there neither ncurses nor the line mode's terminal can show anything
/// beyond ASCII, and "sk_…" or "✓ Signed in" would lose characters without a trace. Typographic characters become their
/// usual ASCII spelling; anything else outside ASCII becomes "?", so a cell is never silently
/// empty.
public enum ASCIIFallback {
    /// `text` in ASCII. `columns` gives the columns a grapheme takes on a UTF-8 terminal: an
    /// unknown one becomes as many "?" (the screens pass theirs, so that "日本" keeps its four
    /// columns and a text field's cursor stays after it).
    public static func text(_ text: String, columns: (Character) -> Int = { _ in 1 }) -> String {
        guard !text.unicodeScalars.allSatisfy(\.isASCII) else { return text }
        var out = ""
        // Arrow pairs as words: "^v" would read as Ctrl-V beside ^U and ^C.
        let text = text.replacingPairs([("↑↓", "Up/Dn"), ("↓ / ↑", "Dn / Up"), ("←→", "Left/Right")])
        for grapheme in text {
            if grapheme.unicodeScalars.allSatisfy(\.isASCII) {
                out.append(grapheme)
            } else {
                out += spelling[grapheme] ?? String(repeating: "?", count: max(1, columns(grapheme)))
            }
        }
        return out
    }

    /// Whether the terminal's character set is UTF-8, as the C library's locale says
    /// (`LC_ALL`, `LC_CTYPE`, `LANG`). Sets the process's character-type locale from the
    /// environment, which ncurses needs too; only that category (loading the others cost
    /// about a millisecond before the first frame).
    public static func localeIsUTF8() -> Bool {
        setlocale(LC_CTYPE, "")
        let codeset = String(cString: nl_langinfo(nl_item(CODESET)))
        return codeset.uppercased().filter { $0 != "-" } == "UTF8"
    }

    private static let spelling: [Character: String] = [
        "…": "...", "—": "--", "–": "-", "·": "-", "•": "*", "→": "->", "←": "<-", "↑": "Up", "↓": "Dn",
        // + and X, not v and x: v is a key (check again) and [x] a ticked box.
        "✓": "+", "✔": "+", "✗": "X", "✘": "X", "×": "x", "›": ">", "‹": "<", "»": ">>", "«": "<<",
        "“": "\"", "”": "\"", "„": "\"", "‘": "'", "’": "'", "━": "=", "─": "-", "│": "|",
        "┌": "+", "┐": "+", "└": "+", "┘": "+", "⏎": "Enter", "\u{A0}": " ", "≤": "<=", "≥": ">=",
    ]
}

private extension String {
    /// The text with each pair's first string replaced by its second, in order.
    func replacingPairs(_ pairs: [(String, String)]) -> String {
        var scalars = Array(unicodeScalars)
        for (from, to) in pairs {
            let pattern = Array(from.unicodeScalars), replacement = Array(to.unicodeScalars)
            var start = 0
            while let found = scalars.offset(of: pattern, from: start) {
                scalars.replaceSubrange(found..<(found + pattern.count), with: replacement)
                start = found + replacement.count
            }
        }
        var result = ""
        result.unicodeScalars.append(contentsOf: scalars)
        return result
    }
}
