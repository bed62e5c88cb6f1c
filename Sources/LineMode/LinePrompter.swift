import Basics
import Dispatch
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif
import SetupCore

/// The line mode's input and output: whole lines out, whole lines in. No cursor movement,
/// no colour, no redraw, so a screen reader reads everything once, in order.
public protocol LinePrompter: AnyObject, Sendable {
    /// Writes `line` and a line break.
    func say(_ line: String)
    /// Writes `prompt` and a space (no line break), then reads one line without its line
    /// break; nil at the end of input. A `secret` answer is read without echo on a terminal
    /// and never written back.
    func ask(_ prompt: String, secret: Bool) async -> String?
}

/// The real prompter: standard output and standard input.
public final class StandardLinePrompter: LinePrompter, @unchecked Sendable {
    /// Whether standard input is a terminal (echo can be turned off; typed answers echo).
    public let inputIsTerminal: Bool
    /// Whether the locale is not UTF-8 (`LANG=C`): then "…" and "→" are written "..." and
    /// "->", as the wizard draws them, instead of bytes the terminal shows as garbage.
    private let spellsASCII: Bool
    private let echo: EchoOff
    private let readQueue = DispatchQueue(label: "bbclerk.line-mode.stdin")
    private let lock = ThreadLock()

    public init(echo: EchoOff = .standardInput) {
        self.echo = echo
        inputIsTerminal = isatty(STDIN_FILENO) == 1
        spellsASCII = !ASCIIFallback.localeIsUTF8()
    }

    /// Every line is sanitised on its way out (a backstop: the app already cleans what came
    /// from the network), so no escape sequence or bidi override reaches the terminal.
    public func say(_ line: String) { write(printable(line) + "\n") }

    public func ask(_ prompt: String, secret: Bool) async -> String? {
        // Echo goes off before the prompt shows, so an answer typed the moment it appears
        // is never echoed.
        let hidden = secret && inputIsTerminal && echo.disable()
        write(printable(prompt) + " ")
        let inputIsTerminal = inputIsTerminal
        let echo = echo
        let line: String? = await withCheckedContinuation { continuation in
            // Off the cooperative pool: a blocking read must not hold up network work.
            readQueue.async {
                let line = Swift.readLine(strippingNewline: true)
                // Nothing echoed the line break (hidden input, or input that is not a
                // terminal); it is written before echo returns, so type-ahead lands after it.
                if hidden || !inputIsTerminal || line == nil { self.write("\n") }
                if hidden { echo.restore() }
                continuation.resume(returning: line)
            }
        }
        return line.map { $0.hasSuffix("\r") ? String($0.dropLast()) : $0 }
    }

    /// `text` without controls, escape sequences or bidi overrides, never cut short; in
    /// ASCII where the locale is not UTF-8.
    private func printable(_ text: String) -> String {
        let clean = DisplayText.sanitize(text, limit: Int.max)
        return spellsASCII ? ASCIIFallback.text(clean) : clean
    }

    private func write(_ text: String) {
        lock.withLock { SystemIO.writeAll(1, text) }
    }
}
