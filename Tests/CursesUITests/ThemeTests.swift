import XCTest
@testable import CursesUI

final class ThemeTOMLParserTests: XCTestCase {
    private func parse(_ text: String) throws(TOMLError) -> TOMLTable { try TOMLParser(file: "t.toml").parse(text) }

    private func error(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> TOMLError? {
        do {
            _ = try parse(text)
            XCTFail("expected an error", file: file, line: line)
            return nil
        } catch {
            return error
        }
    }

    func testValuesTablesAndComments() throws {
        let root = try parse("""
        # a comment
        name = "x \\"q\\" \\u00e9\\n" # trailing comment
        lit = 'C:\\path'
        count = -1_000
        hex = 0xff
        on = true
        off = false
        list = ["a", 'b', ]
        empty = []
        "quoted key" = 1

        [roles.title]
        fg = "cyan"
        [roles.error]
        attrs = ["bold", "underline"]
        """)
        XCTAssertEqual(root["name"], .string("x \"q\" é\n"))
        XCTAssertEqual(root["lit"], .string("C:\\path"))
        XCTAssertEqual(root["count"], .integer(-1000))
        XCTAssertEqual(root["hex"], .integer(255))
        XCTAssertEqual(root["on"], .boolean(true))
        XCTAssertEqual(root["off"], .boolean(false))
        XCTAssertEqual(root["list"], .array([.string("a"), .string("b")]))
        XCTAssertEqual(root["empty"], .array([]))
        XCTAssertEqual(root["quoted key"], .integer(1))
        XCTAssertEqual(root.keys.first, "name")
        guard case .table(let roles) = root["roles"], case .table(let title) = roles["title"] else { return XCTFail("tables") }
        XCTAssertEqual(title["fg"], .string("cyan"))
        XCTAssertEqual(title.line(of: "fg"), 13)
        XCTAssertEqual(roles.keys, ["title", "error"])
    }

    func testCRLFLines() throws {
        let root = try parse("a = 1\r\n[t]\r\nb = \"x\"\r\n")
        XCTAssertEqual(root["a"], .integer(1))
    }

    func testErrorsNameFileLineKeyAndProblem() {
        let e = error("a = 1\nb = \"unterminated\n")
        XCTAssertEqual(e, TOMLError(file: "t.toml", line: 2, key: "b", problem: "unterminated string"))
        XCTAssertEqual(e?.description, "t.toml:2: b: unterminated string")
        XCTAssertEqual(error("a = 1\na = 2")?.problem, "key defined twice (first on line 1)")
        XCTAssertEqual(error("[t]\n[t]")?.problem, "table defined twice")
        XCTAssertEqual(error("a = 1\n[a]")?.line, 2)
        XCTAssertEqual(error("a.b = 1")?.problem, "dotted keys are not supported; use a [table] header")
        XCTAssertEqual(error("a = cyan")?.problem, "invalid value 'cyan' (strings need quotes)")
        XCTAssertEqual(error("a = 1.5")?.problem, "floats are not supported ('1.5')")
        XCTAssertEqual(error("a = {x = 1}")?.problem, "inline tables are not supported")
        XCTAssertEqual(error("a = [\"x\",\n\"y\"]")?.problem, "unterminated array (arrays must be on one line)")
        XCTAssertEqual(error("a = [\"x\", 1]")?.problem, "array mixes strings and integers")
        XCTAssertEqual(error("a = 1 2")?.problem, "unexpected text after the value")
        XCTAssertEqual(error("a 1")?.problem, "expected '=' after the key")
        XCTAssertEqual(error("= 1")?.problem, "expected a key, found '='")
        XCTAssertEqual(error("a = \"\\q\"")?.problem, "invalid escape '\\q'")
        XCTAssertEqual(error("[[t]]")?.problem, "arrays of tables ([[…]]) are not supported")
        XCTAssertEqual(error("[t")?.problem, "expected '.' or ']' in table header")
        XCTAssertEqual(error("a =")?.problem, "missing value")
        XCTAssertEqual(error("a = \"\"\"x\"\"\"")?.problem, "multi-line strings are not supported")
    }
}

final class ThemeTests: XCTestCase {
    private let repoThemes = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources/CursesUI/Themes")

    func testShippedDefaultMatchesBuiltinCopy() throws {
        let path = repoThemes.appendingPathComponent("default.toml").path
        let fileText = try String(contentsOfFile: path, encoding: .utf8)
        let builtinText = try XCTUnwrap(BuiltinThemes.all.first { $0.name == "default" }).toml
        XCTAssertEqual(fileText.trimmingCharacters(in: .newlines), builtinText.trimmingCharacters(in: .newlines),
                       "Themes/default.toml and its built-in copy must be identical")
        XCTAssertEqual(try Theme.load(path: path), Theme.builtinDefault)
        XCTAssertEqual(Theme.default, Theme.builtinDefault)
    }

    func testDefaultThemeCoversEveryRoleAndKeepsFocusAndErrorsDistinct() {
        let theme = Theme.builtinDefault
        XCTAssertEqual(theme.name, "default")
        for role in Role.allCases { XCTAssertNotNil(theme.styles[role], "default.toml lacks [roles.\(role.rawValue)]") }
        XCTAssertEqual(theme.style(for: .fieldFocused), RoleStyle(), "typed text is plain: one byte per key")
        XCTAssertEqual(theme.style(for: .error).fg, .ansi(1))
    }

