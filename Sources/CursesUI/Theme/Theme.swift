#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif
import SetupCore

/// Maps roles to colours and attributes. Screens never see a theme; only the terminal
/// backend does, when it paints a canvas.
public struct Theme: Sendable, Equatable {
    public var name: String
    public var description: String
    /// False for themes meant to work with attributes alone (`monochrome`).
    public var usesColor: Bool
    /// Styles by role; a role without an entry looks like `.normal`.
    public var styles: [Role: RoleStyle]

    public init(name: String, description: String = "", usesColor: Bool = true, styles: [Role: RoleStyle]) {
        self.name = name
        self.description = description
        self.usesColor = usesColor
        self.styles = styles
    }

    /// The style for `role` (falling back to `.normal`, then to plain text).
    public func style(for role: Role) -> RoleStyle {
        styles[role] ?? styles[.normal] ?? RoleStyle()
    }

    /// The theme used under `NO_COLOR` or on terminals without colour (`Themes/monochrome.toml`):
    /// attributes only, chosen so focus (reverse) and errors (bold, plus the ✗ glyph widgets
    /// always draw) stay visible.
    public static let monochrome: Theme = builtin(named: "monochrome") ?? Theme(
        name: "monochrome", usesColor: false,
        styles: [.fieldFocused: .attrs(.reverse), .focusRow: .attrs(.reverse), .buttonFocused: .attrs(.reverse, .bold), .error: .attrs(.bold)])

    /// The default theme: `Themes/default.toml`, built in as a value (``defaultValue``), so
    /// the first frame waits for neither a disk nor a parser.
    public static let `default`: Theme = defaultValue

    /// The built-in copy of `Themes/default.toml`.
    public static var builtinDefault: Theme {
        // The built-in text is tested to parse, so this cannot fail in a released build.
        builtinText(named: "default").flatMap { try? parse($0, file: "built-in default.toml") } ?? monochrome
    }

    /// The names of the shipped themes, in listing order.
    public static var builtinNames: [String] { BuiltinThemes.all.map(\.name) }

    /// The shipped theme `name`, from the copy built into the binary (`BuiltinThemes`, made
    /// from this target's `Themes/` by the EmbedThemes plugin). Nil for a name that is not
    /// shipped. No file is read: a theme the user wants changed goes in the user theme
    /// folder, which wins by name.
    public static func builtin(named name: String) -> Theme? {
        if name == "default" { return defaultValue }
        guard let text = builtinText(named: name) else { return nil }
        return try? parse(text, file: "built-in \(name).toml")
    }

    /// The shipped file of theme `name`, as it is in `Themes/`.
    public static func builtinText(named name: String) -> String? {
        BuiltinThemes.all.first { $0.name == name }?.toml
    }

    /// Reads and parses a theme file. Errors name the file, line, key and problem. A file
    /// another user owns or can write, a link, a FIFO or an oversized file is refused (see
    /// ``TrustedFile``); a missing file is not named, as the name may be a mistyped secret.
    public static func load(path: String) throws(TOMLError) -> Theme {
        let text: String
        do {
            text = try TrustedFile.text(path)
        } catch .notFound {
            throw TOMLError(file: "theme file", line: 0, problem: TrustedFileError.notFound.description, isRefusal: true)
        } catch {
            throw TOMLError(file: "theme file", line: 0, problem: error.description, isRefusal: true)
        }
        return try parse(text, file: path)
    }

    /// Parses theme TOML text; `file` is used in error messages.
    public static func parse(_ text: String, file: String = "<theme>") throws(TOMLError) -> Theme {
        let root = try TOMLParser(file: file).parse(text)
        return try ThemeReader(file: file).theme(from: root)
    }
}

/// Interprets a parsed TOML document as a theme, with errors that point at the line.
struct ThemeReader {
    let file: String

