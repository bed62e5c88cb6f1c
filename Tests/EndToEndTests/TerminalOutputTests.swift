import XCTest
@testable import bbclerk

/// Colour in the commands' output: added only here, after sanitising, and only when wanted.
final class TerminalOutputTests: XCTestCase {
    func testColourIsAddedAfterSanitising() {
        let plain = "✓ Bitbucket: ok \u{1B}[2J\n✗ Clerk: \u{1B}]0;t\u{07}no\n  fix: run\n! Secret: not shown"
        XCTAssertEqual(TerminalOutput.text(plain, color: true),
                       "\u{1B}[32m✓\u{1B}[0m Bitbucket: ok \n\u{1B}[31m✗\u{1B}[0m Clerk: no\n  fix: run\n\u{1B}[33m!\u{1B}[0m Secret: not shown")
        XCTAssertFalse(TerminalOutput.text(plain, color: false).contains("\u{1B}"))
    }

    func testColourOnlyOnATerminalWithoutNoColor() {
        XCTAssertTrue(TerminalOutput.useColor(isTerminal: true, environment: ["TERM": "xterm-256color"]))
        XCTAssertTrue(TerminalOutput.useColor(isTerminal: true, environment: ["NO_COLOR": ""]), "empty means unset, as in the wizard")
        XCTAssertFalse(TerminalOutput.useColor(isTerminal: true, environment: ["NO_COLOR": "1"]))
        XCTAssertFalse(TerminalOutput.useColor(isTerminal: false, environment: [:]))
        XCTAssertFalse(TerminalOutput.useColor(isTerminal: true, environment: ["TERM": "dumb"]))
    }
}