    /// A theme that sets a background for normal text owns every cell: each role sets one
    /// too (terminal cells erase with the normal role's, see CursesTerminal), except the
    /// text being typed, kept plain so each key costs one byte.
    func testEveryThemeWithABackgroundPaintsItOnEveryRole() throws {
        for (name, toml) in BuiltinThemes.all {
            let theme = try Theme.parse(toml, file: name)
            guard theme.style(for: .normal).bg != .terminalDefault else { continue }
            for role in Role.allCases where role != .fieldFocused {
                XCTAssertNotEqual(theme.style(for: role).bg, .terminalDefault, "\(name): [roles.\(role.rawValue)] has no bg")
            }
        }
    }

    func testMonochromeKeepsFocusAndErrorsVisible() {
        let mono = Theme.monochrome
        XCTAssertFalse(mono.usesColor)
        // A focused field shows its focus on its label (focusRow); the typed text stays plain
        // so each keystroke costs one byte.
        for role: Role in [.focusRow, .buttonFocused] {
            XCTAssertTrue(mono.style(for: role).attributes.contains(.reverse), "\(role)")
        }
        XCTAssertEqual(mono.style(for: .fieldFocused).attributes, [])
        XCTAssertTrue(mono.style(for: .error).attributes.contains(.bold))
        for (_, style) in mono.styles {
            XCTAssertEqual(style.fg, .terminalDefault)
            XCTAssertEqual(style.bg, .terminalDefault)
        }
    }

    func testColourFallbacks() {
        let style = RoleStyle(fg: .ansi(14), bg: .ansi(4), fg256: 39, bg256: 24, attributes: [.underline])
        XCTAssertEqual(style.resolved(colorCount: 256).fg, 39)
        XCTAssertEqual(style.resolved(colorCount: 256).bg, 24)
        XCTAssertEqual(style.resolved(colorCount: 16).fg, 14)
        let eight = style.resolved(colorCount: 8)
        XCTAssertEqual(eight.fg, 6, "bright cyan becomes cyan")
        XCTAssertEqual(eight.bg, 4)
        XCTAssertEqual(eight.attributes, [.underline, .bold], "…made bold to stay bright")
        let none = style.resolved(colorCount: 0)
        XCTAssertEqual(none.fg, -1)
        XCTAssertEqual(none.attributes, [.underline])
        XCTAssertEqual(RoleStyle().resolved(colorCount: 256).fg, -1)
    }

    func testColourNames() {
        XCTAssertEqual(ThemeColor(name: "cyan"), .ansi(6))
        XCTAssertEqual(ThemeColor(name: "Bright-Red"), .ansi(9))
        XCTAssertEqual(ThemeColor(name: "bright_white"), .ansi(15))
        XCTAssertEqual(ThemeColor(name: "grey"), .ansi(8))
        XCTAssertEqual(ThemeColor(name: "default"), .terminalDefault)
        XCTAssertNil(ThemeColor(name: "teal"))
        XCTAssertEqual(ThemeColor.ansi(9).name, "bright-red")
    }

    func testThemeErrorsPointAtTheKey() {
        func failure(_ text: String) -> TOMLError? {
            do { _ = try Theme.parse(text, file: "mine.toml"); return nil } catch { return error }
        }
        XCTAssertEqual(failure("[roles.focus]\nfg = \"red\"")?.description.hasPrefix("mine.toml:1: roles.focus: unknown role"), true)
        XCTAssertEqual(failure("[roles.title]\nfg = \"teal\"")?.key, "roles.title.fg")
        XCTAssertEqual(failure("[roles.title]\nfg = \"teal\"")?.line, 2)
        XCTAssertEqual(failure("[roles.title]\nfg256 = 300\nfg = \"red\"")?.problem, "300 is out of range 0…255")
        XCTAssertEqual(failure("[roles.title]\nfg256 = 39")?.problem, "needs an explicit 8-colour fallback: add fg = \"<name>\"")
        XCTAssertEqual(failure("[roles.title]\nattrs = [\"blinky\"]")?.key, "roles.title.attrs")
        XCTAssertEqual(failure("[roles.title]\ncolour = \"red\"")?.problem, "unknown key (expected fg, bg, fg256, bg256, attrs)")
        XCTAssertEqual(failure("name = 3")?.problem, "must be a string, not a integer")
        XCTAssertEqual(failure("colours = 1")?.key, "colours")
        XCTAssertNotNil(failure("[roles.title]\nfg = \"red"))
    }

    func testLoadMissingFileDoesNotRepeatItsName() {
        do {
            _ = try Theme.load(path: "/nonexistent/theme.toml")
            XCTFail("expected an error")
        } catch {
            XCTAssertFalse(error.description.contains("nonexistent"), error.description)
            XCTAssertTrue(error.problem.hasPrefix("the file does not exist"), error.problem)
        }
    }

    func testUnlistedRolesFallBackToNormal() throws {
        let theme = try Theme.parse("name = \"t\"\n[roles.normal]\nfg = \"white\"\n[roles.error]\nfg = \"red\"")
        XCTAssertEqual(theme.style(for: .title).fg, .ansi(7))
        XCTAssertEqual(theme.style(for: .error).fg, .ansi(1))
    }
}
