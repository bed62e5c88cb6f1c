import Foundation
import SetupCore
import XCTest

/// The whole journey, from Connect to Done, as a person would take it.
final class FullFlowTests: XCTestCase {
    /// Against a standalone sandbox (no --sandbox: the base URLs and credentials come from
    /// the environment), with the seeded consumer's Key and Secret pasted as a terminal pastes
    /// them (bracketed, with whitespace around). Clerk must end up with the trimmed key.
    func testWholeFlowWithPastedCredentialsAgainstAStandaloneSandbox() throws {
        let sandbox = try StandaloneSandbox()
        defer { sandbox.stop() }
        let consumer = try XCTUnwrap(sandbox.consumer(named: "Acme Store sign-in"), "the sandbox seeds \"Acme Store sign-in\"")
        let key = try XCTUnwrap(consumer["key"] as? String)
        let secret = try XCTUnwrap(consumer["secret"] as? String)
        XCTAssertEqual(consumer["workspace"] as? String, "acme-store")
        let application = try XCTUnwrap(sandbox.applicationID(named: "Acme Store"))

        let folder = try TestFolder()
        let wizard = try Wizard.launch([], in: folder, environment: sandbox.environment)
        defer { wizard.kill() }
        wizard.forbidden = [secret]

        try wizard.waitForStep(.connect)
        try wizard.waitFor("Signed in as Ada Lovelace")
        XCTAssertFalse(try wizard.screen().contains("sandbox"), "no --sandbox: the credentials are from the environment")
        try wizard.connect()
        try wizard.chooseApplication("Acme Store", instance: "production")
        try wizard.waitForStep(.workspace)
        try wizard.chooseWorkspace("acme-store", byFilter: true)
        let consumerScreen = try wizard.waitFor("https://clerk.acme-store.com/v1/oauth_callback")
        XCTAssertTrue(consumerScreen.contains("This is a private consumer"), consumerScreen)
        try wizard.pressContinue(expecting: .scopes)
        try wizard.waitFor("[*] Email  [*] Read  [ ] Write")
        try wizard.send("Enter")
        try wizard.waitForStep(.createInBitbucket)
        XCTAssertFalse(try wizard.screen().contains("Create it in the sandbox"), "no sandbox button outside --sandbox")

        try wizard.pasteCredentials(key: "  \t\(key) \n", secret: "\n \(secret)  \n")
        let pasted = try wizard.screen()
        XCTAssertEqual(TmuxSession.value(of: "Key", in: pasted), key, "the pasted Key is trimmed:\n\(pasted)")
        XCTAssertTrue(pasted.contains("\(WizardStep.createInBitbucket.counter)"), "a pasted newline does not press Enter:\n\(pasted)")

        try wizard.pressContinue(expecting: .keyAndSecret)
        let verdict = try wizard.waitFor("✓ Bitbucket accepted the key and secret")
        XCTAssertTrue(verdict.contains(key), verdict)
        try wizard.pressContinue(expecting: .syncToClerk)
        try wizard.waitFor("+ client_id: \"\(key)\"")
        try wizard.waitFor("+ enabled: true")
        try wizard.send("a")
        try wizard.waitFor("✓ Read back: enabled yes, client_id \(key)")
        let applied = try wizard.waitFor("Clerk's Frontend API shows Bitbucket sign-in enabled")
        XCTAssertFalse(applied.contains("nothing applied yet"), "once applied, the screen must not say it is a dry run:\n\(applied)")
        try wizard.pressContinue(expecting: .done)
        let done = try wizard.waitFor("Sign in with Bitbucket is set up.")
        XCTAssertTrue(done.contains("acme-store"), done)
        XCTAssertEqual(try wizard.finish(), 0)

        // What Clerk holds now, through the sandbox's own HTTP API.
        let url = sandbox["clerk_api_url"] + "/platform/applications/\(application)/instances/production/config?keys=connection_oauth_bitbucket"
        let reply = try sandbox.get(url, bearer: sandbox["clerk_platform_api_key"])
        XCTAssertEqual(reply.status, 200)
        let connection = try XCTUnwrap((reply.json as? [String: Any])?["connection_oauth_bitbucket"] as? [String: Any], "\(String(describing: reply.json))")
        XCTAssertEqual(connection["enabled"] as? Bool, true)
        XCTAssertEqual(connection["client_id"] as? String, key)

        // The secret was never drawn, and nothing of the wizard is left in the scrollback.
        let history = try wizard.scrollback()
        XCTAssertFalse(history.contains(secret), "the secret is in the scrollback after exit")
        XCTAssertFalse(history.contains("\(WizardStep.done.counter)"), "the wizard ran on the alternate screen:\n\(history)")
        // What was set up stays in the scrollback once the full screen closes, as gh does.
        XCTAssertTrue(history.contains("Sign in with Bitbucket is set up."), "the exit summary:\n\(history)")
        // Wrapped at spaces to the terminal's width, continuation rows indented.
        let joined = history.replacingOccurrences(of: "\n  ", with: " ")
        XCTAssertTrue(joined.contains("(key \(key))"), "the key in the exit summary:\n\(history)")
        XCTAssertTrue(history.contains("bbclerk doctor --consumer-key \(key)"), "how to check it again:\n\(history)")
        XCTAssertEqual(wizard.leaks, [])

        // No file bbclerk wrote (draft, audit log, log, name cache) holds a secret or a token.
        let written = folder.writtenFiles
        XCTAssertTrue(written.contains("audit.log"), "the sync was audited: \(written)")
        XCTAssertTrue(written.contains("bbclerk.log"), "the session was logged: \(written)")
        let tokens = [secret, sandbox["bitbucket_api_token"], sandbox["clerk_platform_api_key"], sandbox["clerk_secret_key"]]
        XCTAssertEqual(folder.files(containing: tokens), [], "files: \(written)")
    }

