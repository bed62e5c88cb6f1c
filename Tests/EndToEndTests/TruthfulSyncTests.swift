import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import XCTest

/// The wizard tells only what is true about Clerk, met as a user meets it: a key that
/// belongs to another workspace never reaches Clerk, arriving at Sync never applies, reads
/// that lag the write are "propagating", and an unverified production domain is named.
final class TruthfulSyncTests: XCTestCase {
    /// Create (here: paste) the consumer of workspace A, reach Key and secret, go back to
    /// Workspace and choose B: A's key and secret are set aside, B's are asked for, and only
    /// B's reach Clerk; Done and the audit log name B. The Enter that arrives at Sync does
    /// not apply.
    func testAKeyEnteredForAnotherWorkspaceNeverReachesClerk() throws {
        let sandbox = try StandaloneSandbox()
        defer { sandbox.stop() }
        let acme = try XCTUnwrap(sandbox.consumer(named: "Acme Store sign-in"))
        let acmeKey = try XCTUnwrap(acme["key"] as? String)
        let nimbus = try XCTUnwrap(sandbox.consumer(named: "Nimbus Notes"))
        let nimbusKey = try XCTUnwrap(nimbus["key"] as? String)
        let nimbusSecret = try XCTUnwrap(nimbus["secret"] as? String)
        let application = try XCTUnwrap(sandbox.applicationID(named: "Acme Store"))
        let folder = try TestFolder()
        let wizard = try Wizard.launch([], in: folder, environment: sandbox.environment)
        defer { wizard.kill() }

        try wizard.walkToSync(sandbox: sandbox)
        // Arriving focused Continue, not Apply: Enter only says what to do.
        try wizard.send("Enter")
        try wizard.waitFor("Press a to apply it to Clerk")
        XCTAssertEqual(try clientID(sandbox, application), "", "the Enter that arrived at Sync wrote nothing")

        // Back to Workspace (Sync → Key and secret → Create → Scopes → Consumer → Workspace).
        for _ in 0..<5 { try wizard.send("Escape") }
        try wizard.waitForStep(.workspace)
        try wizard.chooseWorkspace("nimbus-notes")
        try wizard.pressContinue(expecting: .scopes)
        try wizard.send("Enter")
        try wizard.waitForStep(.createInBitbucket)
        let create = try wizard.waitFor("set aside")
        XCTAssertTrue(create.contains("acme-store"), "the notice names where the key belongs:\n\(create)")
        XCTAssertFalse(create.contains(acmeKey.prefix(12)), "A's key is not offered for B:\n\(create)")
        try wizard.pasteToSync(key: nimbusKey, secret: nimbusSecret)
        try wizard.send("a")
        try wizard.waitFor("✓ Applied to Clerk")
        try wizard.waitFor("Bitbucket sign-in enabled", timeout: 20)
        try wizard.pressContinue(expecting: .done)
        let done = try wizard.waitFor("Sign in with Bitbucket is set up.")
        XCTAssertTrue(done.contains("in workspace nimbus-notes"), done)

        XCTAssertEqual(try clientID(sandbox, application), nimbusKey, "only B's key reached Clerk")
        // A's key went to Clerk only in the dry run made while A was chosen; it was never applied.
        let audit = folder.read("state/bbclerk/audit.log") ?? ""
        let applies = audit.split(separator: "\n").filter { $0.contains("\"action\":\"apply\"") }
        // One apply: its attempt line, written before the request, and its outcome.
        XCTAssertEqual(applies.count, 2, audit)
        XCTAssertTrue(applies.first?.contains("\"outcome\":\"attempt\"") == true, audit)
        XCTAssertFalse(applies.contains { $0.contains(acmeKey) }, "A's key was never applied:\n\(audit)")
        XCTAssertTrue(applies.allSatisfy { $0.contains("\"workspace\":\"nimbus-notes\"") && $0.contains(nimbusKey) }, "the audit log names B:\n\(audit)")
    }

