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
    private let echo: EchoOff
    private let readQueue = DispatchQueue(label: "bbclerk.line-mode.stdin")
    private let lock = ThreadLock()

    public init(echo: EchoOff = .standardInput) {
        self.echo = echo
        inputIsTerminal = isatty(STDIN_FILENO) == 1
    }

    /// Every line is sanitised on its way out (a backstop: the app already cleans what came
    /// from the network), so no escape sequence or bidi override reaches the terminal.
    public func say(_ line: String) { write(Self.printable(line) + "\n") }

    public func ask(_ prompt: String, secret: Bool) async -> String? {
        // Echo goes off before the prompt shows, so an answer typed the moment it appears
        // is never echoed.
        let hidden = secret && inputIsTerminal && echo.disable()
        write(Self.printable(prompt) + " ")
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

    /// `text` without controls, escape sequences or bidi overrides, never cut short.
    static func printable(_ text: String) -> String { DisplayText.sanitize(text, limit: Int.max) }

    private func write(_ text: String) {
        lock.withLock { SystemIO.writeAll(1, text) }
    }
}

/// A prompter for tests: answers come from a script, everything written is kept.
///
/// Each scripted answer may name text its prompt must contain; a prompt that does not
/// match ends the input (as EOF would) and is listed in ``mismatches``, so a test that
/// drifts out of step fails with the prompt it met instead of answering the wrong question.
public final class ScriptedLinePrompter: LinePrompter, @unchecked Sendable {
    public struct Answer: Sendable, ExpressibleByStringLiteral {
        public var expect: String?
        public var text: String
        public init(_ text: String, when expect: String? = nil) {
            self.text = text
            self.expect = expect
        }
        public init(stringLiteral text: String) { self.init(text) }
    }

    private let lock = ThreadLock()
    private var answers: [Answer]
    private var _written = ""
    private var _transcript = ""
    private var _prompts: [String] = []
    private var _mismatches: [String] = []

    public init(_ answers: [Answer]) { self.answers = answers }

    /// Exactly what the app wrote: lines and prompts, never an answer.
    public var written: String { lock.withLock { _written } }
    /// What a terminal would show: the app's output with typed answers echoed (secret
    /// answers are not, as with echo off).
    public var transcript: String { lock.withLock { _transcript } }
    /// Every prompt asked, in order.
    public var prompts: [String] { lock.withLock { _prompts } }
    /// Prompts that did not contain what the script expected.
    public var mismatches: [String] { lock.withLock { _mismatches } }
    /// Answers not used.
    public var remaining: Int { lock.withLock { answers.count } }

    public func say(_ line: String) {
        lock.withLock {
            _written += line + "\n"
            _transcript += line + "\n"
        }
    }

    public func ask(_ prompt: String, secret: Bool) async -> String? {
        lock.withLock {
            _written += prompt + " "
            _transcript += prompt + " "
            _prompts.append(prompt)
            guard !answers.isEmpty else {
                _transcript += "\n"
                return nil
            }
            let answer = answers.removeFirst()
            if let expect = answer.expect, !prompt.contains(expect) {
                _mismatches.append("expected a prompt with \"\(expect)\", got \"\(prompt)\"")
                answers.removeAll()
                _transcript += "\n"
                return nil
            }
            _transcript += (secret ? "" : answer.text) + "\n"
            return answer.text
        }
    }
}
