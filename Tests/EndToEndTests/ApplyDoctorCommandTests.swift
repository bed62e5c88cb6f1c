import Foundation
import Sandbox
import XCTest

/// `bbclerk apply` and `bbclerk doctor` as a script runs them: the real binary, its exit
/// status, its standard output and error, secrets through standard input.
final class ApplyDoctorCommandTests: XCTestCase {
    struct Outcome {
        var status: Int32
        var stdout: String
        var stderr: String
        var json: [String: Any]? { try? JSONSerialization.jsonObject(with: Data(stdout.utf8)) as? [String: Any] }
    }

    /// The seeded world of every sandbox (its seed is fixed), read from one started here.
    static func seed() async throws -> SandboxInfo {
        let sandbox = try await SandboxServer.start(SandboxOptions())
        let info = sandbox.info
        await sandbox.stop()
        return info
    }

    /// Runs bbclerk with `arguments`, `stdin` piped in (or /dev/null), no credentials in the
    /// environment, and state in a temporary folder. Killed after 60 s.
    func bbclerk(_ arguments: [String], stdin: String? = nil, environment extra: [String: String] = [:]) throws -> Outcome {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bbclerk-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let process = Process()
        process.executableURL = try Products.bbclerk
        process.arguments = arguments
        var environment = ["PATH": "/usr/bin:/bin", "HOME": folder.path, "XDG_STATE_HOME": folder.appendingPathComponent("state").path,
                           "XDG_CONFIG_HOME": folder.appendingPathComponent("config").path, "NO_COLOR": "1"]
        environment.merge(extra) { _, new in new }
        process.environment = environment
        let outURL = folder.appendingPathComponent("stdout"), errURL = folder.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        process.standardOutput = out
        process.standardError = err
        let input = Pipe()
        process.standardInput = stdin == nil ? FileHandle.nullDevice : input
        try process.run()
        if let stdin {
            input.fileHandleForWriting.write(Data(stdin.utf8))
            try input.fileHandleForWriting.close()
        }
        let deadline = Date().addingTimeInterval(60)
        while process.isRunning, Date() < deadline { usleep(20_000) }
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
            throw EndToEndFailure(description: "bbclerk \(arguments.joined(separator: " ")) did not finish within 60 s")
        }
        try out.close()
        try err.close()
        return Outcome(status: process.terminationStatus,
                       stdout: try String(contentsOf: outURL, encoding: .utf8), stderr: try String(contentsOf: errURL, encoding: .utf8))
    }

    func testMissingConsumerKeyExitsTwoNamingTheFlag() throws {
        let outcome = try bbclerk(["apply", "--sandbox", "--application", "Acme Store", "--workspace", "acme-store"])
        XCTAssertEqual(outcome.status, 2, outcome.stderr)
        // Every missing value at once, each with its flag and variable.
        XCTAssertTrue(outcome.stderr.contains("Missing 2 values:"), outcome.stderr)
        XCTAssertTrue(outcome.stderr.contains("  --consumer-key (or BBCLERK_CONSUMER_KEY): "), outcome.stderr)
        XCTAssertTrue(outcome.stderr.contains("  --consumer-secret-file (or BBCLERK_CONSUMER_SECRET_FILE): "), outcome.stderr)
        XCTAssertTrue(outcome.stderr.contains("bbclerk apply --help"), outcome.stderr)
    }

    func testNoWayIntoClerkWithJSONPrintsTheErrorAsJSON() throws {
        let outcome = try bbclerk(["doctor", "--json"])
        XCTAssertEqual(outcome.status, 2)
        XCTAssertEqual(outcome.json?["exit_code"] as? Int, 2)
        let error = outcome.json?["error"] as? String ?? ""
        XCTAssertTrue(error.hasPrefix("No way into Clerk was given."), outcome.stdout)
        for way in ["CLERK_PLATFORM_API_KEY", "clerk auth login", "CLERK_SECRET_KEY"] { XCTAssertTrue(error.contains(way), error) }
    }

    func testUnknownInstanceIsAUsageError() throws {
        let outcome = try bbclerk(["apply", "--instance", "staging"])
        XCTAssertEqual(outcome.status, 2)
        XCTAssertTrue(outcome.stderr.contains("--instance is production, development or an instance id (ins_…)"), outcome.stderr)
    }

    func testNoFlagTakesASecretValue() throws {
        let outcome = try bbclerk(["apply", "--consumer-secret", "abc"])
        XCTAssertNotEqual(outcome.status, 0, "there is no --consumer-secret")
        let help = try bbclerk(["apply", "--help"]).stdout
        for option in ["--consumer-secret-file <path|->", "--bitbucket-token-file <path|->", "--clerk-platform-key-file <path|->"] {
            XCTAssertTrue(help.contains(option), "\(option) in\n\(help)")
        }
        XCTAssertFalse(help.contains("--consumer-secret <"))
    }

    func testApplyInTheSandboxWithTheSecretFromStandardInput() async throws {
        let seed = try await Self.seed()
        let consumer = try XCTUnwrap(seed.consumers.first { $0.name == "Acme Store sign-in" })
        let outcome = try bbclerk(["apply", "--sandbox", "--json", "--application", "Acme Store", "--workspace", "acme-store",
                                   "--consumer-key", consumer.key, "--consumer-secret-file", "-",
                                   "--callback-url", "https://clerk.acme-store.com/v1/oauth_callback"],
                                  stdin: consumer.secret + "\n")
        XCTAssertEqual(outcome.status, 0, outcome.stdout + outcome.stderr)
        let json = try XCTUnwrap(outcome.json, outcome.stdout)
        XCTAssertEqual(json["ok"] as? Bool, true)
        XCTAssertEqual(json["applied"] as? Bool, true)
        XCTAssertEqual(json["dry_run"] as? Bool, false)
        XCTAssertEqual((json["verdict"] as? [String: Any])?["result"] as? String, "valid")
        XCTAssertFalse(outcome.stdout.contains(consumer.secret))
        XCTAssertFalse(outcome.stderr.contains(consumer.secret))
    }

    func testDryRunAndAWrongSecretFromAFile() async throws {
        let seed = try await Self.seed()
        let consumer = try XCTUnwrap(seed.consumers.first { $0.name == "Acme Store sign-in" })
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bbclerk-e2e-secret-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let secretFile = folder.appendingPathComponent("secret")
        try Data((consumer.secret + "\n").utf8).write(to: secretFile)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: secretFile.path)
        let arguments = ["apply", "--sandbox", "--application", "Acme Store", "--workspace", "acme-store",
                         "--consumer-key", consumer.key, "--consumer-secret-file", secretFile.path]

        let dryRun = try bbclerk(arguments + ["--dry-run"])
        XCTAssertEqual(dryRun.status, 0, dryRun.stdout + dryRun.stderr)
        XCTAssertTrue(dryRun.stdout.contains("+ enabled: true"), dryRun.stdout)
        XCTAssertTrue(dryRun.stdout.contains("Dry run: nothing was applied"), dryRun.stdout)
        XCTAssertTrue(dryRun.stderr.contains("can be read by other users (mode 644): run chmod 600"), dryRun.stderr)
        XCTAssertFalse(dryRun.stdout.contains("\u{1B}["), "no colour without a terminal")

        try Data("wrong-secret-entirely\n".utf8).write(to: secretFile)
        let wrong = try bbclerk(arguments + ["--json"])
        XCTAssertEqual(wrong.status, 1, wrong.stdout + wrong.stderr)
        XCTAssertEqual((wrong.json?["verdict"] as? [String: Any])?["result"] as? String, "wrong_credentials")
    }

    func testDoctorInTheSandbox() async throws {
        let seed = try await Self.seed()
        let nimbus = try XCTUnwrap(seed.consumers.first { $0.name == "Nimbus Notes" })
        let healthy = try bbclerk(["doctor", "--sandbox", "--json", "--application", "Nimbus Notes", "--consumer-secret-file", "-"],
                                  stdin: nimbus.secret)
        XCTAssertEqual(healthy.status, 0, healthy.stdout + healthy.stderr)
        XCTAssertEqual(healthy.json?["ok"] as? Bool, true)

        let broken = try bbclerk(["doctor", "--sandbox", "--json", "--application", "Acme Store"])
        XCTAssertEqual(broken.status, 1, broken.stdout + broken.stderr)
        let instances = try XCTUnwrap(broken.json?["instances"] as? [[String: Any]])
        XCTAssertEqual(instances.count, 1)
        XCTAssertNotNil(instances[0]["next_action"] as? String)
        let checks = try XCTUnwrap(instances[0]["checks"] as? [[String: Any]])
        let connection = try XCTUnwrap(checks.first { $0["name"] as? String == "clerk_connection" })
        XCTAssertEqual(connection["ok"] as? Bool, false)
        XCTAssertNotNil(connection["fix"] as? String)

        let text = try bbclerk(["doctor", "--sandbox", "--application", "Acme Store"])
        XCTAssertEqual(text.status, 1)
        XCTAssertTrue(text.stdout.contains("✗ Bitbucket connection in Clerk"), text.stdout)
        XCTAssertTrue(text.stdout.contains("  fix: "), text.stdout)
        XCTAssertFalse(text.stdout.contains("\u{1B}["))

        // No flags: every instance the seeded credential sees; the synced ones pass.
        let every = try bbclerk(["doctor", "--sandbox", "--json"])
        XCTAssertEqual(every.status, 0, every.stdout + every.stderr)
        XCTAssertEqual((every.json?["instances"] as? [[String: Any]])?.count, 3)
        XCTAssertEqual((every.json?["not_set_up"] as? [String])?.count, 1)
        let everyText = try bbclerk(["doctor", "--sandbox"])
        XCTAssertTrue(everyText.stdout.contains("Nimbus Notes · production ("), everyText.stdout)
        XCTAssertTrue(everyText.stdout.hasSuffix("3 of 3 instances with no failed check (9 checks not run, marked –).\n"), everyText.stdout)
    }
}
