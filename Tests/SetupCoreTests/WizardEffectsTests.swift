import Foundation
import TestSupport
import XCTest
@testable import SetupCore

/// Everything the wizard does to the world is an effect the reducer returns, so tests see
/// it: the draft saved as answers change and discarded at Done or when a resume is declined,
/// the clipboard, the browser. The runner carries them out with the clients and the clock
/// it was given.
extension WizardTruthTests {
    func savedDrafts(_ effects: [WizardEffect]) -> [WizardDraft] {
        effects.compactMap { if case .saveDraft(let draft) = $0 { draft } else { nil } }
    }

    func freshState() -> WizardState {
        WizardState(mode: .live, endpoints: .production, credentials: SessionCredentials())
    }

    func testAnswersAreSavedAsTheyChangeAndAPristineSessionSavesNothing() {
        var state = freshState()
        XCTAssertEqual(Wizard.reduce(&state, .startRecording(interruptedWrite: nil)), [])
        XCTAssertEqual(savedDrafts(Wizard.reduce(&state, .start)), [])
        XCTAssertEqual(savedDrafts(Wizard.reduce(&state, .dismissStatus)), [], "nothing answered, nothing to resume")
        let saved = savedDrafts(Wizard.reduce(&state, .setBitbucketEmail("ada@example.com")))
        XCTAssertEqual(saved.map(\.bitbucketEmail), ["ada@example.com"])
        XCTAssertEqual(saved.first?.savedAt, .unstamped, "the reducer reads no clock")
        XCTAssertEqual(savedDrafts(Wizard.reduce(&state, .setBitbucketEmail("ada@example.com"))), [], "unchanged: not written again")
        // Quitting with answers: they were saved as they changed, and no apply is out.
        XCTAssertEqual(Wizard.reduce(&state, .sessionEnded), [])
    }

    func testASessionThatKeepsNoFilesAsksForNoFileWork() {
        var state = freshState()
        _ = Wizard.reduce(&state, .start)
        XCTAssertEqual(savedDrafts(Wizard.reduce(&state, .setBitbucketEmail("ada@example.com"))), [])
        XCTAssertNil(state.recording)
    }

    func testDoneDiscardsTheDraftAndADeclinedResumeToo() {
        var state = stateAtSync()
        _ = Wizard.reduce(&state, .startRecording(interruptedWrite: nil))
        _ = Wizard.reduce(&state, .applySync)
        _ = Wizard.reduce(&state, .applyFinished(.success(ClerkPatchResult(configVersion: "v2", dryRun: false, before: [:], after: [:]))))
        _ = Wizard.reduce(&state, .readBackFinished(.success(snapshot(version: "v2", clientID: key, secretSet: true))))
        _ = Wizard.reduce(&state, .environmentChecked(.success(.signIn(enabled: true, authenticatable: true))))
        let effects = Wizard.reduce(&state, .next)
        XCTAssertEqual(state.step, .done)
        XCTAssertEqual(effects, [.discardDraft])
        XCTAssertEqual(Wizard.reduce(&state, .dismissStatus), [], "once")

        var fresh = freshState()
        XCTAssertEqual(Wizard.reduce(&fresh, .declineResume), [.discardDraft])
    }

    func testCopyAndOpenAreEffectsAndTheirOutcomesActions() throws {
        var state = freshState()
        XCTAssertEqual(Wizard.reduce(&state, .copy(label: "the Key", value: Secret("k1"))),
                       [.copyToClipboard(label: "the Key", value: Secret("k1"))])
        XCTAssertNil(state.status, "nothing is claimed before it is sent")
        let url = try XCTUnwrap(URL(string: "https://bitbucket.org/acme/workspace/settings/oauth-consumers/new"))
        XCTAssertEqual(Wizard.reduce(&state, .openLink(url)), [.openInBrowser(url)])
        _ = Wizard.reduce(&state, .linkOpened(problem: nil))
        XCTAssertEqual(state.status, .init(.success, "Opened the link in your browser."))
        _ = Wizard.reduce(&state, .linkOpened(problem: "No graphical display here: press c to copy the link and open it on your computer."))
        XCTAssertEqual(state.status?.kind, .info)
    }

