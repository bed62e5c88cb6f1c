import Basics
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The part of Bitbucket's query language (BBQL, the `q` parameter) that the sandbox's list
/// endpoints need: `field op value` comparisons joined by `AND`/`OR`, with parentheses.
///
/// Operators as Bitbucket documents them: `=`, `!=`, `~` (contains, case-insensitive),
/// `!~`, `>`, `>=`, `<`, `<=`; values are double-quoted strings (backslash escapes),
/// numbers, `true`, `false` or `null`. `IN`/`NOT IN` and dates are left out: no sandbox
/// endpoint filters on anything but strings. Each endpoint names the fields it filters on,
/// and any other field is refused, as Bitbucket refuses fields it cannot filter.
struct BitbucketQuery: Sendable {
    enum Literal: Sendable, Equatable {
        case string(String), number(Double), bool(Bool), null
    }

    enum Operator: String, Sendable, CaseIterable {
        case equal = "=", notEqual = "!=", contains = "~", notContains = "!~"
        case greater = ">", greaterOrEqual = ">=", less = "<", lessOrEqual = "<="
    }

    indirect enum Expression: Sendable {
        case comparison(field: String, op: Operator, value: Literal)
        case and(Expression, Expression)
        case or(Expression, Expression)
    }

    /// Why a query was refused; `message` goes into Bitbucket's error envelope.
    struct Invalid: Error, Sendable {
        var message: String
    }

    let expression: Expression

    /// Parses `text`, refusing fields outside `fields` (compared as written: BBQL field
    /// names are case-sensitive).
    init(_ text: String, fields: Set<String>) throws(Invalid) {
        var parser = Parser(tokens: try Self.tokens(text), fields: fields)
        expression = try parser.expression()
        if let extra = parser.peek {
            throw Invalid(message: "Invalid query: unexpected \(extra.described) in \"\(text)\"")
        }
    }

    /// Whether a value matches; `value(field)` gives the object's string for a field.
    func matches(_ value: (String) -> String?) -> Bool {
        Self.evaluate(expression, value)
    }

    private static func evaluate(_ expression: Expression, _ value: (String) -> String?) -> Bool {
        switch expression {
        case .and(let left, let right): return evaluate(left, value) && evaluate(right, value)
        case .or(let left, let right): return evaluate(left, value) || evaluate(right, value)
        case .comparison(let field, let op, let literal):
            let actual = value(field)
            guard case .string(let expected) = literal else {
                // The parser lets only strings and `null` through; `= null` means "not set".
                switch op {
                case .equal: return actual == nil
                case .notEqual: return actual != nil
                default: return false
                }
            }
            guard let actual else { return op == .notEqual || op == .notContains }
            switch op {
            case .equal: return actual == expected
            case .notEqual: return actual != expected
            case .contains: return actual.containsIgnoringCase(expected)
            case .notContains: return !actual.containsIgnoringCase(expected)
            case .greater: return actual > expected
            case .greaterOrEqual: return actual >= expected
            case .less: return actual < expected
            case .lessOrEqual: return actual <= expected
            }
        }
    }

    // MARK: Tokens

    enum Token: Equatable {
        case field(String), literal(Literal), op(Operator), and, or, open, close

        var described: String {
            switch self {
            case .field(let name): "'\(name)'"
            case .literal(let literal): "value \(literal)"
            case .op(let op): "'\(op.rawValue)'"
            case .and: "'AND'"
            case .or: "'OR'"
            case .open: "'('"
            case .close: "')'"
            }
        }
    }

    static func tokens(_ text: String) throws(Invalid) -> [Token] {
        var tokens: [Token] = []
        let characters = Array(text)
        var index = 0
        func fail(_ why: String) -> Invalid { Invalid(message: "Invalid query: \(why) at position \(index + 1) in \"\(text)\"") }
        while index < characters.count {
            let character = characters[index]
            if character.isWhitespace {
                index += 1
            } else if character == "(" || character == ")" {
                tokens.append(character == "(" ? .open : .close)
                index += 1
            } else if character == "\"" {
                var value = ""
                index += 1
                var closed = false
                while index < characters.count {
                    let next = characters[index]
                    if next == "\\", index + 1 < characters.count {
                        value.append(characters[index + 1])
                        index += 2
                    } else if next == "\"" {
                        closed = true
                        index += 1
                        break
                    } else {
                        value.append(next)
                        index += 1
                    }
                }
                guard closed else { throw fail("unterminated string") }
                tokens.append(.literal(.string(value)))
            } else if "=!~<>".contains(character) {
                let two = index + 1 < characters.count ? String([character, characters[index + 1]]) : ""
                if let op = Operator(rawValue: two) {
                    tokens.append(.op(op))
                    index += 2
                } else if let op = Operator(rawValue: String(character)) {
                    tokens.append(.op(op))
                    index += 1
                } else {
                    throw fail("unknown operator '\(character)'")
                }
            } else if character.isLetter || character.isNumber || character == "_" || character == "-" || character == "." {
                var word = ""
                while index < characters.count,
                      characters[index].isLetter || characters[index].isNumber || "_-.".contains(characters[index]) {
                    word.append(characters[index])
                    index += 1
                }
                switch word.uppercased() {
                case "AND": tokens.append(.and)
                case "OR": tokens.append(.or)
                case "TRUE": tokens.append(.literal(.bool(true)))
                case "FALSE": tokens.append(.literal(.bool(false)))
                case "NULL": tokens.append(.literal(.null))
                default:
                    if let number = Double(word) {
                        tokens.append(.literal(.number(number)))
                    } else {
                        tokens.append(.field(word))
                    }
                }
            } else {
                throw fail("unexpected character '\(character)'")
            }
        }
        return tokens
    }

    // MARK: Grammar (OR binds looser than AND)

    private struct Parser {
        var tokens: [Token]
        let fields: Set<String>
        var position = 0

        var peek: Token? { position < tokens.count ? tokens[position] : nil }

        mutating func next() -> Token? {
            defer { position += 1 }
            return peek
        }

        mutating func expression() throws(Invalid) -> Expression {
            var left = try conjunction()
            while peek == .or {
                position += 1
                left = .or(left, try conjunction())
            }
            return left
        }

        mutating func conjunction() throws(Invalid) -> Expression {
            var left = try term()
            while peek == .and {
                position += 1
                left = .and(left, try term())
            }
            return left
        }

        mutating func term() throws(Invalid) -> Expression {
            switch next() {
            case .open?:
                let inner = try expression()
                guard next() == .close else { throw Invalid(message: "Invalid query: missing ')'") }
                return inner
            case .field(let name)?:
                guard fields.contains(name) else {
                    throw Invalid(message: "Field \"\(name)\" does not support filtering")
                }
                guard case .op(let op)? = next() else {
                    throw Invalid(message: "Invalid query: expected an operator after '\(name)'")
                }
                guard case .literal(let value)? = next() else {
                    throw Invalid(message: "Invalid query: expected a value after '\(op.rawValue)'")
                }
                if case .string = value {} else if value != .null {
                    throw Invalid(message: "Invalid query: \"\(name)\" is a string field; quote the value")
                }
                return .comparison(field: name, op: op, value: value)
            case let other?:
                throw Invalid(message: "Invalid query: expected a field name, found \(other.described)")
            case nil:
                throw Invalid(message: "Invalid query: the query ends too early")
            }
        }
    }
}
