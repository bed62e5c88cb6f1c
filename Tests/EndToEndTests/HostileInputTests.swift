import Foundation
import XCTest

/// Local input made hostile: a secret read from /dev/zero or a FIFO nobody writes to, and a
/// secret typed where a file name goes. bbclerk ends quickly with a usage error and never
/// repeats the mistaken value.
final class HostileInputTests: XCTestCase {
    private var home: URL!

    override func setUpWithError() throws {
        home = FileManager.default.temporaryDirectory.appendingPathComponent("bbclerk-input-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: home)
    }

    private let apply = ["apply", "--sandbox", "--application", "Acme Store", "--workspace", "acme-store", "--consumer-key", "k"]

    func testEndlessStandardInputIsCutAtTheLimit() throws {
        let run = try CommandRun.run(apply + ["--consumer-secret-file", "-"], home: home, input: .file("/dev/zero"), timeout: 30)
        XCTAssertEqual(run.status, 2, run.err)
        XCTAssertTrue(run.err.contains("larger than 4 KiB"), run.err)
        XCTAssertLessThan(run.seconds, 10)
    }

    func testAFIFONobodyWritesToEndsWithoutHanging() throws {
        let fifo = home.appendingPathComponent("secret.fifo")
        XCTAssertEqual(mkfifo(fifo.path, 0o600), 0)
        let run = try CommandRun.run(apply + ["--consumer-secret-file", fifo.path], home: home, timeout: 40)
        XCTAssertEqual(run.status, 2, run.err)
        XCTAssertLessThan(run.seconds, 30)
    }

    func testASecretGivenAsAFileNameIsNotRepeated() throws {
        let secret = "4Kx9secretvalue"
        let runs = [
            try CommandRun.run(apply + ["--consumer-secret-file", secret], home: home),
            try CommandRun.run(["doctor", "--application", "a", "--clerk-platform-key-file", secret], home: home),
            try CommandRun.run(["doctor", "--application", "a", "--bitbucket-email", "a@b.c", "--bitbucket-token-file", secret], home: home),
            try CommandRun.run(["doctor", "--from", secret], home: home),
            try CommandRun.run(["doctor", "--json", "--from", secret], home: home),
            try CommandRun.run(["themes", "--check", secret + ".toml"], home: home),
        ]
        for run in runs {
            XCTAssertNotEqual(run.status, 0)
            XCTAssertFalse((run.out + run.err).contains(secret), run.out + run.err)
            XCTAssertTrue(run.err.contains("does not exist"), run.err)
        }
    }
}
