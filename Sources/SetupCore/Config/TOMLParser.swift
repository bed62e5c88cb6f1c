/// A small parser for the TOML subset bbclerk needs (no dependency).
///
/// Supported: `# comments`, `key = value` with bare or quoted keys, `[table]` and dotted
/// `[a.b]` headers, basic strings ("…" with \" \\ \n \t \r \uXXXX \UXXXXXXXX escapes),
/// literal strings ('…'), integers (sign, `_` separators, 0x), booleans, and arrays on one
/// line (of strings, integers or booleans; trailing comma allowed). Not supported, and
/// reported as an error rather than misread: dotted keys in assignments, inline tables,
/// multi-line strings, floats, dates, arrays of tables.
public struct TOMLParser {
    /// The deepest `[a.b.c]` header accepted. bbclerk's files nest two levels; the cap keeps
    /// a hostile file from costing seconds and hundreds of MB (each level is copied per key).
    public static let maximumDepth = 32
    /// The most keys and tables one document may define, for the same reason.
    public static let maximumKeys = 2_000

    private let file: String

    /// - Parameter file: the name used in error messages (usually the path).
    public init(file: String = "<input>") {
        self.file = file
    }

    /// Parses `text` into its root table, or throws the first `TOMLError`.
    public func parse(_ text: String) throws(TOMLError) -> TOMLTable {
        var root = TOMLTable()
        var currentPath: [String] = []
        var definedTables = Set<[String]>()
        var keyCount = 0
        for (index, rawLine) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let lineNumber = index + 1
            var scanner = Scanner(Array(String(rawLine).unicodeScalars), file: file, line: lineNumber)
            scanner.skipSpaces()
            if scanner.atEndOrComment { continue }
            if scanner.peek == "[" {
                let path = try scanner.tableHeader()
                keyCount += path.count
                guard keyCount <= Self.maximumKeys else {
                    throw TOMLError(file: file, line: lineNumber, problem: "more than \(Self.maximumKeys) keys and tables: this is not a bbclerk file")
                }
                if !definedTables.insert(path).inserted {
                    throw TOMLError(file: file, line: lineNumber, key: path.joined(separator: "."),
                                    problem: "table defined twice")
                }
                try Self.createTable(&root, path: path, line: lineNumber, file: file)
                currentPath = path
                continue
            }
            let key = try scanner.key()
            scanner.skipSpaces()
            if scanner.peek == "." {
                throw TOMLError(file: file, line: lineNumber, key: key, problem: "dotted keys are not supported; use a [table] header")
            }
            guard scanner.peek == "=" else {
                throw TOMLError(file: file, line: lineNumber, key: key, problem: "expected '=' after the key")
            }
            scanner.advance()
            scanner.skipSpaces()
            let value = try scanner.value(key: key)
            scanner.skipSpaces()
            guard scanner.atEndOrComment else {
                throw TOMLError(file: file, line: lineNumber, key: key, problem: "unexpected text after the value")
            }
            keyCount += 1
            guard keyCount <= Self.maximumKeys else {
                throw TOMLError(file: file, line: lineNumber, key: key, problem: "more than \(Self.maximumKeys) keys and tables: this is not a bbclerk file")
            }
            try Self.assign(&root, path: currentPath, key: key, value: value, line: lineNumber, file: file)
        }
        return root
    }

    private static func createTable(_ table: inout TOMLTable, path: [String], line: Int, file: String) throws(TOMLError) {
        guard let head = path.first else { return }
        let rest = Array(path.dropFirst())
        switch table[head] {
        case nil:
            var child = TOMLTable()
            try createTable(&child, path: rest, line: line, file: file)
            table.set(head, .table(child), line: line)
        case .table:
            _ = try table.modifyTable(head) { (child: inout TOMLTable) throws(TOMLError) in
                try createTable(&child, path: rest, line: line, file: file)
            }
        case .some(let other):
            throw TOMLError(file: file, line: line, key: head, problem: "already set to a \(other.typeName), cannot be a table")
        }
    }

    private static func assign(_ table: inout TOMLTable, path: [String], key: String, value: TOMLValue, line: Int, file: String) throws(TOMLError) {
        guard let head = path.first else {
            if table[key] != nil {
                throw TOMLError(file: file, line: line, key: key, problem: "key defined twice (first on line \(table.line(of: key)))")
            }
            table.set(key, value, line: line)
            return
        }
        let rest = Array(path.dropFirst())
        let found = try table.modifyTable(head) { (child: inout TOMLTable) throws(TOMLError) in
            try assign(&child, path: rest, key: key, value: value, line: line, file: file)
        }
        guard found else {
            throw TOMLError(file: file, line: line, key: key, problem: "internal: table \(head) missing")
        }
    }
}

/// Reads one line. Private to the parser.
private struct Scanner {
    let chars: [Unicode.Scalar]
    let file: String
    let line: Int
    var pos = 0

    init(_ chars: [Unicode.Scalar], file: String, line: Int) {
        self.chars = chars
        self.file = file
        self.line = line
    }

    var peek: Unicode.Scalar? { pos < chars.count ? chars[pos] : nil }
    var atEndOrComment: Bool { peek == nil || peek == "#" || (peek == "\r" && pos == chars.count - 1) }
    mutating func advance() { pos += 1 }

    mutating func skipSpaces() {
        while let c = peek, c == " " || c == "\t" { pos += 1 }
    }

    func error(_ problem: String, key: String? = nil) -> TOMLError {
        TOMLError(file: file, line: line, key: key, problem: problem)
    }