    /// --sandbox: "Create it in the sandbox" makes a consumer and fills its Key and Secret.
    /// A newcomer in the sandbox reaches Done with at most 15 key presses, each one a key
    /// the help bar shows at that moment (11 today: Enter through the steps, a to apply).
    func testANewcomerReachesDoneWithFewKeysTheHelpBarShows() throws {
        let folder = try TestFolder()
        let wizard = try Wizard.launch(in: folder)
        defer { wizard.kill() }
        let walk: [(step: WizardStep, key: String, shown: String, after: String?)] = [
            (.connect, "Enter", "Enter continue", "Signed in as"),
            (.clerkApplication, "Enter", "Enter continue", nil),
            (.workspace, "Enter", "Enter", nil),
            (.consumer, "Enter", "Enter continue", nil),
            (.scopes, "Enter", "Enter continue", nil),
            (.createInBitbucket, "Enter", "Enter create in sandbox", nil),
            (.createInBitbucket, "Enter", "Enter continue", "The sandbox created the consumer"),
            (.keyAndSecret, "Enter", "Enter", "✓ Bitbucket accepted the key and secret"),
            (.syncToClerk, "a", "a apply", "+ enabled: true"),
            (.syncToClerk, "Enter", "Enter", "Bitbucket sign-in enabled"),
            (.done, "Enter", "Enter", nil),
        ]
        XCTAssertLessThanOrEqual(walk.count, 15)
        for (step, key, shown, after) in walk {
            try wizard.waitForStep(step)
            if let after { try wizard.waitFor(after) }
            _ = try wizard.waitUntil("the help bar to offer \(shown)") { screen in
                screen.split(separator: "\n").last { !$0.trimmingCharacters(in: .whitespaces).isEmpty }?.contains(shown) == true
            }
            try wizard.send(key)
        }
        XCTAssertEqual(try wizard.waitForExit(timeout: 10), 0)
    }

    func testSandboxModeWithAGeneratedConsumerReachesDone() throws {
        let folder = try TestFolder()
        let wizard = try Wizard.launch(["--sandbox"], in: folder)
        defer { wizard.kill() }
        try wizard.walkToCreate(description: "Made by the end-to-end test")
        let key = try wizard.createInSandbox()
        XCTAssertEqual(key.count, 32, "a Bitbucket consumer key is 32 characters: \(key)")
        XCTAssertTrue(key.allSatisfy { $0.isLetter || $0.isNumber }, key)
        let screen = try wizard.screen()
        XCTAssertTrue(screen.contains("Secret") && screen.contains("•••"), "the secret is filled and masked:\n\(screen)")
        try wizard.verifyAndSync()
        XCTAssertTrue(try wizard.screen().contains(key))
        XCTAssertEqual(try wizard.finish(), 0)
    }

    /// The smallest supported size: every step scrolls its content, and the flow completes.
    func testWholeSandboxFlowAtTheSmallestSize() throws {
        let folder = try TestFolder()
        let wizard = try Wizard.launch(["--sandbox"], in: folder, columns: 60, rows: 16)
        defer { wizard.kill() }
        try wizard.waitForStep(.connect)
        let first = try wizard.waitFor("applications found")
        XCTAssertFalse(first.contains("needs at least"), "60×16 is enough:\n\(first)")
        try wizard.walkToCreate()
        try wizard.createInSandbox()
        try wizard.verifyAndSync()
        let done = try wizard.screen()
        XCTAssertTrue(done.components(separatedBy: "\n").allSatisfy { $0.count <= 60 }, done)
        XCTAssertEqual(try wizard.finish(), 0)
    }
}