    func theme(from root: TOMLTable) throws(TOMLError) -> Theme {
        var name = "unnamed"
        var description = ""
        var styles: [Role: RoleStyle] = [:]
        for key in root.keys {
            let value = root[key]!
            switch (key, value) {
            case ("name", .string(let s)): name = s
            case ("description", .string(let s)): description = s
            case ("roles", .table(let roles)):
                for roleName in roles.keys {
                    let line = roles.line(of: roleName)
                    guard let role = Role(rawValue: roleName) else {
                        throw TOMLError(file: file, line: line, key: "roles.\(roleName)",
                                        problem: "unknown role (known: \(Role.allCases.map(\.rawValue).joined(separator: ", ")))")
                    }
                    guard case .table(let table) = roles[roleName]! else {
                        throw TOMLError(file: file, line: line, key: "roles.\(roleName)", problem: "must be a table ([roles.\(roleName)])")
                    }
                    styles[role] = try style(table, path: "roles.\(roleName)")
                }
            case ("name", _), ("description", _):
                throw TOMLError(file: file, line: root.line(of: key), key: key, problem: "must be a string, not a \(value.typeName)")
            case ("roles", _):
                throw TOMLError(file: file, line: root.line(of: key), key: key, problem: "must be a table ([roles.<role>])")
            default:
                throw TOMLError(file: file, line: root.line(of: key), key: key, problem: "unknown key (expected name, description, [roles.<role>])")
            }
        }
        // A theme that sets no colour at all (monochrome) is drawn with attributes alone.
        let usesColor = styles.values.contains {
            $0.fg != .terminalDefault || $0.bg != .terminalDefault || $0.fg256 != nil || $0.bg256 != nil
        }
        return Theme(name: name, description: description, usesColor: usesColor, styles: styles)
    }

    private func style(_ table: TOMLTable, path: String) throws(TOMLError) -> RoleStyle {
        var style = RoleStyle()
        for key in table.keys {
            let value = table[key]!
            let line = table.line(of: key)
            let keyPath = "\(path).\(key)"
            func fail(_ problem: String) -> TOMLError { TOMLError(file: file, line: line, key: keyPath, problem: problem) }
            switch key {
            case "fg", "bg":
                guard case .string(let s) = value else { throw fail("must be a colour name string, not a \(value.typeName)") }
                guard let color = ThemeColor(name: s) else {
                    throw fail("unknown colour \"\(s)\" (use one of the 16 ANSI names, e.g. \"cyan\" or \"bright-black\", or \"default\"; 256-colour numbers go in \(key)256)")
                }
                if key == "fg" { style.fg = color } else { style.bg = color }
            case "fg256", "bg256":
                guard case .integer(let n) = value else { throw fail("must be an integer 0…255, not a \(value.typeName)") }
                guard (0...255).contains(n) else { throw fail("\(n) is out of range 0…255") }
                if key == "fg256" { style.fg256 = n } else { style.bg256 = n }
            case "attrs":
                guard case .array(let items) = value else { throw fail("must be an array of strings, e.g. [\"bold\"]") }
                for item in items {
                    guard case .string(let s) = item, let attr = TextAttribute(rawValue: s.lowercased()) else {
                        throw fail("unknown attribute \(item) (known: \(TextAttribute.allCases.map(\.rawValue).joined(separator: ", ")))")
                    }
                    style.attributes.insert(attr)
                }
            default:
                throw fail("unknown key (expected fg, bg, fg256, bg256, attrs)")
            }
        }
        if style.fg256 != nil && style.fg == .terminalDefault && table["fg"] == nil {
            // A 256-colour value without a named fallback would silently vanish on 8-colour
            // terminals; the file format asks for both.
            throw TOMLError(file: file, line: table.line(of: "fg256"), key: "\(path).fg256",
                            problem: "needs an explicit 8-colour fallback: add fg = \"<name>\"")
        }
        if style.bg256 != nil && table["bg"] == nil {
            throw TOMLError(file: file, line: table.line(of: "bg256"), key: "\(path).bg256",
                            problem: "needs an explicit 8-colour fallback: add bg = \"<name>\"")
        }
        return style
    }
}
