/// Word wrapping by display width, for dialog bodies and long notes.
public enum TextWrap {
    /// Splits `text` into lines of at most `width` columns, breaking at spaces where it can
    /// and inside words only when a single word is too long (unless `breaksLongWords` is
    /// false: then such a word is a line of its own, wider than `width`, for the caller to
    /// flow unbroken). "\n" starts a new line.
    public static func wrap(_ text: String, width: Int, breaksLongWords: Bool = true) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            var lineWidth = 0
            for word in paragraph.split(separator: " ", omittingEmptySubsequences: true) {
                var word = String(word)
                var wordWidth = DisplayWidth.of(word)
                if lineWidth > 0 && lineWidth + 1 + wordWidth <= width {
                    line += " " + word
                    lineWidth += 1 + wordWidth
                    continue
                }
                if lineWidth > 0 {
                    lines.append(line)
                    line = ""
                    lineWidth = 0
                }
                while breaksLongWords, wordWidth > width {
                    var head = ""
                    var headWidth = 0
                    for g in word {
                        let w = DisplayWidth.of(g)
                        if headWidth + w > width { break }
                        head.append(g)
                        headWidth += w
                    }
                    if head.isEmpty { break } // a single grapheme wider than the line
                    lines.append(head)
                    word = String(word.dropFirst(head.count))
                    wordWidth = DisplayWidth.of(word)
                }
                line = word
                lineWidth = wordWidth
            }
            lines.append(line)
        }
        return lines
    }
}
