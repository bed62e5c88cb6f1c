import Foundation
import XCTest

/// Nothing from outside reaches the terminal as an escape sequence, in any command's output:
/// a stand-in server on loopback answers `bbclerk apply` and `doctor` with escape sequences
/// in its error bodies and ids, a theme file carries them in its description, and the
/// captured bytes must hold no ESC, BEL or C1 control. And credentials are never sent to an
/// endpoint that is refused: the process stops before any connection.
final class HostileOutputTests: XCTestCase {
    private var home: URL!

    override func setUpWithError() throws {
        home = FileManager.default.temporaryDirectory.appendingPathComponent("bbclerk-hostile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: home)
    }

    static let title = "\u{1B}]0;PWNED\u{07}"
    static let clipboard = "\u{1B}]52;c;ZXZpbA==\u{1B}\\"
    static let csi = "\u{9B}2J\u{1B}[31m"

    /// JSON text of `s` with ESC, BEL and C1 as \u escapes (what a server would send).
    static func json(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar == "\"" || scalar == "\\" {
                out += String(format: "\\u%04x", scalar.value)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// Bitbucket's 403 "missing scopes" with hostile scope names for every request, except
    /// Clerk's application list: two applications named Acme with hostile ids, so that the
    /// fix line lists the ids.
    static func hostileServer() throws -> StandInServer {
        try StandInServer { path in
            if path.hasSuffix("/platform/applications") {
                return .init(status: 200, body: """
                    [{"application_id": \(json("app_1" + title)), "name": "Acme", "instances": []},
                     {"application_id": \(json("app_2" + clipboard)), "name": "Acme", "instances": []}]
                    """)
            }
            return .init(status: 403, body: """
                {"type": "error", "error": {"message": \(json("Forbidden" + csi)),
                 "detail": {"granted": [\(json("account" + title))], "required": [\(json("read:user:bitbucket" + clipboard)), \(json(csi + "x"))]}}}
                """)
        }
    }

    func environment(_ server: StandInServer) -> [String: String] {
        ["BBCLERK_BITBUCKET_API_URL": server.url + "/2.0", "BBCLERK_BITBUCKET_WEB_URL": server.url,
         "BBCLERK_CLERK_API_URL": server.url + "/v1", "BBCLERK_CLERK_FRONTEND_URL": server.url + "/fapi",
         "BITBUCKET_EMAIL": "ada@example.com", "BITBUCKET_API_TOKEN": "ATATT-stand-in", "CLERK_PLATFORM_API_KEY": "ak_stand_in"]
    }

    func testDoctorAndApplyPrintNoEscapeFromAHostileServer() throws {
        let server = try Self.hostileServer()
        defer { server.stop() }
        let runs = [
            try CommandRun.run(["doctor", "--application", "Acme"], home: home, environment: environment(server)),
            try CommandRun.run(["apply", "--application", "Acme", "--workspace", "acme", "--consumer-key", "k",
                                "--consumer-secret-file", "-"], home: home, environment: environment(server), input: .text("s3cret\n")),
        ]
        XCTAssertGreaterThan(server.received.requests.count, 0, "the hostile answers were fetched")
        for run in runs {
            XCTAssertEqual(run.status, 1, run.err + run.out)
            XCTAssertEqual(run.terminalControls, [], run.out + run.err)
            XCTAssertTrue(run.out.contains("✗"), run.out)
        }
        // The ids are still there, without their escape sequences.
        XCTAssertTrue(runs.contains { $0.out.contains("--application app_1") }, runs.map(\.out).joined())
    }

    func testJSONOutputEscapesEscape() throws {
        let server = try Self.hostileServer()
        defer { server.stop() }
        let run = try CommandRun.run(["doctor", "--json", "--application", "Acme"], home: home, environment: environment(server))
        XCTAssertEqual(run.terminalControls, [], run.out)
        XCTAssertTrue(run.out.contains("\\u001b"), "the text is kept, escaped: \(run.out)")
        XCTAssertNotNil(try? JSONSerialization.jsonObject(with: run.stdout))
    }

    func testThemesAndThemeCheckPrintNoEscapeFromAThemeFile() throws {
        let folder = home.appendingPathComponent("config/bbclerk/themes")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let good = folder.appendingPathComponent("evil.toml")
        try "name = \"evil\"\ndescription = \"looks fine\\u001b]0;PWNED\\u0007\\u001b]52;c;ZXZpbA==\\u0007\"\n[roles.normal]\nfg = \"white\"\n"
            .write(to: good, atomically: true, encoding: .utf8)
        let bad = folder.appendingPathComponent("broken.toml")
        try "name = \"broken\"\n[roles.normal]\nfg = \"\\u001b]0;PWNED\\u0007red\"\n".write(to: bad, atomically: true, encoding: .utf8)
        let list = try CommandRun.run(["themes"], home: home)
        XCTAssertEqual(list.status, 0, list.err)
        XCTAssertTrue(list.out.contains("looks fine"), list.out)
        XCTAssertTrue(list.out.contains("not usable"), list.out)
        for run in [list, try CommandRun.run(["themes", "--check", good.path], home: home),
                    try CommandRun.run(["themes", "--check", bad.path], home: home)] {
            XCTAssertEqual(run.terminalControls, [], run.out + run.err)
        }
    }

    // MARK: Credentials only where they belong

    /// A capture server on loopback stands behind every endpoint but one, which is set to a
    /// refused URL: bbclerk must stop with a usage error naming the variable and the rule,
    /// and the capture server must see no connection at all.
    func refusedBeforeAnyConnection(_ variable: String, _ url: (StandInServer) -> String, expect words: [String],
                                    line: UInt = #line) throws {
        let capture = try StandInServer { _ in .init(status: 200, body: "[]") }
        defer { capture.stop() }
        var environment = environment(capture)
        environment[variable] = url(capture)
        for arguments in [["doctor", "--application", "Acme"],
                          ["apply", "--application", "Acme", "--workspace", "acme", "--consumer-key", "k"]] {
            let run = try CommandRun.run(arguments, home: home, environment: environment)
            XCTAssertEqual(run.status, 2, run.err, line: line)
            XCTAssertTrue(run.err.contains(variable), run.err, line: line)
            for word in words { XCTAssertTrue(run.err.contains(word), "\(word): \(run.err)", line: line) }
            XCTAssertEqual(run.terminalControls, [], line: line)
        }
        XCTAssertEqual(capture.received.connections, 0, "sent: \(capture.received.requests)", line: line)
    }

    func testPlainHTTPToANonLoopbackHostSendsNothing() throws {
        // curl resolves *.localhost to 127.0.0.1 itself, so without the rule this would reach
        // the capture server with the Platform key.
        try refusedBeforeAnyConnection("BBCLERK_CLERK_API_URL", { "http://example-capture.localhost:\($0.port)/v1" },
                                       expect: ["plain http is accepted only for loopback", "https://example-capture.localhost"])
        try refusedBeforeAnyConnection("BBCLERK_BITBUCKET_API_URL", { "http://127.evil.example:\($0.port)/2.0" },
                                       expect: ["127.evil.example is not loopback"])
    }

    func testUserInfoAndOtherSchemesSendNothing() throws {
        try refusedBeforeAnyConnection("BBCLERK_CLERK_API_URL", { "https://ada:hunter2pw@127.0.0.1:\($0.port)/v1" },
                                       expect: ["user name or password"])
        try refusedBeforeAnyConnection("BBCLERK_BITBUCKET_WEB_URL", { "ftp://127.0.0.1:\($0.port)" }, expect: ["only https"])
    }

    func testConfigURLsAreHonouredAndCheckedByApplyAndDoctor() throws {
        let capture = try StandInServer { _ in .init(status: 401, body: "{}") }
        defer { capture.stop() }
        let config = home.appendingPathComponent("config/bbclerk/config.toml")
        try FileManager.default.createDirectory(at: config.deletingLastPathComponent(), withIntermediateDirectories: true)
        var environment = environment(capture)
        environment["BBCLERK_CLERK_API_URL"] = nil
        try "[urls]\nclerk_api = \"http://example-capture.localhost:\(capture.port)/v1\"\n".write(to: config, atomically: true, encoding: .utf8)
        let refused = try CommandRun.run(["doctor", "--application", "Acme"], home: home, environment: environment)
        XCTAssertEqual(refused.status, 2, refused.err)
        XCTAssertTrue(refused.err.contains("urls.clerk_api") && refused.err.contains("loopback"), refused.err)
        XCTAssertEqual(capture.received.connections, 0)

        // A good [urls] is used (today's apply and doctor ignored it): the capture server is asked.
        try "[urls]\nclerk_api = \"http://127.0.0.1:\(capture.port)/v1\"\n".write(to: config, atomically: true, encoding: .utf8)
        environment["BBCLERK_BITBUCKET_API_URL"] = nil
        _ = try CommandRun.run(["doctor", "--application", "Acme"], home: home, environment: environment)
        XCTAssertTrue(capture.received.requests.contains { $0.contains("/v1/platform/applications") }, "\(capture.received.requests)")

        // A config file others can write is refused whole, naming the fix.
        chmod(config.path, 0o666)
        let writable = try CommandRun.run(["doctor", "--application", "Acme"], home: home, environment: environment)
        XCTAssertEqual(writable.status, 2, writable.err)
        XCTAssertTrue(writable.err.contains("chmod go-w \(config.path)"), writable.err)
    }
}
