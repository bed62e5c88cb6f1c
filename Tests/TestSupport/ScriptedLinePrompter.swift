import CursesUI
import LineMode
import Foundation

/// A `LinePrompter` for tests of the line mode: answers come from a script, everything
/// written is kept.
///
/// Each scripted answer may name text its prompt must contain; a prompt that does not
/// match ends the input (as EOF would) and is listed in ``mismatches``, so a test that
/// drifts out of step fails with the prompt it met instead of answering the wrong question.
public final class ScriptedLinePrompter: LinePrompter, @unchecked Sendable {
    /// One scripted answer: its text, and optionally text its prompt must contain.
    public struct Answer: Sendable, ExpressibleByStringLiteral {
        public var expect: String?
        public var text: String
        public init(_ text: String, when expect: String? = nil) {
            self.text = text
            self.expect = expect
        }
        public init(stringLiteral text: String) { self.init(text) }
    }

    private let lock = NSLock()
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
