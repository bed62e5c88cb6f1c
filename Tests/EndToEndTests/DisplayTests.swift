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
        try wizard.pressContinue(expecting: .sync)
        let diff = try wizard.waitFor("+ enabled: true")
        let lines = diff.components(separatedBy: "\n")
        XCTAssertTrue(lines.contains { $0.contains("- client_secret: not set") }, "the secret was not set before:\n\(diff)")
        XCTAssertTrue(lines.contains { $0.contains("+ client_secret: set") }, "the diff sets the client_secret:\n\(diff)")
        XCTAssertFalse(diff.contains("REDACTED"), "Clerk's placeholder is not shown as a value:\n\(diff)")
    }

    /// DESIGN, safety rules: "long values are cut with an ellipsis". At 60 columns the
    /// Callback URL (which must match byte for byte) does not fit: it must keep its start and
    /// end in "…", not pass for a complete but different URL ("https://clerk.acme-store.com/v1/")
    /// or lose its scheme ("cme-store.com/v1/oauth_callback").
    func testALongValueIsCutWithAnEllipsisAtTheSmallestSize() throws {
        let folder = try TestFolder()
        let wizard = try Wizard.launch(["--sandbox"], in: folder, columns: 60, rows: 16)
        defer { wizard.kill() }
        try wizard.walkToConsumer()
        let screen = try wizard.waitFor("Callback URL")
        let row = screen.components(separatedBy: "\n").first { $0.contains("Callback URL") } ?? ""
        let shown = row.components(separatedBy: "Callback URL").last?.trimmingCharacters(in: .whitespaces) ?? ""
        XCTAssertTrue(shown.hasPrefix("https://clerk.acme-store.com") && (shown.hasSuffix("…") || shown.hasSuffix("/v1/oauth_callback")),
                      "the Callback URL as shown at 60 columns: \"\(shown)\"")
    }
}