    /// The link drops (SIGHUP) while Clerk's answer to the apply is on its way, though the
    /// change has landed: the audit log holds the attempt, written before the request, and
    /// "unknown, interrupted"; the next run says so at its start, and the config it reads at
    /// Sync settles it ("it landed"), in the log too.
    func testAnApplyCutOffByAHangUpIsRecordedAndSettledAtTheNextStart() throws {
        let sandbox = try StandaloneSandbox()
        defer { sandbox.stop() }
        let application = try XCTUnwrap(sandbox.applicationID(named: "Acme Store"))
        let folder = try TestFolder()
        let wizard = try Wizard.launch([], in: folder, environment: sandbox.environment)
        defer { wizard.kill() }
        try wizard.walkToSync(sandbox: sandbox)
        try sandbox.inject("slowAfterHandling", pathPrefix: "/platform/applications/\(application)/instances")
        try wizard.send("a")
        try wizard.waitFor("Applying")
        // The PATCH has landed; its answer is 30 s away.
        let deadline = Date().addingTimeInterval(10)
        while try clientID(sandbox, application) == "" && Date() < deadline { Thread.sleep(forTimeInterval: 0.1) }
        XCTAssertNotEqual(try clientID(sandbox, application), "", "the write landed")
        try wizard.hangUp()
        // The process writes its last line as it ends.
        var audit = ""
        let ended = Date().addingTimeInterval(10)
        repeat {
            Thread.sleep(forTimeInterval: 0.1)
            audit = folder.read("state/bbclerk/audit.log") ?? ""
        } while !audit.contains("interrupted") && Date() < ended
        let applies = audit.split(separator: "\n").filter { $0.contains("\"action\":\"apply\"") }
        XCTAssertEqual(applies.count, 2, audit)
        XCTAssertTrue(applies.first?.contains("\"outcome\":\"attempt\"") == true, audit)
        XCTAssertTrue(applies.last?.contains("\"outcome\":\"unknown,interrupted\"") == true, audit)

        let again = try Wizard.launch([], in: folder, environment: sandbox.environment)
        defer { again.kill() }
        try again.waitFor("An earlier apply ended before Clerk answered")
        // Decline the draft so the walk starts from the top, as a new run would.
        try again.send("n")
        // The key is already there: only the secret would be written again.
        try again.walkToSync(sandbox: sandbox, dryRunShows: "+ client_secret: replaced")
        try again.waitFor("The earlier interrupted apply")
        try again.waitFor("landed:")
        let settled = folder.read("state/bbclerk/audit.log") ?? ""
        XCTAssertTrue(settled.contains("\"outcome\":\"interrupted,applied\""), settled)
    }

    /// Clerk's reads lag its writes by 2.5 s: after the apply the wizard says the change is
    /// propagating (never that it failed), keeps asking with backoff, and then confirms it.
    func testReadLagIsPropagatingAndThenConfirmed() throws {
        let sandbox = try StandaloneSandbox(arguments: ["--read-lag-ms", "2500"])
        defer { sandbox.stop() }
        let folder = try TestFolder()
        let wizard = try Wizard.launch([], in: folder, environment: sandbox.environment)
        defer { wizard.kill() }
        try wizard.walkToSync(sandbox: sandbox)
        try wizard.send("a")
        try wizard.waitFor("✓ Applied to Clerk")
        let waiting = try wizard.waitFor("Propagating")
        XCTAssertFalse(waiting.contains("does not show the new key"), waiting)
        try wizard.waitFor("Frontend API shows Bitbucket sign-in enabled", timeout: 25)
        try wizard.pressContinue(expecting: .done)
    }

    /// A production domain whose DNS is not verified: the check names the DNS and the CNAME
    /// to add, in the wizard and in `bbclerk doctor`, rather than "network problem".
    func testAnUnverifiedProductionDomainIsNamed() throws {
        let sandbox = try StandaloneSandbox(arguments: ["--unverified-domain"])
        defer { sandbox.stop() }
        let folder = try TestFolder()
        let wizard = try Wizard.launch([], in: folder, environment: sandbox.environment)
        defer { wizard.kill() }
        try wizard.walkToSync(sandbox: sandbox)
        try wizard.send("a")
        try wizard.waitFor("✓ Applied to Clerk")
        let screen = try wizard.waitFor("is not verified yet", timeout: 20)
        let flat = screen.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        XCTAssertTrue(flat.contains("DNS for clerk.acme-store.com"), screen)
        XCTAssertTrue(flat.contains("frontend-api.clerk.services"), "the CNAME to add:\n\(screen)")
        XCTAssertFalse(flat.contains("could not reach"), screen)

        // `doctor`, in a terminal of its own, says the same.
        let doctor = try Wizard.launch(["doctor", "--application", "Acme Store"], in: folder, environment: sandbox.environment, columns: 200)
        defer { doctor.kill() }
        let report = try doctor.waitFor("check", timeout: 30)
        XCTAssertEqual(try doctor.waitForExit(timeout: 30), 1, report)
        let text = try doctor.screen().split(whereSeparator: \.isWhitespace).joined(separator: " ")
        XCTAssertTrue(text.contains("DNS for clerk.acme-store.com is not verified yet"), text)
    }

    private func clientID(_ sandbox: StandaloneSandbox, _ application: String) throws -> String? {
        let url = sandbox["clerk_api_url"] + "/platform/applications/\(application)/instances/production/config?keys=connection_oauth_bitbucket"
        let reply = try sandbox.get(url, bearer: sandbox["clerk_platform_api_key"])
        return ((reply.json as? [String: Any])?["connection_oauth_bitbucket"] as? [String: Any])?["client_id"] as? String
    }
}
