import Foundation
import XCTest

/// What the screens show of the values, where DESIGN.md says how.
final class DisplayTests: XCTestCase {
    /// DESIGN, step 8: the dry run is "a before/after diff of connection_oauth_bitbucket
    /// (secret as bullets)": the new client_secret is in the diff, masked.
    func testDryRunDiffShowsTheNewSecretAsBullets() throws {
        let folder = try TestFolder()
        let wizard = try Wizard.launch(["--sandbox"], in: folder)
        defer { wizard.kill() }
        try wizard.walkToCreate()
        try wizard.createInSandbox()
        try wizard.pressContinue(expecting: .keyAndSecret)
        try wizard.waitFor("✓ Bitbucket accepted the key and secret")
        try wizard.pressContinue(expecting: .sync)
        let diff = try wizard.waitFor("+ enabled: true")
        XCTAssertTrue(diff.components(separatedBy: "\n").contains { $0.contains("+ client_secret") && $0.contains("•") },
                      "the diff has the new client_secret, as bullets:\n\(diff)")
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
