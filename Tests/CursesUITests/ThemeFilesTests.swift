import Foundation
import SetupCore
import XCTest
@testable import CursesUI

/// The shipped themes: every file parses, maps every role, has its fallbacks, and equals the
/// built-in copy the binary carries.
final class ThemeFilesTests: XCTestCase {
    private let repoThemes = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources/CursesUI/Themes")

    func testEveryFileInThemesIsBuiltInDefaultFirst() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: repoThemes.path).filter { $0.hasSuffix(".toml") }
        let names = files.map { String($0.dropLast(".toml".count)) }
        XCTAssertEqual(Theme.builtinNames, ["default"] + names.filter { $0 != "default" }.sorted(),
                       "every file in Themes/ is built in (the EmbedThemes plugin), default first, then by name")
        XCTAssertTrue(Set(["default", "high-contrast", "light", "monochrome", "terminal16"]).isSubset(of: Set(Theme.builtinNames)))
    }

    func testEveryFileMatchesItsBuiltinCopyAndParses() throws {
        for (name, builtinText) in BuiltinThemes.all {
            let path = repoThemes.appendingPathComponent("\(name).toml").path
            let fileText = try String(contentsOfFile: path, encoding: .utf8)
            XCTAssertEqual(fileText.trimmingCharacters(in: .newlines), builtinText.trimmingCharacters(in: .newlines),
                           "Themes/\(name).toml and its built-in copy differ: the EmbedThemes plugin did not run")
            let fromFile = try Theme.load(path: path)
            XCTAssertEqual(fromFile, try Theme.parse(builtinText, file: name))
            XCTAssertEqual(fromFile, Theme.builtin(named: name))
            XCTAssertEqual(fromFile.name, name, "the name inside \(name).toml")
            XCTAssertFalse(fromFile.description.isEmpty, "\(name) has a description")
        }
        XCTAssertNil(Theme.builtin(named: "nope"))
    }

    func testEveryThemeMapsEveryRole() throws {
        for name in Theme.builtinNames {
            let theme = try XCTUnwrap(Theme.builtin(named: name))
            for role in Role.allCases {
                XCTAssertNotNil(theme.styles[role], "\(name).toml lacks [roles.\(role.rawValue)]")
            }
        }
    }

    func testColourThemesHaveFallbacksForEightSixteenAnd256Colours() throws {
        for name in ["default", "light", "high-contrast"] {
            let theme = try XCTUnwrap(Theme.builtin(named: name))
            XCTAssertTrue(theme.usesColor)
            for (role, style) in theme.styles {
                // A 256-colour value always comes with a named one (the parser insists).
                if style.fg256 != nil { XCTAssertNotEqual(style.fg, .terminalDefault, "\(name) \(role) fg") }
                if style.bg256 != nil { XCTAssertNotEqual(style.bg, .terminalDefault, "\(name) \(role) bg") }
                for count in [8, 16] {
                    let resolved = style.resolved(colorCount: count)
                    XCTAssertTrue((-1..<count).contains(resolved.fg) && (-1..<count).contains(resolved.bg), "\(name) \(role) at \(count)")
                }
            }
            // Focus stays distinct from plain text at every colour count.
            for count in [0, 8, 16, 256] {
                let focus = theme.style(for: .focusRow).resolved(colorCount: count)
                let normal = theme.style(for: .normal).resolved(colorCount: count)
                XCTAssertTrue(focus.fg != normal.fg || focus.bg != normal.bg || focus.attributes != normal.attributes || count == 0,
                              "\(name) focus at \(count)")
            }
        }
    }

    func testTerminal16UsesOnlyThePaletteOnTheDefaultBackground() throws {
        let theme = try XCTUnwrap(Theme.builtin(named: "terminal16"))
        for (role, style) in theme.styles {
            XCTAssertNil(style.fg256, "\(role)")
            XCTAssertNil(style.bg256, "\(role)")
            XCTAssertEqual(style.bg, .terminalDefault, "\(role)")
        }
        let focus256 = theme.style(for: .focusRow).resolved(colorCount: 256), focus16 = theme.style(for: .focusRow).resolved(colorCount: 16)
        XCTAssertTrue(focus256 == focus16, "the same on 16 and 256 colours")
        XCTAssertTrue(theme.style(for: .focusRow).attributes.contains(.reverse))
        let text = try String(contentsOf: repoThemes.appendingPathComponent("terminal16.toml"), encoding: .utf8)
        XCTAssertFalse(text.contains("256 ="), "no 256-colour numbers")
    }

    func testMonochromeFileIsTheNoColorTheme() throws {
        let theme = try XCTUnwrap(Theme.builtin(named: "monochrome"))
        XCTAssertEqual(theme, Theme.monochrome)
        XCTAssertFalse(theme.usesColor, "a theme without colours is drawn with attributes alone")
        XCTAssertTrue(theme.style(for: .focusRow).attributes.contains(.reverse))
    }

    // MARK: Broken files

    private func failure(_ text: String) -> TOMLError? {
        do { _ = try Theme.parse(text, file: "/home/u/.config/bbclerk/themes/mine.toml"); return nil } catch { return error }
    }

    func testUnknownRoleColourAndBrokenSyntaxNameFileLineAndKey() {
        XCTAssertEqual(failure("name = \"m\"\n\n[roles.focus]\nfg = \"red\"")?.description.hasPrefix(
            "/home/u/.config/bbclerk/themes/mine.toml:3: roles.focus: unknown role (known: normal, title,"), true)
        XCTAssertEqual(failure("[roles.title]\nfg = \"red\"\nbg = \"teal\"")?.description.hasPrefix(
            "/home/u/.config/bbclerk/themes/mine.toml:3: roles.title.bg: unknown colour \"teal\""), true)
        XCTAssertEqual(failure("[roles.title]\nfg = \"red\nattrs = []")?.description,
                       "/home/u/.config/bbclerk/themes/mine.toml:2: fg: unterminated string")
        XCTAssertEqual(failure("[roles.title]\nfg = red")?.description,
                       "/home/u/.config/bbclerk/themes/mine.toml:2: fg: invalid value 'red' (strings need quotes)")
        XCTAssertEqual(failure("[roles.error]\nbg256 = 52")?.description,
                       "/home/u/.config/bbclerk/themes/mine.toml:2: roles.error.bg256: needs an explicit 8-colour fallback: add bg = \"<name>\"")
    }
}

