import Foundation

/// Reads what `tmux capture-pane -e` gives: text with SGR escapes (`ESC [ … m`). Enough of
/// ECMA-48 to tell which cells are drawn reversed or on a background colour (how focus is
/// shown) and whether any colour is used at all.
enum SGR {
    struct Style: Equatable {
        var reverse = false
        var background = false
        var foreground = false
    }

    struct Cell {
        let character: Character
        let style: Style
    }

    /// Every SGR sequence's parameters, in order (an empty list for `ESC [ m`).
    static func sequences(in styled: String) -> [[Int]] {
        var result: [[Int]] = []
        scan(styled) { result.append($0) } onCharacter: { _ in }
        return result
    }

    /// Whether any sequence sets a foreground or background colour (8/16-colour, 256-colour
    /// or direct colour); 39 and 49 (the defaults) are not colours.
    static func usesColour(_ styled: String) -> Bool {
        sequences(in: styled).contains { colourParameters(in: $0).isEmpty == false }
    }

    /// The colour-setting parameters of one sequence, as text (`"38;5;117"`, `"31"`).
    static func colourParameters(in params: [Int]) -> [String] {
        var found: [String] = []
        var index = 0
        while index < params.count {
            let value = params[index]
            switch value {
            case 30...37, 40...47, 90...97, 100...107:
                found.append("\(value)")
            case 38, 48:
                if index + 2 < params.count, params[index + 1] == 5 {
                    found.append("\(value);5;\(params[index + 2])")
                    index += 2
                } else if index + 4 < params.count, params[index + 1] == 2 {
                    found.append(params[index...index + 4].map(String.init).joined(separator: ";"))
                    index += 4
                } else {
                    found.append("\(value)")
                }
            default:
                break
            }
            index += 1
        }
        return found
    }

    /// One styled line as cells with the style in force for each.
    static func cells(of styledLine: String) -> [Cell] {
        var style = Style()
        var cells: [Cell] = []
        scan(styledLine) { params in
            apply(params, to: &style)
        } onCharacter: { character in
            cells.append(Cell(character: character, style: style))
        }
        return cells
    }

    /// The screen's lines, each with the text drawn highlighted (reverse video or on a
    /// background colour), runs joined by a space; lines without any are left out.
    static func highlighted(_ styledScreen: String) -> [(line: String, highlighted: String)] {
        var style = Style()
        var result: [(String, String)] = []
        for styledLine in styledScreen.components(separatedBy: "\n") {
            // tmux carries the style over from line to line: keep `style`.
            var plain = ""
            var runs: [String] = []
            var current = ""
            scan(styledLine) { params in
                apply(params, to: &style)
            } onCharacter: { character in
                plain.append(character)
                if style.reverse || style.background {
                    current.append(character)
                } else if !current.isEmpty {
                    runs.append(current)
                    current = ""
                }
            }
            if !current.isEmpty { runs.append(current) }
            let text = runs.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.joined(separator: " ")
            if !text.isEmpty { result.append((plain, text)) }
        }
        return result
    }

    /// The lines that show reverse video (SGR 7) somewhere on them, as plain text.
    static func reversedLines(_ styledScreen: String) -> [String] {
        var style = Style()
        var lines: [String] = []
        for styledLine in styledScreen.components(separatedBy: "\n") {
            var plain = ""
            var reversed = false
            scan(styledLine) { params in
                apply(params, to: &style)
            } onCharacter: { character in
                plain.append(character)
                if style.reverse && character != " " { reversed = true }
            }
            if reversed { lines.append(plain) }
        }
        return lines
    }

    /// The text without escapes.
    static func plain(_ styled: String) -> String {
        var text = ""
        scan(styled) { _ in } onCharacter: { text.append($0) }
        return text
    }

    private static func apply(_ params: [Int], to style: inout Style) {
        let params = params.isEmpty ? [0] : params
        var index = 0
        while index < params.count {
            switch params[index] {
            case 0: style = Style()
            case 7: style.reverse = true
            case 27: style.reverse = false
            case 30...37, 90...97: style.foreground = true
            case 39: style.foreground = false
            case 40...47, 100...107: style.background = true
            case 49: style.background = false
            case 38, 48:
                let isBackground = params[index] == 48
                if index + 1 < params.count, params[index + 1] == 5 { index += 2 } else if index + 1 < params.count, params[index + 1] == 2 { index += 4 }
                if isBackground { style.background = true } else { style.foreground = true }
            default: break
            }
            index += 1
        }
    }

    /// Calls `onSequence` for each SGR sequence and `onCharacter` for each other character;
    /// other escape sequences (OSC, non-SGR CSI) are skipped.
    private static func scan(_ text: String, onSequence: ([Int]) -> Void, onCharacter: (Character) -> Void) {
        var iterator = Array(text.unicodeScalars)[...]
        var pendingText = String.UnicodeScalarView()
        func flushText() {
            for character in String(pendingText) { onCharacter(character) }
            pendingText.removeAll()
        }
        while let scalar = iterator.popFirst() {
            guard scalar == "\u{1B}" else { pendingText.append(scalar); continue }
            flushText()
            guard let kind = iterator.popFirst() else { break }
            if kind == "[" {
                var body = ""
                var final: Unicode.Scalar?
                while let next = iterator.popFirst() {
                    if (0x40...0x7E).contains(next.value) { final = next; break }
                    body.unicodeScalars.append(next)
                }
                if final == "m" {
                    onSequence(body.split(whereSeparator: { $0 == ";" || $0 == ":" }).map { Int($0) ?? 0 })
                }
            } else if kind == "]" {
                // OSC: up to BEL or ST.
                while let next = iterator.popFirst() {
                    if next == "\u{07}" { break }
                    if next == "\u{1B}" { _ = iterator.popFirst(); break }
                }
            }
        }
        flushText()
    }
}
