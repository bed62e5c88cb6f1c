import Foundation
import XCTest

/// A user who ran `clerk auth login` and has no `ak_` key: the wizard, `apply` and `doctor`
/// borrow the Clerk CLI's stored sign-in (a stand-in credentials file, in the shape clerk/cli
/// `lib/credential-store.ts` writes, holding a token the sandbox accepts) and reach the same
/// verified end as a Platform key holder. An expired sign-in is named with the command that
/// renews it, never refreshed here.
final class ClerkCLISignInTests: XCTestCase {
    /// The sandbox's environment without its Platform API key, and a CLI sign-in expiring in
    /// `seconds` in a config folder of the CLI's own.
    func environment(_ sandbox: StandaloneSandbox, in folder: URL, expiresIn seconds: Double = 3600) throws -> [String: String] {
        let cli = folder.appendingPathComponent("clerk-cli")
        try FileManager.default.createDirectory(at: cli, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let expiresAt = (Date().timeIntervalSince1970 + seconds) * 1000
        let session = #"{"accessToken":"\#(sandbox["clerk_cli_access_token"])","refreshToken":"rt_must_not_be_used","expiresAt":\#(expiresAt),"tokenType":"Bearer"}"#
        let file = cli.appendingPathComponent("credentials")
        try Data(session.utf8).write(to: file)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file.path)
        var environment = sandbox.environment
        environment["CLERK_PLATFORM_API_KEY"] = nil
        environment["CLERK_CONFIG_DIR"] = cli.path
        return environment
    }

    func testTheWizardSyncsWithTheClerkCLISignIn() throws {
        let sandbox = try StandaloneSandbox()
        defer { sandbox.stop() }
        let folder = try TestFolder()
        let wizard = try Wizard.launch([], in: folder, environment: try environment(sandbox, in: folder.url))
        defer { wizard.kill() }
        try wizard.waitFor("Clerk CLI sign-in")
        try wizard.waitFor("Platform API: 2 applications found")
        try wizard.walkToSync(sandbox: sandbox)
        try wizard.send("a")
        try wizard.waitFor("✓ Applied to Clerk")
        try wizard.waitFor("Bitbucket sign-in enabled")
    }

    func testAnExpiredSignInIsNamedWithWhatRenewsIt() throws {
        let sandbox = try StandaloneSandbox()
        defer { sandbox.stop() }
        let folder = try TestFolder()
        let environment = try environment(sandbox, in: folder.url, expiresIn: -60)
        let wizard = try Wizard.launch([], in: folder, environment: environment)
        defer { wizard.kill() }
        try wizard.waitFor("Your Clerk CLI sign-in has expired: run clerk whoami")

        // Renewed elsewhere (as clerk whoami would), then Check again: read anew and used.
        let cliFolder = try XCTUnwrap(environment["CLERK_CONFIG_DIR"])
        let expired = try String(contentsOfFile: cliFolder + "/credentials", encoding: .utf8)
        let renewed = expired.replacingOccurrences(of: #""expiresAt":[0-9.e+]+"#, with: "\"expiresAt\":\((Date().timeIntervalSince1970 + 3600) * 1000)",
                                                   options: .regularExpression)
        try Data(renewed.utf8).write(to: URL(fileURLWithPath: cliFolder + "/credentials"))
        for _ in 0..<3 { try wizard.send("Tab") }
        try wizard.send("Enter")
        try wizard.waitFor("Platform API: 2 applications found")
        try wizard.waitFor("Clerk CLI sign-in")
        try Data(expired.utf8).write(to: URL(fileURLWithPath: cliFolder + "/credentials"))

        let doctor = try CommandRun.run(["doctor"], home: folder.url, environment: environment)
        XCTAssertEqual(doctor.status, 2, doctor.err)
        XCTAssertTrue(doctor.err.contains("Your Clerk CLI sign-in has expired"), doctor.err)
        let stored = try String(contentsOfFile: cliFolder + "/credentials", encoding: .utf8)
        XCTAssertTrue(stored.contains("rt_must_not_be_used"), "the CLI's store is never written")
    }

    func testApplyAndDoctorUseTheClerkCLISignIn() throws {
        let sandbox = try StandaloneSandbox()
        defer { sandbox.stop() }
        let folder = try TestFolder()
        let environment = try environment(sandbox, in: folder.url)
        let consumer = try XCTUnwrap(sandbox.consumer(named: "Acme Store sign-in"))
        let key = try XCTUnwrap(consumer["key"] as? String), secret = try XCTUnwrap(consumer["secret"] as? String)
        let applied = try CommandRun.run(["apply", "--json", "--application", "Acme Store", "--workspace", "acme-store",
                                          "--consumer-key", key, "--consumer-secret-file", "-"],
                                         home: folder.url, environment: environment, input: .text(secret))
        XCTAssertEqual(applied.status, 0, applied.out + applied.err)
        XCTAssertFalse(applied.out.contains(sandbox["clerk_cli_access_token"]), "the token is never printed")

        let doctor = try CommandRun.run(["doctor", "--json"], home: folder.url, environment: environment)
        XCTAssertEqual(doctor.status, 0, doctor.out + doctor.err)
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: doctor.stdout) as? [String: Any])
        let instances = try XCTUnwrap(json["instances"] as? [[String: Any]])
        XCTAssertEqual(instances.count, 4, "Acme Store's production instance is set up now: every instance is audited")
        XCTAssertTrue(instances.allSatisfy { $0["ok"] as? Bool == true && $0.keys.contains("next_action") })
    }
}