/// `--theme` > `BBCLERK_THEME` > config `theme` > default; `NO_COLOR` always wins; names
/// find user themes first, then shipped ones.
final class ThemeChoiceTests: XCTestCase {
    private var home: URL!
    private var environment: [String: String] = [:]

    override func setUpWithError() throws {
        home = FileManager.default.temporaryDirectory.appendingPathComponent("bbclerk-theme-\(UUID().uuidString)", isDirectory: true)
        let themes = home.appendingPathComponent("config/bbclerk/themes", isDirectory: true)
        try FileManager.default.createDirectory(at: themes, withIntermediateDirectories: true)
        try "name = \"mine\"\n[roles.error]\nfg = \"magenta\"\n".write(to: themes.appendingPathComponent("mine.toml"), atomically: true, encoding: .utf8)
        try "name = \"broken\"\n\n[roles.error]\nfg = \"teal\"\n".write(to: themes.appendingPathComponent("broken.toml"), atomically: true, encoding: .utf8)
        try "name = \"my light\"\n[roles.error]\nfg = \"red\"\n".write(to: themes.appendingPathComponent("light.toml"), atomically: true, encoding: .utf8)
        environment = ["HOME": home.path, "XDG_CONFIG_HOME": home.appendingPathComponent("config").path]
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: home)
    }

    private func chosen(flag: String?, env: [String: String] = [:], config: String?) -> (Theme, String?) {
        var configFile = BBClerkConfig()
        configFile.theme = config
        let environment = self.environment.merging(env) { _, new in new }
        return ThemeChoice.resolve(path: configFile.themeRequest(flag: flag, environment: environment), environment: environment)
    }

    func testOrderFlagThenEnvironmentThenConfigThenDefault() {
        XCTAssertEqual(chosen(flag: nil, config: nil).0, .default)
        XCTAssertEqual(chosen(flag: nil, config: "terminal16").0.name, "terminal16")
        XCTAssertEqual(chosen(flag: nil, env: ["BBCLERK_THEME": "high-contrast"], config: "terminal16").0.name, "high-contrast")
        XCTAssertEqual(chosen(flag: "monochrome", env: ["BBCLERK_THEME": "high-contrast"], config: "terminal16").0.name, "monochrome")
    }

    func testNoColorAlwaysWins() {
        for flag in [nil, "high-contrast", "/nonexistent.toml"] {
            let (theme, problem) = chosen(flag: flag, env: ["NO_COLOR": "1", "BBCLERK_THEME": "light"], config: "terminal16")
            XCTAssertEqual(theme, .monochrome)
            XCTAssertNil(problem)
        }
        XCTAssertEqual(chosen(flag: "terminal16", env: ["NO_COLOR": ""], config: nil).0.name, "terminal16", "an empty NO_COLOR is unset")
    }

    func testNamesFindUserThemesFirstAndPathsLoadFiles() {
        XCTAssertEqual(chosen(flag: "mine", config: nil).0.name, "mine")
        XCTAssertEqual(chosen(flag: "light", config: nil).0.name, "my light", "a user theme replaces the shipped one of its name")
        let path = home.appendingPathComponent("config/bbclerk/themes/mine.toml").path
        XCTAssertEqual(chosen(flag: path, config: nil).0.name, "mine")
        XCTAssertEqual(chosen(flag: "~/config/bbclerk/themes/mine.toml", config: nil).0.name, "mine")
    }

    func testUnknownNameAndBrokenFileFallBackToTheDefaultWithTheProblem() throws {
        let (unknown, unknownProblem) = chosen(flag: "solarized", config: nil)
        XCTAssertEqual(unknown, .default)
        XCTAssertTrue(try XCTUnwrap(unknownProblem).hasPrefix("Theme \"solarized\" not found (there are: default, high-contrast, monochrome, terminal16, broken, light, mine;"))
        let (broken, brokenProblem) = chosen(flag: nil, config: "broken")
        XCTAssertEqual(broken, .default)
        let file = home.appendingPathComponent("config/bbclerk/themes/broken.toml").path
        XCTAssertTrue(try XCTUnwrap(brokenProblem).hasPrefix("Theme not used: \(file):4: roles.error.fg: unknown colour \"teal\""))
        XCTAssertTrue(try XCTUnwrap(brokenProblem).hasSuffix("The default theme is shown instead."))
    }

    func testCatalogListsBuiltinsThenUserThemesWithWhereTheyComeFrom() {
        let entries = ThemeCatalog.entries(environment: environment)
        XCTAssertEqual(entries.map(\.name), ["default", "high-contrast", "monochrome", "terminal16", "broken", "light", "mine"])
        XCTAssertEqual(entries[0].originDescription, "built-in")
        let light = entries.first { $0.name == "light" }!
        XCTAssertTrue(light.replacesBuiltin)
        XCTAssertTrue(light.originDescription.hasSuffix("config/bbclerk/themes/light.toml (replaces the built-in one)"))
    }
}

