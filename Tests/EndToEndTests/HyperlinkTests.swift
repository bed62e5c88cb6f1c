import Foundation
import XCTest

/// Issue 13: long URLs are never broken. The Add consumer link is written in one go from
/// column 0, so the terminal wraps it (and selects and copies it as one line), inside an
/// OSC 8 hyperlink unless turned off.
final class HyperlinkTests: XCTestCase {
    private static let addConsumer = #"^http://127\.0\.0\.1:[0-9]+/bitbucket-web/acme-store/workspace/settings/oauth-consumers/new$"#

    private func walkToTheLink(columns: Int, rows: Int, environment: [String: String] = [:]) throws -> (screen: String, output: String) {
        let folder = try TestFolder()
        let wizard = try Wizard.launch(["--sandbox"], in: folder, environment: environment, columns: columns, rows: rows)
        defer { wizard.kill() }
        let output = folder.path("output")
        try wizard.recordOutput(to: output)
        try wizard.walkToCreate()
        try wizard.focus("Link")
        _ = try wizard.waitFor("oauth-co")
        // The last frame reaches the file a moment after it reaches the screen.
        var written = ""
        for _ in 0..<40 {
            written = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
            if written.contains("oauth-consumers/new") { break }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return (try wizard.joinedScreen(), written)
    }

    func testTheAddConsumerLinkIsOneWrappedLineAndAHyperlink() throws {
        for (columns, rows) in [(80, 24), (60, 16)] {
            let (screen, output) = try walkToTheLink(columns: columns, rows: rows)
            let lines = screen.components(separatedBy: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            let link = try XCTUnwrap(lines.first { $0.range(of: Self.addConsumer, options: .regularExpression) != nil },
                                     "\(columns)×\(rows): the link is one line the terminal wrapped:\n\(screen)")
            XCTAssertTrue(output.contains("\u{1B}]8;;\(link)\u{1B}\\"), "\(columns)×\(rows): an OSC 8 hyperlink to \(link)")
            XCTAssertTrue(output.contains("\u{1B}]8;;\u{1B}\\"), "the hyperlink is closed")
        }
    }

    func testHyperlinksCanBeTurnedOff() throws {
        let (screen, output) = try walkToTheLink(columns: 80, rows: 24, environment: ["BBCLERK_HYPERLINKS": "0"])
        XCTAssertTrue(screen.contains("oauth-consumers/new"), screen)
        XCTAssertFalse(output.contains("\u{1B}]8;"), "no OSC 8 when turned off")
    }
}