    static func isBare(_ c: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(c) || ("A"..."Z").contains(c) || ("0"..."9").contains(c) || c == "_" || c == "-"
    }

    mutating func key() throws(TOMLError) -> String {
        if peek == "\"" { return try basicString(key: nil) }
        if peek == "'" { return try literalString(key: nil) }
        var out = ""
        while let c = peek, Self.isBare(c) {
            out.unicodeScalars.append(c)
            pos += 1
        }
        if out.isEmpty {
            throw error("expected a key, found \(peek.map { "'\($0)'" } ?? "end of line")")
        }
        return out
    }

    mutating func tableHeader() throws(TOMLError) -> [String] {
        advance() // [
        if peek == "[" { throw error("arrays of tables ([[…]]) are not supported") }
        var path: [String] = []
        while true {
            skipSpaces()
            path.append(try key())
            guard path.count <= TOMLParser.maximumDepth else {
                throw error("tables nested deeper than \(TOMLParser.maximumDepth) levels are not accepted")
            }
            skipSpaces()
            if peek == "." { advance(); continue }
            if peek == "]" { advance(); break }
            throw error("expected '.' or ']' in table header")
        }
        skipSpaces()
        guard atEndOrComment else { throw error("unexpected text after table header") }
        return path
    }

    mutating func value(key: String) throws(TOMLError) -> TOMLValue {
        guard let c = peek else { throw error("missing value", key: key) }
        switch c {
        case "\"":
            if chars.count >= pos + 3, chars[pos + 1] == "\"", chars[pos + 2] == "\"" {
                throw error("multi-line strings are not supported", key: key)
            }
            return .string(try basicString(key: key))
        case "'":
            return .string(try literalString(key: key))
        case "[":
            return try array(key: key)
        case "{":
            throw error("inline tables are not supported", key: key)
        case "t", "f":
            var word = ""
            while let c = peek, Self.isBare(c) { word.unicodeScalars.append(c); pos += 1 }
            if word == "true" { return .boolean(true) }
            if word == "false" { return .boolean(false) }
            throw error("invalid value '\(word)' (strings need quotes)", key: key)
        default:
            return try integer(key: key)
        }
    }

    mutating func integer(key: String) throws(TOMLError) -> TOMLValue {
        var text = ""
        while let c = peek, Self.isBare(c) || c == "+" || c == "." || c == ":" {
            text.unicodeScalars.append(c)
            pos += 1
        }
        if text.isEmpty { throw error("invalid value starting with '\(peek.map(String.init) ?? "")'", key: key) }
        var digits = text.filter { $0 != "_" }
        var sign = 1
        if digits.hasPrefix("+") { digits.removeFirst() } else if digits.hasPrefix("-") { sign = -1; digits.removeFirst() }
        let parsed: Int?
        if digits.hasPrefix("0x") {
            parsed = Int(digits.dropFirst(2), radix: 16)
        } else if digits.first?.isNumber == true && (digits.contains(".") || digits.contains("e") || digits.contains("E")) {
            throw error("floats are not supported ('\(text)')", key: key)
        } else {
            parsed = Int(digits)
        }
        guard let value = parsed else {
            throw error("invalid value '\(text)' (strings need quotes)", key: key)
        }
        return .integer(sign * value)
    }

    mutating func array(key: String) throws(TOMLError) -> TOMLValue {
        advance() // [
        var items: [TOMLValue] = []
        while true {
            skipSpaces()
            if peek == "]" { advance(); return .array(items) }
            if peek == nil || peek == "#" { throw error("unterminated array (arrays must be on one line)", key: key) }
            let item = try value(key: key)
            if case .array = item { throw error("nested arrays are not supported", key: key) }
            if let first = items.first, first.typeName != item.typeName {
                throw error("array mixes \(first.typeName)s and \(item.typeName)s", key: key)
            }
            items.append(item)
            skipSpaces()
            if peek == "," { advance(); continue }
            if peek == "]" { advance(); return .array(items) }
            throw error("expected ',' or ']' in array", key: key)
        }
    }

    mutating func literalString(key: String?) throws(TOMLError) -> String {
        advance() // '
        var out = String.UnicodeScalarView()
        while let c = peek {
            pos += 1
            if c == "'" { return String(out) }
            out.append(c)
        }
        throw error("unterminated string", key: key)
    }

    mutating func basicString(key: String?) throws(TOMLError) -> String {
        advance() // "
        var out = String.UnicodeScalarView()
        while let c = peek {
            pos += 1
            switch c {
            case "\"":
                return String(out)
            case "\\":
                guard let e = peek else { throw error("unterminated string", key: key) }
                pos += 1
                switch e {
                case "\"": out.append("\"")
                case "\\": out.append("\\")
                case "n": out.append("\n")
                case "t": out.append("\t")
                case "r": out.append("\r")
                case "u", "U":
                    let n = e == "u" ? 4 : 8
                    guard pos + n <= chars.count,
                          let v = UInt32(String(String.UnicodeScalarView(chars[pos..<(pos + n)])), radix: 16),
                          let scalar = Unicode.Scalar(v) else {
                        throw error("invalid \\\(e) escape", key: key)
                    }
                    pos += n
                    out.append(scalar)
                default:
                    throw error("invalid escape '\\\(e)'", key: key)
                }
            default:
                if c.value < 0x20 && c != "\t" { throw error("control character in string", key: key) }
                out.append(c)
            }
        }
        throw error("unterminated string", key: key)
    }
}
