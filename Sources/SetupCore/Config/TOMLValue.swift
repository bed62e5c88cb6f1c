/// A value in the TOML subset bbclerk reads (themes, config, `bbclerk apply --from`).
public enum TOMLValue: Sendable, Equatable {
    case string(String)
    case integer(Int)
    case boolean(Bool)
    case array([TOMLValue])
    case table(TOMLTable)

    /// A short name of the value's type, for error messages.
    public var typeName: String {
        switch self {
        case .string: return "string"
        case .integer: return "integer"
        case .boolean: return "boolean"
        case .array: return "array"
        case .table: return "table"
        }
    }
}

/// A TOML table: its keys in file order, values, and the line each key was set on (so that
/// errors found while interpreting the document can still name the line).
public struct TOMLTable: Sendable, Equatable {
    public private(set) var keys: [String] = []
    public private(set) var values: [String: TOMLValue] = [:]
    public private(set) var lines: [String: Int] = [:]

    public init() {}

    public subscript(key: String) -> TOMLValue? { values[key] }

    /// The line a key was defined on, 0 if unknown.
    public func line(of key: String) -> Int { lines[key] ?? 0 }

    /// Runs `body` on the table at `key` in place; false if `key` is not a table. The slot is
    /// emptied meanwhile, so the child is not shared and is not copied for each key set
    /// in it (which made a wide table quadratic).
    mutating func modifyTable(_ key: String, _ body: (inout TOMLTable) throws(TOMLError) -> Void) throws(TOMLError) -> Bool {
        guard case .table(var child)? = values[key] else { return false }
        values[key] = .boolean(false)
        defer { values[key] = .table(child) }
        try body(&child)
        return true
    }

    mutating func set(_ key: String, _ value: TOMLValue, line: Int) {
        if values[key] == nil { keys.append(key) }
        values[key] = value
        lines[key] = line
    }
}

/// A problem in a TOML file, naming the file, line, key (when there is one) and the problem.
public struct TOMLError: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var key: String?
    public var problem: String
    /// A refusal for safety (an endpoint that would leak credentials, a file others can
    /// write) rather than a mistake: the commands stop on it instead of going on without.
    public var isRefusal: Bool

    public init(file: String, line: Int, key: String? = nil, problem: String, isRefusal: Bool = false) {
        self.file = file
        self.line = line
        self.key = key
        self.problem = problem
        self.isRefusal = isRefusal
    }

    public var description: String {
        let place = line > 0 ? "\(file):\(line)" : file
        if let key { return "\(place): \(key): \(problem)" }
        return "\(place): \(problem)"
    }
}
