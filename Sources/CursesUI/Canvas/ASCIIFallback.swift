/// Text for a terminal without a UTF-8 locale (`LANG=C`, sudo, minimal containers, SSH without
/// locale forwarding): there ncurses cannot draw anything beyond ASCII, and "sk_…" or
/// "✓ Signed in" would lose characters without a trace. Typographic characters become their
/// usual ASCII spelling; anything else outside ASCII becomes "?", so a cell is never silently
/// empty.
enum ASCIIFallback {
    static func text(_ text: String) -> String {
        guard !text.unicodeScalars.allSatisfy(\.isASCII) else { return text }
        var out = ""
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
        "…": "...", "—": "--", "–": "-", "·": "-", "•": "*", "→": "->", "←": "<-", "↑": "^", "↓": "v",
        "✓": "v", "✔": "v", "✗": "x", "✘": "x", "×": "x", "›": ">", "‹": "<", "»": ">>", "«": "<<",
        "“": "\"", "”": "\"", "„": "\"", "‘": "'", "’": "'", "━": "=", "─": "-", "│": "|",
        "┌": "+", "┐": "+", "└": "+", "┘": "+", "⏎": "Enter", "\u{A0}": " ", "≤": "<=", "≥": ">=",
    ]
}
