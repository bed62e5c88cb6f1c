import Foundation
import XCTest

/// `bbclerk themes` and `bbclerk themes --check FILE`, run as the real binary with its output
/// on a pipe (so the preview is plain text with role names).
final class ThemesCommandTests: XCTestCase {
    private var home: URL!

    override func setUpWithError() throws {
        home = FileManager.default.temporaryDirectory.appendingPathComponent("bbclerk-themes-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: themesFolder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: home)
    }

    private var themesFolder: URL { home.appendingPathComponent("config/bbclerk/themes", isDirectory: true) }

    private func run(_ arguments: [String], environment extra: [String: String] = [:]) throws -> (status: Int32, out: String, err: String) {
        let process = Process()
        process.executableURL = try Products.bbclerk
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = nil
        environment["BBCLERK_THEME"] = nil
        environment["HOME"] = home.path
        environment["XDG_CONFIG_HOME"] = home.appendingPathComponent("config").path
        environment["XDG_STATE_HOME"] = home.appendingPathComponent("state").path
        environment["LANG"] = "C.UTF-8"
        process.environment = environment.merging(extra) { _, new in new }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Read before waiting, so a full pipe cannot stall the child.
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
    }

    /// A server install has no source tree: `--print` gives the shipped file to start from,
    /// and a copy of it is a usable user theme.
    func testPrintGivesTheShippedFileWhichChecksAsUsable() throws {
        let printed = try run(["themes", "--print", "default"])
        XCTAssertEqual(printed.status, 0, printed.err)
        XCTAssertTrue(printed.out.hasPrefix("# bbclerk default theme."), printed.out)
        XCTAssertTrue(printed.out.contains("[roles.focusRow]"), printed.out)
        let copy = themesFolder.appendingPathComponent("mine.toml")
        try printed.out.replacingOccurrences(of: "name = \"default\"", with: "name = \"mine\"").write(to: copy, atomically: true, encoding: .utf8)
        let checked = try run(["themes", "--check", copy.path])
        XCTAssertEqual(checked.status, 0, checked.err)
        XCTAssertTrue(checked.out.contains("ok, theme \"mine\""), checked.out)

        let unknown = try run(["themes", "--print", "nope"])
        XCTAssertEqual(unknown.status, 1)
        XCTAssertTrue(unknown.err.contains("no built-in theme \"nope\"; the built-in ones are default, "), unknown.err)
    }

    func testListsTheFiveThemesAndUserThemesWithPlainPreviews() throws {
        try "name = \"mine\"\ndescription = \"My colours\"\n[roles.error]\nfg = \"magenta\"\n"
            .write(to: themesFolder.appendingPathComponent("mine.toml"), atomically: true, encoding: .utf8)
        try "[roles.error]\nfg = \"teal\"\n".write(to: themesFolder.appendingPathComponent("oops.toml"), atomically: true, encoding: .utf8)
        let result = try run(["themes"])
        XCTAssertEqual(result.status, 0, result.err)
        let out = result.out
        for name in ["default", "light", "high-contrast", "monochrome", "terminal16"] {
            XCTAssertTrue(out.contains("\n\(name) ") || out.hasPrefix("\(name) "), "\(name) missing:\n\(out)")
        }
        XCTAssertTrue(out.hasPrefix("default (in use) — built-in\n"), out)
        XCTAssertTrue(out.contains("mine — \(themesFolder.appendingPathComponent("mine.toml").path)\n  My colours\n"), out)
        XCTAssertTrue(out.contains("oops — \(themesFolder.appendingPathComponent("oops.toml").path)\n  not usable: "), out)
        XCTAssertTrue(out.contains("oops.toml:2: roles.error.fg: unknown colour \"teal\""), out)
        for role in ["focusRow", "fieldText", "error", "success", "link", "diffAdded", "diffRemoved"] {
            XCTAssertTrue(out.contains("    \(role) "), "role \(role) not named:\n\(out)")
        }
        XCTAssertFalse(out.contains("\u{1B}"), "no escape sequences on a pipe")
        XCTAssertEqual(out.components(separatedBy: "    focusRow ").count - 1, 6, "a preview per usable theme")
    }

    func testInUseFollowsTheEnvironmentAndNoColor() throws {
        XCTAssertTrue(try run(["themes"], environment: ["BBCLERK_THEME": "light"]).out.contains("\nlight (in use) — built-in"))
        XCTAssertTrue(try run(["themes"], environment: ["NO_COLOR": "1"]).out.contains("\nmonochrome (in use) — built-in"))
    }

    func testCheckAcceptsAGoodFileAndNamesTheProblemInABrokenOne() throws {
        let good = home.appendingPathComponent("good.toml")
        try "name = \"good\"\n[roles.error]\nfg = \"red\"\nfg256 = 196\n".write(to: good, atomically: true, encoding: .utf8)
        let ok = try run(["themes", "--check", good.path])
        XCTAssertEqual(ok.status, 0, ok.err)
        XCTAssertTrue(ok.out.hasPrefix("\(good.path): ok, theme \"good\" sets 1 of"), ok.out)

        let bad = home.appendingPathComponent("bad.toml")
        try "name = \"bad\"\n\n[roles.fokus]\nfg = \"red\"\n".write(to: bad, atomically: true, encoding: .utf8)
        let failed = try run(["themes", "--check", bad.path])
        XCTAssertEqual(failed.status, 1)
        XCTAssertTrue(failed.err.hasPrefix("bbclerk: \(bad.path):3: roles.fokus: unknown role"), failed.err)

        let missing = try run(["themes", "--check", home.appendingPathComponent("none.toml").path])
        XCTAssertEqual(missing.status, 1)
        XCTAssertTrue(missing.err.contains("the file does not exist") && !missing.err.contains("none.toml"), missing.err)
    }
}