    func testTheRunnerCarriesLocalEffectsOutWithItsClients() throws {
        var runner = EffectRunner(endpoints: .production)
        let url = try XCTUnwrap(URL(string: "https://example.com"))
        XCTAssertEqual(runner.perform(.copyToClipboard(label: "the Key", value: Secret("k1"))), [], "no clipboard: nothing claimed")
        XCTAssertEqual(runner.perform(.saveDraft(WizardDraft(from: freshState()))), [], "no files: nothing kept")
        let clipboard = SpyClipboard(hint: "If it does not arrive, check tmux.")
        runner.clipboard = clipboard
        runner.browser = RefusingBrowser()
        XCTAssertEqual(runner.perform(.copyToClipboard(label: "the Key", value: Secret("k1"))),
                       [.copied(label: "the Key", hint: "If it does not arrive, check tmux.")])
        XCTAssertEqual(clipboard.copied, ["k1"])
        XCTAssertEqual(runner.perform(.openInBrowser(url)), [.linkOpened(problem: RefusingBrowser.reason)])
        XCTAssertEqual(runner.perform(.checkBitbucket(BitbucketCredentials(email: "a@b.c", token: Secret("t")))), [], "network work is run, not performed")
    }

    func testFilesAreStampedWithTheRunnersClock() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bbclerk-clock-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let when = Date(timeIntervalSince1970: 1_800_000_000)
        let session = FileSession(folder: folder, clock: FixedClock(when))
        var state = stateAtSync()
        session.start(&state)
        session.send(.setField(.description, "Sign in with Bitbucket"), to: &state)
        session.send(.setField(.description, "Sign in with Bitbucket."), to: &state)
        guard case .found(let draft) = session.files.drafts.load() else { return XCTFail("a draft is kept") }
        XCTAssertEqual(draft.savedAt, when)
        XCTAssertEqual(draft, WizardDraft(from: state, savedAt: when), "the draft the reducer asked for, stamped")
        session.send(.applySync, to: &state)
        XCTAssertEqual(try session.auditLines().map(\.time), [when])
    }

    func testAFailedWriteIsToldOnce() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bbclerk-unwritable-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        // A file where the state folder should be: nothing can be written under it.
        try Data("x".utf8).write(to: folder)
        let files = SessionFiles(drafts: DraftStore(folder: folder.appendingPathComponent("state")),
                                 audit: AuditLog(file: folder.appendingPathComponent("state/audit.log")))
        let runner = EffectRunner(endpoints: .production, files: files)
        let answers = runner.perform(.saveDraft(WizardDraft(from: freshState())))
        guard case .recordFailed(let problem)? = answers.first else { return XCTFail("the failure is answered: \(answers)") }
        XCTAssertTrue(problem.hasPrefix("Your answers could not be saved as a draft"), problem)
        var state = freshState()
        _ = Wizard.reduce(&state, .startRecording(interruptedWrite: nil))
        _ = Wizard.reduce(&state, .recordFailed(problem))
        XCTAssertEqual(state.status, .init(.warning, problem))
        _ = Wizard.reduce(&state, .dismissStatus)
        _ = Wizard.reduce(&state, .recordFailed("The audit log could not be written (x)."))
        XCTAssertNil(state.status, "the first failure said what matters")
    }
}

/// A clipboard that keeps what it was given.
private final class SpyClipboard: WizardClipboard, @unchecked Sendable {
    let hint: String?
    private(set) var copied: [String] = []
    init(hint: String?) { self.hint = hint }
    func copy(_ value: Secret) -> String? {
        copied.append(value.exposed)
        return hint
    }
}

/// A browser that never opens.
private struct RefusingBrowser: WizardBrowser {
    static let reason = "No graphical display here: press c to copy the link and open it on your computer."
    func open(_ url: URL) -> String? { Self.reason }
}
