import Foundation
import SetupCore
import XCTest

/// Over SSH a server's locale is often C while the terminal sends and shows UTF-8: what the
/// user types or pastes is kept whole (drawn in ASCII, a "?" per column), the cursor stays
/// after it, and the help bar fits as it is drawn, in ASCII.
final class NonUTF8LocaleTests: XCTestCase {
    func testNonASCIITextIsKeptWholeAndTheCursorFollowsIt() throws {
        let folder = try TestFolder()
        let wizard = try Wizard.launch(["--sandbox"], in: folder, environment: ["LANG": "C", "LC_ALL": "C"])
        defer { wizard.kill() }
        // The walk helpers read UTF-8 marks: Enter through the steps instead.
        try wizard.waitFor("+ Signed in as")
        for step: WizardStep in [.clerkApplication, .workspace, .consumer] {
            try wizard.send("Enter")
            try wizard.waitFor(step.counter)
        }
        try wizard.send("Tab")
        try wizard.waitFor("> Description")

        let pasted = Date()
        try wizard.paste("ok Zürich ok 日本")
        // ncurses had dropped everything after the ü, the paste's end marker too (it then
        // ended only on its one-second timeout).
        try wizard.waitFor("ok Z?rich ok ????", timeout: 5)
        XCTAssertLessThan(Date().timeIntervalSince(pasted), 0.9, "the paste ended with its end marker, not on a timeout")
        try wizard.type(" Ünï")
        try wizard.waitFor("ok Z?rich ok ???? ?n?")
        try wizard.waitForCursor(after: "ok Z?rich ok ???? ?n?")
    }

    func testTheHelpBarDropsWholeHintsInASCII() throws {
        let folder = try TestFolder()
        let wizard = try Wizard.launch(["--sandbox"], in: folder, environment: ["LANG": "C", "LC_ALL": "C"])
        defer { wizard.kill() }
        try wizard.waitFor("+ Signed in as")
        try wizard.send("Enter")
        let screen = try wizard.waitFor(WizardStep.clerkApplication.counter)
        // "Up/Dn" takes five columns where "↑↓" took two: a hint that no longer fits goes whole.
        let footer = try XCTUnwrap(screen.components(separatedBy: "\n").last { !$0.trimmingCharacters(in: .whitespaces).isEmpty })
        XCTAssertTrue(footer.contains("Up/Dn move"), footer)
        XCTAssertFalse(footer.contains("~"), "no hint is cut: \(footer)")
    }
}
