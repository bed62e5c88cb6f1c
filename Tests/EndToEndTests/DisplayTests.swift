import Foundation
import XCTest

/// What the screens show of the values, where DESIGN.md says how.
final class DisplayTests: XCTestCase {
    /// DESIGN, step 8: the dry run is "a before/after diff of connection_oauth_bitbucket":
    /// the secret, which Clerk reads back redacted, shows as its state, never its value:
    /// "not set" before, "set" after (docs/VENDOR-FACTS.md).
    func testDryRunDiffShowsTheSecretAsItsState() throws {
        let folder = try TestFolder()
        let wizard = try Wizard.launch(["--sandbox"], in: folder)
        defer { wizard.kill() }
        try wizard.walkToCreate()
        try wizard.createInSandbox()
        try wizard.pressContinue(expecting: .keyAndSecret)
        try wizard.waitFor("✓ Bitbucket accepted the key and secret")
        try wizard.pressContinue(expecting: .syncToClerk)
        let diff = try wizard.waitFor("+ enabled: true")
        let lines = diff.components(separatedBy: "\n")
        XCTAssertTrue(lines.contains { $0.contains("- client_secret: not set") }, "the secret was not set before:\n\(diff)")
        XCTAssertTrue(lines.contains { $0.contains("+ client_secret: set") }, "the diff sets the client_secret:\n\(diff)")
        XCTAssertFalse(diff.contains("REDACTED"), "Clerk's placeholder is not shown as a value:\n\(diff)")
    }

    /// Issue 13: the Callback URL (which must match byte for byte) is never cut with an
    /// ellipsis. At 60 columns it does not fit beside its label, so it is shown whole on
    /// the row below (DESIGN's "cut with an ellipsis" stays the rule for other long values).
    func testTheCallbackURLIsShownWholeAtTheSmallestSize() throws {
        let folder = try TestFolder()
        let wizard = try Wizard.launch(["--sandbox"], in: folder, columns: 60, rows: 16)
        defer { wizard.kill() }
        try wizard.walkToConsumer()
        let screen = try wizard.waitFor("Callback URL")
        let rows = screen.components(separatedBy: "\n")
        XCTAssertTrue(rows.contains { $0.trimmingCharacters(in: .whitespaces) == "https://clerk.acme-store.com/v1/oauth_callback" },
                      "the Callback URL whole on a row of its own at 60 columns:\n\(screen)")
        XCTAssertFalse(rows.contains { $0.contains("Callback URL") && $0.contains("…") }, screen)
    }
}
