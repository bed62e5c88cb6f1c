import SetupCore

/// The one way a command's text reaches a terminal. SetupCore builds plain text; here every
/// line is sanitised (``DisplayText/terminalLines(_:)``) and then, with colour, the ✓/!/✗/–
/// mark that starts a line is coloured. Colour is added after sanitising, so the only escape
/// sequences printed are these.
enum TerminalOutput {
    /// Only on a terminal, never under `NO_COLOR` (``NoColor``) or `TERM=dumb`.
    static func useColor(isTerminal: Bool, environment: [String: String]) -> Bool {
        isTerminal && !NoColor.isRequested(environment) && environment["TERM"] != "dumb"
    }

    static func text(_ plain: String, color: Bool) -> String {
        let clean = DisplayText.terminalLines(plain)
        guard color else { return clean }
        let codes: [Character: String] = ["✓": "32", "!": "33", "✗": "31", "–": "2"]
        return clean.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            guard let first = line.first, let code = codes[first], line.dropFirst().first == " " else { return String(line) }
            return "\u{1B}[\(code)m\(first)\u{1B}[0m" + line.dropFirst()
        }.joined(separator: "\n")
    }
}
