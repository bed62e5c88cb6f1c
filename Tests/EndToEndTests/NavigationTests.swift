import Foundation
import XCTest

/// Esc goes back one step, and nothing typed or chosen is lost going back and forth.
final class NavigationTests: XCTestCase {
    func testEscBackThroughEveryStepKeepsEveryValue() throws {
        let folder = try TestFolder()
        let wizard = try Wizard.launch(["--sandbox"], in: folder)
        defer { wizard.kill() }

        // Forward, changing something on each step that has something to change.
        try wizard.connect()
        try wizard.chooseApplication("Acme Store", instance: "development") // not the preselected production
        try wizard.chooseWorkspace("analytical-engines")                    // not the first row
        try wizard.waitFor("glowing-bat-98.clerk.accounts.dev")              // the development callback
        try wizard.typeDescription("Staff sign-in")
        try wizard.pressContinue(expecting: .scopes)
        try wizard.tickScope("Projects", "Read")
        try wizard.waitUntil("Repositories → Read to be ticked with it") {
            TmuxSession.scopeRow("Repositories", in: $0)?.contains("[*] Read") == true
        }
        try wizard.send("Down") // the implied box says why it is locked
        try wizard.waitFor("Repositories → Read (repository): implied by Projects → Read")
        try wizard.send("Enter")
        try checkCreate(wizard)

        // Back, one step at a time, to Connect.
        try wizard.send("Escape")
        try checkScopes(wizard)
        try wizard.send("Escape")
        try checkConsumer(wizard)
        try wizard.send("Escape")
        try checkWorkspace(wizard)
        try wizard.send("Escape")
        try checkApplication(wizard)
        try wizard.send("Escape")
        try wizard.waitForStep(.connect)
        try wizard.waitFor("Signed in as Ada Lovelace")

        // And forward again, just continuing: the same answers everywhere.
        try wizard.pressContinue(expecting: .clerkApplication)
        try checkApplication(wizard)
        try wizard.pressContinue(expecting: .workspace)
        try checkWorkspace(wizard)
        try wizard.send("Enter") // the focused row: the workspace chosen before
        try checkConsumer(wizard)
        try wizard.pressContinue(expecting: .scopes)
        try checkScopes(wizard)
        try wizard.send("Enter")
        try checkCreate(wizard)
    }

    private func checkApplication(_ wizard: TmuxSession, file: StaticString = #filePath, line: UInt = #line) throws {
        let screen = try wizard.waitForStep(.clerkApplication)
        try wizard.waitFor("(•) development")
        let now = try wizard.screen()
        XCTAssertTrue(now.contains("( ) production"), "production is not chosen:\n\(now)", file: file, line: line)
        XCTAssertTrue(now.contains("glowing-bat-98.clerk.accounts.dev/v1/oauth_ca"), "the development callback shows:\n\(screen)", file: file, line: line)
    }

    private func checkWorkspace(_ wizard: TmuxSession, file: StaticString = #filePath, line: UInt = #line) throws {
        try wizard.waitForStep(.workspace)
        try wizard.waitFor("Analytical Engines")
        let screen = try wizard.screen()
        XCTAssertTrue(try wizard.isFocused("analytical-engines"),
                      "the chosen workspace is the focused row:\n\(screen)", file: file, line: line)
    }

    private func checkConsumer(_ wizard: TmuxSession, file: StaticString = #filePath, line: UInt = #line) throws {
        try wizard.waitForStep(.consumer)
        let screen = try wizard.waitFor("form for analytical-engines")
        XCTAssertTrue(screen.contains("Staff sign-in"), "the Description is kept:\n\(screen)", file: file, line: line)
        XCTAssertTrue(screen.contains("glowing-bat-98.clerk.accounts.dev"), "the development callback is kept:\n\(screen)", file: file, line: line)
        XCTAssertTrue(screen.contains("[x] This is a private consumer"), screen, file: file, line: line)
    }

    private func checkScopes(_ wizard: TmuxSession, file: StaticString = #filePath, line: UInt = #line) throws {
        try wizard.waitForStep(.scopes)
        let screen = try wizard.waitUntil("Projects → Read ticked") { TmuxSession.scopeRow("Projects", in: $0)?.contains("[x] Read") == true }
        XCTAssertEqual(TmuxSession.scopeRow("Repositories", in: screen)?.contains("[*] Read"), true,
                       "the implied scope is kept:\n\(screen)", file: file, line: line)
        XCTAssertEqual(TmuxSession.scopeRow("Account", in: screen)?.contains("[*] Email  [*] Read"), true, screen, file: file, line: line)
        XCTAssertTrue(screen.contains("Beyond Clerk's needs: project, repository"), screen, file: file, line: line)
    }

    private func checkCreate(_ wizard: TmuxSession, file: StaticString = #filePath, line: UInt = #line) throws {
        try wizard.waitForStep(.createInBitbucket)
        let screen = try wizard.waitFor("Staff sign-in")
        XCTAssertTrue(screen.contains("bitbucket-web/analytic"), "the link is the chosen workspace's:\n\(screen)", file: file, line: line)
        XCTAssertTrue(screen.contains("https://glowing-bat-98.clerk.accounts.dev/v1/oauth_ca"), screen, file: file, line: line)
        // The sandbox's button comes first, so the permissions are further down.
        try wizard.focus("Permissions")
        let lower = try wizard.screen()
        XCTAssertTrue(lower.contains("Projects → Read"), "the ticked scope is listed:\n\(lower)", file: file, line: line)
    }
}
