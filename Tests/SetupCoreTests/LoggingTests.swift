import Foundation
import Logging
import Testing
@testable import SetupCore

/// The log: one redacted line per event in a 0600 file; request detail only with --verbose.
@Suite(.serialized) struct LoggingTests {
    private func mode(of url: URL) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? NSNumber)?.intValue ?? -1
    }

    @Test func writesRedactedLinesToAnOwnerOnlyFile() throws {
        let folder = try ScratchFolder()
        let file = folder.url.appendingPathComponent("state/bbclerk/bbclerk.log")
        let redactor = SecretRedactor()
        let secret = "consumer-secret-7Qp2Lx9Zr"
        redactor.register(Secret(secret))
        var logger = Logger(label: "test") { _ in FileLogHandler(file: file, redactor: redactor) }
        logger[metadataKey: "step"] = "7"
        logger.info("verified with \(secret)\nsecond line")
        logger.debug("not written at info level")
        logger.warning("token ATATT3xFfGF0abcdefghijklmnop=ABCD in a body")
        let text = try String(contentsOf: file, encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 3, "two events, one line each, and the final line break")
        #expect(!text.contains(secret))
        #expect(!text.contains("ATATT3xFfGF0"))
        #expect(lines[0].contains(" info verified with \(Secret.mask)\\nsecond line step=7"))
        #expect(lines[1].contains(" warning token \(Secret.mask)"))
        #expect(!text.contains("not written"))
        #expect(try mode(of: file) == 0o600)
        // Appends rather than replaces.
        logger.error("again")
        #expect(try String(contentsOf: file, encoding: .utf8).hasPrefix(text))
    }

    @Test func aWideExistingLogIsTightened() throws {
        let folder = try ScratchFolder()
        let file = folder.url.appendingPathComponent("bbclerk.log")
        _ = FileManager.default.createFile(atPath: file.path, contents: Data("old\n".utf8), attributes: [.posixPermissions: 0o644])
        Logger(label: "test") { _ in FileLogHandler(file: file) }.info("new")
        #expect(try mode(of: file) == 0o600)
        #expect(try String(contentsOf: file, encoding: .utf8).hasPrefix("old\n"))
    }

    @Test func controlCharactersStayOnOneLine() {
        #expect(FileLogHandler.oneLine("a\nb\rc\td\u{1B}[31m\u{202E}") == "a\\nb\\rc d\\u{1B}[31m\\u{202E}")
    }

    @Test func requestsAreLoggedOnlyWhenVerboseAndWithoutQueryOrHeaders() async throws {
        let previous = BBClerkLog.logger
        defer { BBClerkLog.logger = previous }
        let folder = try ScratchFolder()
        let quiet = folder.url.appendingPathComponent("quiet.log")
        let verbose = folder.url.appendingPathComponent("verbose.log")
        try await SandboxFixture.with { fixture in
            BBClerkLog.start(file: quiet, verbose: false)
            _ = try await fixture.bitbucket().currentUser()
            BBClerkLog.start(file: verbose, verbose: true)
            _ = try await fixture.bitbucket().currentUser()
            _ = try? await fixture.bitbucket(token: "ATATTwrongtoken1234567890").currentUser()
        }
        BBClerkLog.logger = previous
        #expect(!((try? String(contentsOf: quiet, encoding: .utf8)) ?? "").contains("/2.0/user →"))
        let text = try String(contentsOf: verbose, encoding: .utf8)
        #expect(text.contains(" debug GET ") && text.contains("/2.0/user → 200 ("))
        #expect(text.contains("/2.0/user → 401 ("))
        #expect(!text.contains("Authorization") && !text.contains("Basic "))
        #expect(!text.contains("ATATTwrong"))
    }

    @Test func stepsAndRemoteErrorsAreLoggedAtInfo() throws {
        let previous = BBClerkLog.logger
        defer { BBClerkLog.logger = previous }
        let folder = try ScratchFolder()
        let file = folder.url.appendingPathComponent("wizard.log")
        BBClerkLog.start(file: file, verbose: false)
        let log = SessionLog()
        var state = WizardState(mode: .live, endpoints: .production, credentials: SessionCredentials())
        log.note(.start, state: state)
        let error = RemoteError(service: .bitbucket, kind: .unauthorized, status: 401, userMessage: "Wrong token.",
                                logDetail: "GET /2.0/user → HTTP 401: Unauthorized")
        _ = Wizard.reduce(&state, .bitbucketChecked(.failure(error)))
        log.note(.bitbucketChecked(.failure(error)), state: state)
        BBClerkLog.logger = previous
        let text = try String(contentsOf: file, encoding: .utf8)
        #expect(text.contains(" info step \(WizardStep.connect.number) · Connect"))
        #expect(text.contains(" info bitbucket error: GET /2.0/user → HTTP 401: Unauthorized"))
        #expect(text.components(separatedBy: "step \(WizardStep.connect.number) ").count == 2, "each arrival once")
    }
}
