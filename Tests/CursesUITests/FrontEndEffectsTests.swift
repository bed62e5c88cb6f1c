import Foundation
import TestSupport
import XCTest
@testable import CursesUI
@testable import LineMode
@testable import SetupCore

/// Both front ends keep their files through the effect runner: the draft written is the
/// one the reducer asked for, stamped with the runner's clock, whichever front end ran.
final class FrontEndEffectsTests: XCTestCase {
    private typealias A = ScriptedLinePrompter.Answer
    let when = Date(timeIntervalSince1970: 1_800_000_000)
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bbclerk-effects-\(UUID().uuidString)")

    override func tearDown() {
        try? FileManager.default.removeItem(at: folder)
    }

    func testTheWizardSavesTheDraftThroughTheRunnerAndDiscardsItWhenAResumeIsDeclined() throws {
        let session = FileSession(folder: folder, clock: FixedClock(when))
        let state = WizardState(mode: .live, endpoints: .production, credentials: SessionCredentials())
        let first = RecordingTerminal(events: "ada@example.com".map { KeyEvent.character($0) } + [.control("c"), .character("y")])
        let app = WizardApp(state: state, runner: session.runner, terminal: first, environment: [:])
        XCTAssertEqual(app.run(), .aborted)
        guard case .found(let draft) = session.files.drafts.load() else { return XCTFail("the typed email is kept") }
        XCTAssertEqual(draft, WizardDraft(from: app.state, savedAt: when), "the reducer's draft, stamped by the runner's clock")
        XCTAssertTrue(first.frames.contains { $0.canvas.textLayer().contains("Your answers are kept as a draft") })

        let second = RecordingTerminal(events: [.character("n"), .control("c"), .character("y")])
        _ = WizardApp(state: state, runner: session.runner, terminal: second, environment: [:]).run()
        XCTAssertTrue(second.frames.contains { $0.canvas.textLayer().contains("Resume where you left off?") })
        XCTAssertEqual(session.files.drafts.load(), .none, "declined: the draft goes")
    }

    func testTheLineModeSavesTheSameDraftThroughTheRunner() async throws {
        let sandbox = try LineModeSandbox()
        defer { sandbox.stop() }
        let files = FileSession(folder: folder).files
        let run = await LineModeRun.go(sandbox, [
            A("", when: "Choose what to do [1]:"),
            A("", when: "Choose the application and instance [1]:"),
            A("acme", when: "Choose a workspace"),
            A("Acme Shop", when: "Name [Acme Store]:"),
        ], files: files, clock: FixedClock(when))
        XCTAssertEqual(run.outcome, .aborted)
        guard case .found(let draft) = files.drafts.load() else { return XCTFail("the answers are kept") }
        XCTAssertEqual(draft, WizardDraft(from: run.state, savedAt: when), "the reducer's draft, stamped by the runner's clock")
        XCTAssertEqual(draft.form.name, "Acme Shop")
    }

    func testCopyAndOpenOnTheCreateScreenGoThroughTheRunnersClients() throws {
        let state = Journey.create(80, 24).state
        let link = try XCTUnwrap(state.consumerPageURL)
        var runner = EffectRunner(endpoints: .production)
        runner.browser = NoDisplayBrowser()
        let terminal = RecordingTerminal(events: [.character("c"), .character("o"), .control("c"), .character("y")])
        _ = WizardApp(state: state, runner: runner, terminal: terminal, environment: [:]).run()
        XCTAssertEqual(terminal.passthrough, [Clipboard.sequence(for: link.absoluteString, environment: [:])], "the terminal's clipboard, injected by the app")
        let screens = terminal.frames.map { $0.canvas.textLayer() }
        XCTAssertTrue(screens.contains { $0.contains("Sent the link to your terminal's clipboard.") })
        XCTAssertTrue(screens.contains { $0.contains("No graphical display here") }, "the injected browser's answer")
    }

    func testTheTerminalClipboardWritesOSC52ThroughTheTerminal() {
        let terminal = RecordingTerminal()
        let hint = TerminalClipboard(terminal: terminal, environment: ["TMUX": "x"]).copy(Secret("hi"))
        XCTAssertEqual(terminal.passthrough, [Clipboard.sequence(for: "hi", environment: ["TMUX": "x"])])
        XCTAssertEqual(hint, Clipboard.hint(environment: ["TMUX": "x"]))
    }
}

/// A browser that cannot open here.
private struct NoDisplayBrowser: WizardBrowser {
    func open(_ url: URL) -> String? { "No graphical display here: press c to copy the link and open it on your computer." }
}
