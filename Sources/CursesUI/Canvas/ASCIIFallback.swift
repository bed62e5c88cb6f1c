import Basics

/// Text for a terminal without a UTF-8 locale (`LANG=C`, sudo, minimal containers, SSH without
/// locale forwarding): there ncurses cannot draw anything beyond ASCII, and "sk_…" or
/// "✓ Signed in" would lose characters without a trace. Typographic characters become their
/// usual ASCII spelling; anything else outside ASCII becomes "?", so a cell is never silently
/// empty.
enum ASCIIFallback {
    static func text(_ text: String) -> String {
        guard !text.unicodeScalars.allSatisfy(\.isASCII) else { return text }
        var out = ""
        // Arrow pairs as words: "^v" would read as Ctrl-V beside ^U and ^C.
        let text = text.replacingPairs([("↑↓", "Up/Dn"), ("↓ / ↑", "Dn / Up"), ("←→", "Left/Right")])
        for grapheme in text {
            if grapheme.unicodeScalars.allSatisfy(\.isASCII) {
                out.append(grapheme)
            } else {
                out += spelling[grapheme] ?? "?"
            }
        }
        return out
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
