import Foundation
import TestSupport
import XCTest
@testable import CursesUI
@testable import LineMode
@testable import SetupCore

/// "back", "quit", the end of input, resuming a draft, and when the line mode is chosen.
final class LineModeNavigationTests: XCTestCase {
    private typealias A = ScriptedLinePrompter.Answer

    func testBackGoesBackOneStepThroughTheReducer() async throws {
        let sandbox = try LineModeSandbox()
        defer { sandbox.stop() }
        let run = await LineModeRun.go(sandbox, [
            A("back", when: "Choose what to do [1]:"),  // on step 1: nowhere to go
            A("", when: "Choose what to do [1]:"),
            A("2", when: "Choose the application and instance [1]:"),  // Acme Store (development)
            A("BACK", when: "Choose a workspace"),
            // Step 2 again, with the earlier choice as the default.
            A("", when: "Choose the application and instance [2]:"),
            A("2", when: "Choose a workspace"),
            A("quit", when: "Name [Acme Store]:"),
        ])
        run.assertScriptFollowed()
        XCTAssertEqual(run.outcome, .aborted)
        XCTAssertEqual(run.outcome.exitCode, 130)
        XCTAssertEqual(run.state.step, .consumer)
        XCTAssertEqual(run.state.target?.environment, .development)
        let out = run.written
        XCTAssertTrue(out.contains("This is the first step; there is no step before it."), out)
        XCTAssertEqual(out.components(separatedBy: "\(WizardStep.clerkApplication.heading(separator: ": "))").count - 1, 2, out)
        XCTAssertTrue(out.contains("This is a development instance: Clerk's shared Bitbucket credentials already work here"), out)
        // No files in this run, so no draft: none is claimed.
        XCTAssertTrue(out.contains("Quit.\n") && !out.contains("kept as a draft"), out)
        // Workspaces are loaded once: going back and forth keeps the list.
        XCTAssertEqual(out.components(separatedBy: "Loading your Bitbucket workspaces…").count - 1, 1, out)
    }

    func testEndOfInputQuitsCleanly() async throws {
        let sandbox = try LineModeSandbox()
        defer { sandbox.stop() }
        let run = await LineModeRun.go(sandbox, [A("", when: "Choose what to do [1]:")])
        run.assertScriptFollowed()
        XCTAssertEqual(run.outcome, .aborted)
        XCTAssertEqual(run.outcome.exitCode, 130)
        XCTAssertEqual(run.state.step, .clerkApplication)
        XCTAssertTrue(run.written.hasSuffix("End of input: bbclerk stops here.\n"), run.written)
    }

    func testInvalidChoicesAreAskedAgain() async throws {
        let sandbox = try LineModeSandbox()
        defer { sandbox.stop() }
        let run = await LineModeRun.go(sandbox, [
            A("9", when: "Choose what to do [1]:"),
            A("yes please", when: "Choose what to do [1]:"),
            A("1", when: "Choose what to do [1]:"),
        ])
        XCTAssertEqual(run.prompter.mismatches, [])
        XCTAssertEqual(run.written.components(separatedBy: "Type a number from 1 to 3.").count - 1, 2)
        XCTAssertEqual(run.state.step, .clerkApplication)
    }

    func testResumeOffersTheSavedStep() async throws {
        let sandbox = try LineModeSandbox()
        defer { sandbox.stop() }
        let folder = LineModeStateFolder()
        let first = await LineModeRun.go(sandbox, [
            A("", when: "Choose what to do [1]:"),
            A("", when: "Choose the application and instance [1]:"),
            A("acme", when: "Choose a workspace"),
            A("Acme Shop", when: "Name [Acme Store]:"),
        ], files: folder.files)
        XCTAssertEqual(first.outcome, .aborted)
        XCTAssertEqual(first.state.step, .consumer)
        XCTAssertTrue(first.written.contains("Your answers are kept as a draft; run bbclerk --sandbox again to resume."), first.written)

        let second = await LineModeRun.go(sandbox, [
            A("", when: "Resume where you left off (step \(WizardStep.consumer.number), Consumer)? [Y/n]:"),
            A("quit", when: "Name [Acme Shop]:"),
        ], files: folder.files)
        second.assertScriptFollowed()
        XCTAssertEqual(second.state.step, .consumer)
        XCTAssertEqual(second.state.selectedWorkspace, "acme-store")
        XCTAssertTrue(second.written.contains("\(WizardStep.consumer.heading(separator: ": "))"), second.written)

        // back at the resume prompt is no (there is no step before the start), and starts afresh.
        let third = await LineModeRun.go(sandbox, [
            A("back", when: "Resume where you left off (step \(WizardStep.consumer.number), Consumer)? [Y/n]:"),
            A("quit", when: "Choose what to do [1]:"),
        ], files: folder.files)
        third.assertScriptFollowed()
        XCTAssertEqual(third.state.step, .connect)
        // Declining says so before the first step's heading, and the draft is gone.
        XCTAssertTrue(third.written.contains("Starting afresh.\n\n\(WizardStep.connect.heading(separator: ": "))"), third.written)
        XCTAssertEqual(folder.files.drafts.load(), .none)
    }

