import Foundation
import SetupCore
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import XCTest

/// Faults from the services, met through the wizard: the keyboard stays responsive (Esc
/// cancels a wait), the message says what happened and what to do, and Clerk is never left
/// half-configured. (Each fault class is covered client-side in SetupCoreTests' HTTP fault
/// tests; these check what the user sees.)
final class FaultTests: XCTestCase {
    /// A workspace list that does not answer: a spinner, Esc cancels, r tries again.
    func testEscCancelsASlowAnswerAndRTriesAgain() throws {
        let sandbox = try StandaloneSandbox()
        defer { sandbox.stop() }
        let folder = try TestFolder()
        let wizard = try Wizard.launch([], in: folder, environment: sandbox.environment)
        defer { wizard.kill() }
        try wizard.waitFor("Signed in as Ada Lovelace")
        try wizard.connect()
        // The list's first page will hang for 30 s (the list loads on arriving at step 3).
        try sandbox.inject("slow", pathPrefix: "/user/workspaces")
        try wizard.chooseApplication("Acme Store", instance: "production")
        try wizard.waitForStep(.workspace)
        try wizard.waitFor("Esc cancels")
        try wizard.send("Escape")
        let cancelled = try wizard.waitFor("Cancelled")
        XCTAssertTrue(cancelled.contains("\(WizardStep.workspace.counter)"), "Esc cancelled the wait and stayed on the step:\n\(cancelled)")
        try wizard.send("r")
        try wizard.waitFor("acme-store", timeout: 10)
    }

    /// The apply answers 500, which does not prove that nothing was written: the wizard
    /// reads the config again, waits out a possible read lag, and says only what it found
    /// ("does not appear to have landed"), never "Nothing was changed". Clerk indeed still
    /// has the connection off, and applying again works.
    func testAServerErrorOnApplyIsReReadAndToldAsItIs() throws {
        let sandbox = try StandaloneSandbox()
        defer { sandbox.stop() }
        let application = try XCTUnwrap(sandbox.applicationID(named: "Acme Store"))
        let folder = try TestFolder()
        let wizard = try Wizard.launch([], in: folder, environment: sandbox.environment)
        defer { wizard.kill() }
        try wizard.walkToSync(sandbox: sandbox)
        // The next Platform API request (the apply) fails; a PATCH is not retried blindly.
        try sandbox.inject("serverError", pathPrefix: "/platform/applications")
        try wizard.send("a")
        try wizard.waitFor("reading the configuration again")
        let judged = try wizard.waitUntil(timeout: 20, "the re-read's verdict") {
            $0.split(whereSeparator: \.isWhitespace).joined(separator: " ").contains("does not appear to have landed")
        }
        let flat = judged.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        XCTAssertTrue(flat.contains("server error (HTTP 500)"), judged)
        XCTAssertFalse(flat.contains("Nothing was changed"), "a 500 proves nothing about the write:\n\(judged)")
        XCTAssertTrue(judged.contains("\(WizardStep.syncToClerk.counter)"), judged)
        let url = sandbox["clerk_api_url"] + "/platform/applications/\(application)/instances/production/config?keys=connection_oauth_bitbucket"
        let reply = try sandbox.get(url, bearer: sandbox["clerk_platform_api_key"])
        let connection = (reply.json as? [String: Any])?["connection_oauth_bitbucket"] as? [String: Any]
        XCTAssertEqual(connection?["enabled"] as? Bool, false, "Clerk is as it was: \(String(describing: reply.json))")
        // Trying again works.
        try wizard.send("a")
        try wizard.waitFor("✓ Applied to Clerk")
    }

    /// Clerk carries out the PATCH but the connection drops before its answer: the wizard
    /// re-reads and finds the change there, so it says applied (and goes on to the outside
    /// check) instead of calling it a failure.
    func testAnAnswerLostAfterTheWriteLandedIsFoundByReReading() throws {
        let sandbox = try StandaloneSandbox()
        defer { sandbox.stop() }
        let folder = try TestFolder()
        let wizard = try Wizard.launch([], in: folder, environment: sandbox.environment)
        defer { wizard.kill() }
        try wizard.walkToSync(sandbox: sandbox)
        try sandbox.inject("dropAfterHandling", pathPrefix: "/platform/applications")
        try wizard.send("a")
        let found = try wizard.waitFor("configuration read again shows it", timeout: 20)
        XCTAssertFalse(found.contains("Nothing was changed"), found)
        try wizard.waitFor("Frontend API shows Bitbucket sign-in enabled", timeout: 20)
        let audit = folder.read("state/bbclerk/audit.log") ?? ""
        // (A dropped PATCH answer shows as a reset connection, at once; either way the outcome is "applied".)
        XCTAssertTrue(audit.contains(",applied\""), "the audit log records the lost answer and what the re-read found:\n\(audit)")
    }
}