/// The samples `bbclerk themes` shows.
final class ThemePreviewTests: XCTestCase {
    func testPlainPreviewNamesTheRoles() {
        let lines = ThemePreview.lines(.default, colorCount: nil)
        for role in ["focusRow", "fieldText", "fieldFocused", "error", "success", "link", "diffAdded", "diffRemoved"] {
            XCTAssertTrue(lines.contains { $0.hasPrefix(role + " ") }, role)
        }
        XCTAssertFalse(lines.joined().contains("\u{1B}"))
    }

    func testColourPreviewUsesTheThemesRealColours() throws {
        let lines = ThemePreview.lines(.default, colorCount: 256)
        XCTAssertTrue(lines[0].hasPrefix("\u{1B}[0;38;5;16;48;5;117m"), "focus row: 256-colour black on light blue")
        XCTAssertTrue(lines.allSatisfy { $0.hasSuffix("\u{1B}[0m") })
        let sixteen = ThemePreview.lines(try XCTUnwrap(Theme.builtin(named: "terminal16")), colorCount: 256)
        XCTAssertFalse(sixteen.joined().contains("38;5;"), "terminal16 stays in the palette")
        XCTAssertTrue(sixteen[0].hasPrefix("\u{1B}[0;7;36m"), "focus row: reversed cyan")
        XCTAssertEqual(ThemePreview.sgr(RoleStyle(fg: .ansi(9), bg: .ansi(4)), colorCount: 16), "\u{1B}[0;91;44m")
        XCTAssertEqual(ThemePreview.sgr(RoleStyle(fg: .ansi(9)), colorCount: 8), "\u{1B}[0;1;31m", "bright on 8 colours: bold base colour")
        XCTAssertEqual(ThemePreview.sgr(.attrs(.reverse, .bold), colorCount: 256), "\u{1B}[0;1;7m")
    }

    func testColourCountFromTheEnvironment() {
        XCTAssertEqual(ThemePreview.colorCount(environment: ["TERM": "xterm-256color"]), 256)
        XCTAssertEqual(ThemePreview.colorCount(environment: ["TERM": "xterm", "COLORTERM": "truecolor"]), 256)
        XCTAssertEqual(ThemePreview.colorCount(environment: ["TERM": "xterm"]), 16)
        XCTAssertEqual(ThemePreview.colorCount(environment: ["TERM": "linux"]), 8)
    }
}
