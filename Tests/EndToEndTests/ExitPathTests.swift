import Foundation
import SetupCore
import XCTest

/// Every way out gives the terminal back as it was (modes, main screen) with the documented
/// exit status: 0 done, 130 aborted, 128+n for signal n.
final class ExitPathTests: XCTestCase {
    func testCtrlCAndYesExits130AndRestoresTheTerminal() throws {
        let folder = try TestFolder()
        let wizard = try Wizard.launchWrapped(in: folder)
        defer { wizard.kill() }
        try wizard.walkToConsumer()
        try wizard.send("C-c")
        try wizard.waitFor("Quit bbclerk?")
        try wizard.send("y")
        try checkRestored(wizard, folder, status: 130)
        // The answers were kept, and the terminal says how to come back to them.
        let farewell = try wizard.screen()
        // (with --sandbox: only a sandbox run offers a sandbox draft back).
        XCTAssertTrue(farewell.contains("Your answers are saved: run bbclerk --sandbox to resume"), farewell)
    }

    /// Quitting before anything was answered claims no draft, in the dialog or after it.
    func testQuittingAPristineSessionPromisesNoDraft() throws {
        let folder = try TestFolder()
        let wizard = try Wizard.launchWrapped(in: folder)
        defer { wizard.kill() }
        try wizard.waitFor("Signed in as")
        try wizard.send("C-c")
        let dialog = try wizard.waitFor("Quit bbclerk?")
        XCTAssertTrue(dialog.contains("There is nothing to keep for next time"), dialog)
        XCTAssertFalse(dialog.contains("kept as a draft"), dialog)
        try wizard.send("y")
        try checkRestored(wizard, folder, status: 130)
        XCTAssertFalse(try wizard.screen().contains("answers are saved"))
    }

    func testDoneAndEnterExits0AndRestoresTheTerminal() throws {
        let folder = try TestFolder()
        let wizard = try Wizard.launchWrapped(in: folder)
        defer { wizard.kill() }
        try wizard.walkToCreate()
        try wizard.createInSandbox()
        try wizard.verifyAndSync()
        try wizard.send("Enter")
        try checkRestored(wizard, folder, status: 0)
        let summary = try wizard.screen()
        XCTAssertTrue(summary.contains("Sign in with Bitbucket is set up."), "the exit summary stays: \(summary)")
        XCTAssertTrue(summary.contains("This was the sandbox: nothing real was changed."), "a sandbox run says so: \(summary)")
    }

    /// Without a UTF-8 locale the summary left in the terminal is spelled as the screens were
    /// (+ for ✓, - for ·), not in UTF-8 the terminal would show as mojibake.
    func testTheExitSummaryIsASCIIWithoutAUTF8Locale() throws {
        let folder = try TestFolder()
        let wizard = try Wizard.launchWrapped(in: folder, environment: ["LANG": "C", "LC_ALL": "C"])
        defer { wizard.kill() }
        // The walk helpers read the UTF-8 screens; this one waits for ASCII: the sandbox walk
        // is Enter on each step (Create's first Enter creates the consumer), a to apply.
        try wizard.waitFor("+ Signed in as")
        for step: WizardStep in [.clerkApplication, .workspace, .consumer, .scopes, .createInBitbucket] {
            try wizard.send("Enter")
            try wizard.waitFor(step.counter)
        }
        try wizard.send("Enter")
        try wizard.waitFor("The sandbox created the consumer")
        for step: WizardStep in [.keyAndSecret, .syncToClerk] {
            try wizard.send("Enter")
            try wizard.waitFor(step.counter)
        }
        // The button shows before the dry run has answered; a applies only once it has.
        try wizard.waitFor("a applies with If-Match")
        try wizard.send("a")
        try wizard.waitFor("+ Applied to Clerk")
        try wizard.send("Enter")
        try wizard.waitFor("Sign in with Bitbucket is set up.")
        try wizard.send("Enter")
        try checkRestored(wizard, folder, status: 0)
        let summary = try wizard.screen()
        XCTAssertTrue(summary.contains("+ Bitbucket: consumer"), "the check mark in ASCII: \(summary)")
        XCTAssertFalse(summary.unicodeScalars.contains { !$0.isASCII }, "only ASCII after the wizard: \(summary)")
    }

    func testSIGTERMExits143AndRestoresTheTerminal() throws {
        let folder = try TestFolder()
        let wizard = try Wizard.launchWrapped(in: folder)
        defer { wizard.kill() }
        try wizard.walkToConsumer()
        try wizard.typeDescription("half typed")
        try deliver(SIGTERM, folder)
        try checkRestored(wizard, folder, status: 143)
    }

    func testSIGHUPExits129AndRestoresTheTerminal() throws {
        let folder = try TestFolder()
        let wizard = try Wizard.launchWrapped(in: folder)
        defer { wizard.kill() }
        try wizard.connect()
        try wizard.waitForStep(.clerkApplication)
        try deliver(SIGHUP, folder)
        try checkRestored(wizard, folder, status: 129)
    }

    /// A real hang-up: the pane (the terminal) goes away under the wizard, as when an SSH
    /// link drops. The wizard must notice, exit 129 and not linger.
    func testClosingTheTerminalEndsTheWizardWith129() throws {
        let folder = try TestFolder()
        let wizard = try Wizard.launchWrapped(in: folder, ignoreHangUp: true)
        defer { wizard.kill() }
        try wizard.walkToConsumer()
        let pid = try folder.wizardPID()
        try wizard.hangUp()
        let status = try folder.waitForFile("status")
        XCTAssertEqual(status, "129", "the exit status after a hang-up")
        XCTAssertFalse(isRunning(pid), "bbclerk is gone after the hang-up")
    }

    // MARK: Helpers

    private func checkRestored(_ wizard: TmuxSession, _ folder: TestFolder, status expected: Int,
                               file: StaticString = #filePath, line: UInt = #line) throws {
        let status = try folder.waitForFile("status")
        XCTAssertEqual(status, "\(expected)", "exit status", file: file, line: line)
        _ = try folder.waitForFile("after")
        let before = folder.read("before")?.trimmingCharacters(in: .whitespacesAndNewlines)
        let after = folder.read("after")?.trimmingCharacters(in: .whitespacesAndNewlines)
        XCTAssertNotNil(before, file: file, line: line)
        XCTAssertEqual(before, after, "stty -g before and after bbclerk", file: file, line: line)
        // The alternate screen is left: the shell's own lines are back, no trace of the wizard.
        let screen = try wizard.waitFor("shell: after bbclerk")
        XCTAssertFalse(try wizard.isOnAlternateScreen(), "the alternate screen is left", file: file, line: line)
        let history = try wizard.scrollback()
        XCTAssertTrue(screen.contains("shell: before bbclerk"),
                      "the main screen is back as it was (the line the shell printed before bbclerk):\n\(screen)\n--- scrollback:\n\(history)", file: file, line: line)
        XCTAssertFalse(screen.contains("Step "), "the wizard's screen is gone:\n\(screen)", file: file, line: line)
        XCTAssertFalse(history.contains("Step "), "nothing of the wizard is in the scrollback:\n\(history)", file: file, line: line)
    }

    private func deliver(_ number: Int32, _ folder: TestFolder) throws {
        let pid = try folder.wizardPID()
        XCTAssertTrue(isRunning(pid))
        XCTAssertEqual(kill(pid, number), 0, "kill(\(pid), \(number))")
    }

}
