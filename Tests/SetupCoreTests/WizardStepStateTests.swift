import XCTest
@testable import SetupCore

/// Each step's state is one value: what an earlier answer makes stale starts afresh as a
/// whole, so a field added to a step is reset with it without being listed anywhere.
extension WizardTruthTests {
    func testNewCredentialsStartKeyAndSecretAndWhatClerkSaidAfresh() {
        var state = stateAtSync()
        _ = Wizard.reduce(&state, .toggleReveal)
        XCTAssertNotEqual(state.keyAndSecret, .init())
        XCTAssertNotEqual(state.sync.answers, .init())
        _ = Wizard.reduce(&state, .setConsumerKey(key + "x"))
        XCTAssertEqual(state.keyAndSecret, .init())
        XCTAssertEqual(state.sync.answers, .init())
        XCTAssertEqual(state.consumerKeyInput, key + "x")
    }

    func testAnotherWorkspaceStartsCreateInBitbucketAfreshWithTheOldKeySetAside() {
        var state = stateAtKeyAndSecret()
        _ = Wizard.reduce(&state, .workspacePageLoaded([WorkspaceSummary(slug: "other", uuid: "{o}", isAdministrator: true)], isLast: true))
        let origin = state.consumerOrigin
        _ = Wizard.reduce(&state, .selectWorkspace("other"))
        XCTAssertEqual(state.createInBitbucket.stashedConsumer?.origin, origin)
        var expected = WizardState.CreateInBitbucket(stashedConsumer: state.createInBitbucket.stashedConsumer)
        expected.consumerOrigin = state.consumerOrigin
        XCTAssertEqual(state.createInBitbucket, expected, "nothing else of Create in Bitbucket is left")
        XCTAssertEqual(state.keyAndSecret, .init())
    }

    func testAnotherBitbucketAccountStartsTheWorkspaceListAfreshAndKeepsTheChoice() {
        var state = fixture.stateAtConsumer()
        let chosen = state.selectedWorkspace
        XCTAssertNotEqual(state.workspace.workspaces, WorkspaceList())
        _ = Wizard.reduce(&state, .setBitbucketToken(Secret("another-token")))
        XCTAssertEqual(state.workspace, .init(keeping: chosen))
    }

    func testStepNumbersInTextsComeFromTheStepList() {
        var state = stateAtKeyAndSecret()
        _ = Wizard.reduce(&state, .workspacePageLoaded([WorkspaceSummary(slug: "other", uuid: "{o}", isAdministrator: true)], isLast: true))
        _ = Wizard.reduce(&state, .selectWorkspace("other"))
        XCTAssertTrue(state.status?.text.contains("in step \(WizardStep.createInBitbucket.number),") == true, state.status?.text ?? "")
    }
}