    /// help works at every prompt; an answer that does not fit reminds of back, quit and
    /// help; the scope menu is grouped by resource, as Bitbucket's form is.
    func testHelpRemindersAndTheGroupedScopeMenu() async throws {
        let sandbox = try LineModeSandbox()
        defer { sandbox.stop() }
        let run = await LineModeRun.go(sandbox, [
            A("help", when: "Choose what to do [1]:"),
            A("7", when: "Choose what to do [1]:"),
            A("", when: "Choose what to do [1]:"),
            A("", when: "Choose the application and instance [1]:"),
            A("acme", when: "Choose a workspace"),
            A("", when: "Name [Acme Store]:"),
            A("", when: "Description [empty]:"),
            A("", when: "Callback URL [https://clerk.acme-store.com/v1/oauth_callback]:"),
            A("", when: "URL [https://acme-store.com]:"),
            A("", when: "Privacy policy URL [empty]:"),
            A("", when: "EULA URL [empty]:"),
            A("", when: "This is a private consumer? [Y/n]:"),
            A("quit", when: "Scope to add or remove"),
        ])
        let out = run.written
        XCTAssertTrue(out.contains("Type the answer and press Enter; Enter alone takes the value in brackets. Type back for the step before, quit to stop, help for this."), out)
        XCTAssertTrue(out.contains("Or type back, quit or help."), out)
        XCTAssertTrue(out.contains("Repositories: "), out)
        XCTAssertTrue(out.split(separator: "\n").contains { $0.hasPrefix("Account: ") && $0.contains(") Write") }, out)
    }

    func testWhenTheLineModeIsWanted() {
        let xterm = ["TERM": "xterm-256color"]
        XCTAssertFalse(LineModeApp.isWanted(flag: false, environment: xterm, inputIsTerminal: true))
        XCTAssertTrue(LineModeApp.isWanted(flag: true, environment: xterm, inputIsTerminal: true))
        XCTAssertTrue(LineModeApp.isWanted(flag: false, environment: xterm.merging(["ACCESSIBLE": "1"]) { $1 }, inputIsTerminal: true))
        XCTAssertFalse(LineModeApp.isWanted(flag: false, environment: xterm.merging(["ACCESSIBLE": "0"]) { $1 }, inputIsTerminal: true))
        XCTAssertTrue(LineModeApp.isWanted(flag: false, environment: ["TERM": "dumb"], inputIsTerminal: true))
        XCTAssertTrue(LineModeApp.isWanted(flag: false, environment: [:], inputIsTerminal: true))
        XCTAssertTrue(LineModeApp.isWanted(flag: false, environment: xterm, inputIsTerminal: false))
    }

    func testProgressLinesNameTheService() {
        let credentials = BitbucketCredentials(email: "a@example.com", token: Secret("t"))
        XCTAssertEqual(StepTexts.progress(.checkBitbucket(credentials)), "Checking with Bitbucket…")
        XCTAssertEqual(StepTexts.progress(.cancel(.connect)), nil)
        XCTAssertEqual(ScopesPage.label("pullrequest:write"), "Pull requests: Write")
    }

    /// A verdict that loaded but blocks (a rate limit, a network failure as `.failed`) offers
    /// "Check again", which verifies again; going back is the other choice.
    func testABlockingVerdictOffersCheckAgain() async throws {
        let nowhere = URL(string: "http://127.0.0.1:9")!
        let endpoints = Endpoints(bitbucketAPI: nowhere, bitbucketWeb: nowhere, clerkAPI: nowhere)
        var state = WizardState(mode: .live, endpoints: endpoints, credentials: SessionCredentials())
        state.step = .keyAndSecret
        state.consumerKeyInput = "key123"
        state.consumerSecretInput = Secret("secret456")
        state.verification = .loaded(.rateLimited(retryAfter: nil))
        let prompter = ScriptedLinePrompter([
            A("1", when: "Choose what to do [1]:"),  // Check again: a network failure this time
            A("2", when: "Choose what to do [1]:"),  // go back
        ])
        let app = LineModeApp(state: state, runner: EffectRunner(endpoints: endpoints, retry: .none, timeout: 2), prompter: prompter)
        _ = await app.run()
        XCTAssertEqual(prompter.mismatches, [])
        let out = prompter.written
        XCTAssertTrue(out.contains("Bitbucket is limiting token requests"), out)
        XCTAssertEqual(out.components(separatedBy: "1) Check again").count - 1, 2, out)
        XCTAssertEqual(out.components(separatedBy: "Checking with Bitbucket…").count - 1, 1, out)
        XCTAssertEqual(app.currentState.step, .createInBitbucket)
    }
}
