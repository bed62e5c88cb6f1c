#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Any JSON document, as a value: what bbclerk keeps of remote answers whose shape is open
/// (Clerk's config objects, error `detail`s that are a string or an object).
///
/// `prettyText` renders it with sorted keys and fixed indentation, so two values can be
/// diffed line by line and the same value always reads the same.
public enum JSONValue: Sendable, Hashable, Codable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    // MARK: Codable

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            // Bool before Double: a JSON `true` must not become 1.
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else if let value = try? container.decode([String: JSONValue].self) {
            self = .object(value)
        } else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "Not a JSON value")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }

    /// Parses a JSON document (any top-level value). A document nested deeper than
    /// ``maxNesting`` is refused before decoding: decoding recurses once per level, and a
    /// hostile body of 100 000 `[` must fail at once, not exhaust the stack.
    ///
    /// Parsed in one pass by ``Parser`` rather than through `Decodable`: decoding an open
    /// value through a container means trying each type in turn, which took 19 s for a 1 MiB
    /// array of `{}` (a body within the size limit); this takes milliseconds.
    public init(parsing data: Data) throws {
        try JSONValue.checkNesting(data)
        self = try data.withUnsafeBytes { raw in
            var parser = Parser(bytes: raw)
            return try parser.document()
        }
    }

    /// Deeper than any real answer (Clerk's config objects nest about 6 levels), and shallow
    /// enough for the recursive decoders on any thread's stack.
    public static let maxNesting = 128

    /// Throws when `data` opens more than ``maxNesting`` arrays or objects at once. One pass
    /// over the bytes, skipping strings; whether the rest is valid JSON is the decoder's job.
    public static func checkNesting(_ data: Data) throws {
        var depth = 0
        var inString = false
        var escaped = false
        for byte in data {
            if inString {
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
                if depth > maxNesting {
                    throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "nested deeper than \(maxNesting) levels"))
                }
            case UInt8(ascii: "]"), UInt8(ascii: "}"): depth = max(0, depth - 1)
            default: break
            }
        }
    }

    /// Compact JSON with sorted keys: stable bytes for request bodies.
    public func jsonData() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding a JSONValue cannot fail: every case maps to a JSON value (non-finite
        // numbers are the one exception and are written as null by `prettyText` too).
        return (try? encoder.encode(self.finite)) ?? Data("null".utf8)
    }

    // MARK: Accessors

    /// The member `key` of an object; nil for anything else or a missing key.
    public subscript(key: String) -> JSONValue? {
        if case .object(let members) = self { return members[key] }
        return nil
    }

    /// The element at `index` of an array; nil out of range or for anything else.
    public subscript(index: Int) -> JSONValue? {
        if case .array(let elements) = self, elements.indices.contains(index) { return elements[index] }
        return nil
    }

    public var stringValue: String? { if case .string(let v) = self { return v }; return nil }
    public var boolValue: Bool? { if case .bool(let v) = self { return v }; return nil }
    public var arrayValue: [JSONValue]? { if case .array(let v) = self { return v }; return nil }
    public var objectValue: [String: JSONValue]? { if case .object(let v) = self { return v }; return nil }
    public var isNull: Bool { self == .null }

    /// The number as an `Int` when it is integral and in range.
    public var intValue: Int? {
        guard case .number(let v) = self, v.rounded() == v, abs(v) < 9.0e15 else { return nil }
        return Int(v)
    }

    /// The strings of an array of strings (other elements skipped), or the words of a
    /// space-separated string: how OAuth scopes arrive in either form.
    public var stringList: [String]? {
        switch self {
        case .array(let elements): return elements.compactMap(\.stringValue)
        case .string(let text): return text.split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init)
        default: return nil
        }
    }

    // MARK: Text

    /// Indented JSON with sorted keys, two spaces per level, integers without a fraction:
    /// stable text for before/after diffs.
    public var prettyText: String {
        var out = ""
        write(into: &out, indent: 0)
        return out
    }

    private func write(into out: inout String, indent: Int) {
        let pad = String(repeating: "  ", count: indent)
        let inner = String(repeating: "  ", count: indent + 1)
        switch self {
        case .null: out += "null"
        case .bool(let v): out += v ? "true" : "false"
        case .number(let v): out += JSONValue.format(v)
        case .string(let v): out += JSONValue.quote(v)
        case .array(let elements):
            if elements.isEmpty { out += "[]"; return }
            out += "[\n"
            for (i, element) in elements.enumerated() {
                out += inner
                element.write(into: &out, indent: indent + 1)
                out += i == elements.count - 1 ? "\n" : ",\n"
            }
            out += pad + "]"
        case .object(let members):
            if members.isEmpty { out += "{}"; return }
            out += "{\n"
            let keys = members.keys.sorted()
            for (i, key) in keys.enumerated() {
                out += inner + JSONValue.quote(key) + ": "
                members[key]!.write(into: &out, indent: indent + 1)
                out += i == keys.count - 1 ? "\n" : ",\n"
            }
            out += pad + "}"
        }
    }

    private static func format(_ v: Double) -> String {
        guard v.isFinite else { return "null" }
        if v.rounded() == v, abs(v) < 9.0e15 { return String(Int(v)) }
        return String(v)
    }

    private static func quote(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if DisplayText.isControl(scalar) {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// The same value with non-finite numbers (which JSON cannot hold) replaced by null.
    private var finite: JSONValue {
        switch self {
        case .number(let v) where !v.isFinite: return .null
        case .array(let elements): return .array(elements.map(\.finite))
        case .object(let members): return .object(members.mapValues(\.finite))
        default: return self
        }
    }
}

extension JSONValue: ExpressibleByNilLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral, ExpressibleByStringLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    public init(nilLiteral: ()) { self = .null }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(integerLiteral value: Int) { self = .number(Double(value)) }
    public init(floatLiteral value: Double) { self = .number(value) }
    public init(stringLiteral value: String) { self = .string(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
}

extension JSONValue {
    /// RFC 8259 JSON over raw bytes: one pass, no backtracking. Nesting is bounded by
    /// ``JSONValue/checkNesting(_:)`` before it runs, so its recursion is too.
    struct Parser {
        let bytes: UnsafeRawBufferPointer
        var index = 0

        init(bytes: UnsafeRawBufferPointer) {
            self.bytes = bytes
        }

        /// The single value `bytes` hold, with only whitespace around it.
        mutating func document() throws -> JSONValue {
            skipWhitespace()
            let value = try self.value()
            skipWhitespace()
            guard index == bytes.count else { throw failure("unexpected data after the value") }
            return value
        }

        private mutating func value() throws -> JSONValue {
            guard index < bytes.count else { throw failure("unexpected end") }
            switch bytes[index] {
            case UInt8(ascii: "{"): return try object()
            case UInt8(ascii: "["): return try array()
            case UInt8(ascii: "\""): return .string(try string())
            case UInt8(ascii: "t"): try literal("true"); return .bool(true)
            case UInt8(ascii: "f"): try literal("false"); return .bool(false)
            case UInt8(ascii: "n"): try literal("null"); return .null
            default: return .number(try number())
            }
        }

        private mutating func object() throws -> JSONValue {
            index += 1
            var members: [String: JSONValue] = [:]
            skipWhitespace()
            if peek(UInt8(ascii: "}")) { index += 1; return .object(members) }
            while true {
                skipWhitespace()
                guard peek(UInt8(ascii: "\"")) else { throw failure("expected a member name") }
                let key = try string()
                skipWhitespace()
                try expect(UInt8(ascii: ":"))
                skipWhitespace()
                members[key] = try value()
                skipWhitespace()
                if peek(UInt8(ascii: ",")) { index += 1; continue }
                try expect(UInt8(ascii: "}"))
                return .object(members)
            }
        }

        private mutating func array() throws -> JSONValue {
            index += 1
            var elements: [JSONValue] = []
            skipWhitespace()
            if peek(UInt8(ascii: "]")) { index += 1; return .array(elements) }
            while true {
                skipWhitespace()
                elements.append(try value())
                skipWhitespace()
                if peek(UInt8(ascii: ",")) { index += 1; continue }
                try expect(UInt8(ascii: "]"))
                return .array(elements)
            }
        }

        private mutating func string() throws -> String {
            index += 1 // the opening quote
            var utf8: [UInt8] = []
            while index < bytes.count {
                let byte = bytes[index]
                switch byte {
                case UInt8(ascii: "\""):
                    index += 1
                    guard let text = String(bytes: utf8, encoding: .utf8) else { throw failure("a string that is not UTF-8") }
                    return text
                case UInt8(ascii: "\\"):
                    index += 1
                    guard index < bytes.count else { break }
                    let escape = bytes[index]
                    index += 1
                    switch escape {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): utf8.append(escape)
                    case UInt8(ascii: "b"): utf8.append(0x08)
                    case UInt8(ascii: "f"): utf8.append(0x0C)
                    case UInt8(ascii: "n"): utf8.append(0x0A)
                    case UInt8(ascii: "r"): utf8.append(0x0D)
                    case UInt8(ascii: "t"): utf8.append(0x09)
                    case UInt8(ascii: "u"): utf8.append(contentsOf: try unicodeEscape())
                    default: throw failure("a bad escape")
                    }
                case 0..<0x20:
                    throw failure("a control character in a string")
                default:
                    utf8.append(byte)
                    index += 1
                }
            }
            throw failure("an unterminated string")
        }

        /// After `\u`: four hex digits, or a surrogate pair of two escapes; a lone surrogate
        /// becomes U+FFFD, as JSONSerialization reads it.
        private mutating func unicodeEscape() throws -> [UInt8] {
            let first = try hex4()
            var scalar = Unicode.Scalar(first)
            if (0xD800...0xDBFF).contains(first), index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") {
                let save = index
                index += 2
                let second = try hex4()
                if (0xDC00...0xDFFF).contains(second) {
                    scalar = Unicode.Scalar(0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00))
                } else {
                    index = save
                }
            }
            return Array(String(Character(scalar ?? "\u{FFFD}")).utf8)
        }

        private mutating func hex4() throws -> UInt32 {
            guard index + 4 <= bytes.count else { throw failure("a short \\u escape") }
            var value: UInt32 = 0
            for _ in 0..<4 {
                let byte = bytes[index]
                let digit: UInt8
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
                default: throw failure("a bad \\u escape")
                }
                value = value << 4 | UInt32(digit)
                index += 1
            }
            return value
        }

        /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`, finite.
        private mutating func number() throws -> Double {
            let start = index
            if peek(UInt8(ascii: "-")) { index += 1 }
            let integer = index
            let count = digits()
            guard count > 0 else { throw failure("an unexpected character") }
            guard count == 1 || bytes[integer] != UInt8(ascii: "0") else { throw failure("a number with a leading zero") }
            if peek(UInt8(ascii: ".")) {
                index += 1
                guard digits() > 0 else { throw failure("a number without digits after the point") }
            }
            if peek(UInt8(ascii: "e")) || peek(UInt8(ascii: "E")) {
                index += 1
                if peek(UInt8(ascii: "+")) || peek(UInt8(ascii: "-")) { index += 1 }
                guard digits() > 0 else { throw failure("a number without exponent digits") }
            }
            guard let value = Double(String(decoding: bytes[start..<index], as: UTF8.self)), value.isFinite else {
                throw failure("a number out of range")
            }
            return value
        }

        private mutating func digits() -> Int {
            let start = index
            while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
            return index - start
        }

        private mutating func literal(_ word: String) throws {
            for byte in word.utf8 {
                guard peek(byte) else { throw failure("an unexpected character") }
                index += 1
            }
        }

        private func peek(_ byte: UInt8) -> Bool { index < bytes.count && bytes[index] == byte }

        private mutating func expect(_ byte: UInt8) throws {
            guard peek(byte) else { throw failure("expected '\(Character(Unicode.Scalar(byte)))'") }
            index += 1
        }

        private mutating func skipWhitespace() {
            while index < bytes.count {
                switch bytes[index] {
                case 0x20, 0x09, 0x0A, 0x0D: index += 1
                default: return
                }
            }
        }

        private func failure(_ what: String) -> DecodingError {
            DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "Not JSON: \(what) at byte \(index)"))
        }
    }
}
