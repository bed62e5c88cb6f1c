import Foundation
import SetupCore
import XCTest

/// Manual mode end to end: no Platform credential, only the instance's secret key, so the
/// user saves the Key and Secret in the Dashboard and bbclerk proves the result from
/// outside: the Frontend API shows Bitbucket on, and a test sign-in sends users to
/// Bitbucket with the consumer's key.
final class ManualModeTests: XCTestCase {
    func testManualModeProvesTheKeyFromOutside() throws {
        let sandbox = try StandaloneSandbox()
        defer { sandbox.stop() }
        // Nimbus Notes' production instance already has the Nimbus consumer's credentials
        // (as if the user had just saved them in the Dashboard).
        let consumer = try XCTUnwrap(sandbox.consumer(named: "Nimbus Notes"))
        let key = try XCTUnwrap(consumer["key"] as? String)
        let secret = try XCTUnwrap(consumer["secret"] as? String)
        let instances = sandbox.info["clerk_instances"] as? [[String: Any]] ?? []
        let nimbus = try XCTUnwrap(instances.first { $0["application_name"] as? String == "Nimbus Notes" && $0["environment_type"] as? String == "production" })
        let secretKey = try XCTUnwrap(nimbus["secret_key"] as? String)
        var environment = sandbox.environment
        environment["CLERK_PLATFORM_API_KEY"] = nil
        environment["CLERK_SECRET_KEY"] = secretKey
        environment["TERM"] = "xterm-256color"

        let run = try PtyRun(arguments: ["--accessible"], environment: environment, script: [
            ("Choose what to do [1]:", "\n"),
            ("Press Enter to continue [Enter]:", "\n"),
            ("Choose a workspace: its number, or part of its name [1]:", "nimbus\n"),
            ("Name [nimbus-notes.io]:", "\n"),
            ("Description [empty]:", "\n"),
            ("Callback URL [https://clerk.nimbus-notes.io/v1/oauth_callback]:", "\n"),
            ("URL [https://nimbus-notes.io]:", "\n"),
            ("Privacy policy URL [empty]:", "\n"),
            ("EULA URL [empty]:", "\n"),
            ("This is a private consumer? [Y/n]:", "\n"),
            ("Scope to add or remove, by number", "\n"),
            ("Key [none]:", key + "\n"),
            ("Secret (typing is hidden) [none]:", secret + "\n"),
            ("Bitbucket accepted the key and secret", ""),
            ("Choose what to do [1]:", "\n"),
            ("Press Enter when you have saved them in the Clerk Dashboard", "\n"),
        ])
        XCTAssertEqual(run.status, 0, run.transcript)
        XCTAssertTrue(run.transcript.contains("Clerk's Frontend API shows Bitbucket sign-in enabled."), run.transcript)
        XCTAssertTrue(run.transcript.contains("Clerk sends sign-ins to Bitbucket with client_id \(key) (yours) and redirect_uri https://clerk.nimbus-notes.io/v1/oauth_callback (the Callback URL)."), run.transcript)
        XCTAssertTrue(run.transcript.contains("\(WizardStep.done.heading(separator: ": "))"), run.transcript)
        XCTAssertFalse(run.transcript.contains(secret), "the consumer secret reached the terminal")
        XCTAssertFalse(run.transcript.contains(secretKey), "the Clerk secret key reached the terminal")
    }
}
