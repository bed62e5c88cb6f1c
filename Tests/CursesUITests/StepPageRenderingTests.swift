import XCTest
@testable import CursesUI
@testable import SetupCore

/// The screens draw their step's page (SetupCore/Wizard/Pages): every sentence and value the
/// page holds for a state is on the screen, as `LineModeFlowTests` checks the line mode says
/// it. Text is compared with line breaks and indentation folded, as wrapping moves them.
final class StepPageRenderingTests: XCTestCase {
    private func screen(_ name: String, columns: Int = 120, rows: Int = 40) throws -> (state: WizardState, text: String) {
        let screenCase = try XCTUnwrap(ScreenCase.all.first { $0.name == name }, "no screen case \(name)")
        var harness = screenCase.make(columns, rows)
        return (harness.state, Self.folded(harness.canvas().textLayer()))
    }

    private static func folded(_ text: String) -> String {
        text.split(whereSeparator: { $0 == " " || $0 == "\n" }).joined(separator: " ")
    }

    private func assertShows(_ texts: [String], on name: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let (_, text) = try screen(name)
        for expected in texts {
            XCTAssertTrue(text.contains(Self.folded(expected)), "\(name) does not show \"\(expected)\":\n\(text)", file: file, line: line)
        }
    }

    func testConnectShowsItsPage() throws {
        let (state, _) = try screen("connect-checked")
        var texts = [ConnectPage.bitbucketHeading, ConnectPage.clerkHeading] + ConnectPage.Credential.allCases.map(\.label)
        if let user = state.bitbucketUser.value { texts.append(ConnectPage.signedIn(user)) }
        if let access = state.clerkAccess.value { texts.append(ConnectPage.clerkFound(access)) }
        try assertShows(texts, on: "connect-checked")
    }

    func testApplicationShowsTheCallbackNotes() throws {
        let (state, _) = try screen("application-development")
        let target = try XCTUnwrap(state.target)
        try assertShows([ApplicationPage.applicationHeading, ApplicationPage.instanceHeading, ApplicationPage.callbackLabel]
            + ApplicationPage.callbackNotes(target).map(\.text), on: "application-development")
        XCTAssertTrue(target.customCredentialsOptional, "the development case shows the notice too")
    }

    func testConsumerAndScopesShowTheirPages() throws {
        let (state, _) = try screen("consumer-prefilled")
        try assertShows([ConsumerPage.heading(state), ConsumerPage.privateTitle] + ConsumerField.allCases.map(\.label), on: "consumer-prefilled")
        let scopes = try screen("scopes-implication").state.scopes
        try assertShows([ScopesPage.intro, ScopesPage.summary(scopes).text], on: "scopes-implication")
    }

    func testCreateShowsEveryValueToType() throws {
        let (state, _) = try screen("create-live")
        let values = CreatePage.values(state).flatMap { [$0.label, $0.value.isEmpty ? CreatePage.leaveEmpty : $0.value] }
        try assertShows([CreatePage.openStep(keys: "o opens, c copies"), CreatePage.enterStep(keys: "c copies the focused one"),
                         CreatePage.pasteStep] + values, on: "create-live")
        try assertShows([CreatePage.sandboxButton, CreatePage.sandboxButtonHint], on: "create-sandbox")
    }

    func testKeySecretShowsTheVerdictLines() throws {
        let (state, _) = try screen("keysecret-wrong")
        let lines = try XCTUnwrap(KeySecretPage.verification(state))
        try assertShows([KeySecretPage.verificationHeading] + lines.map(\.text), on: "keysecret-wrong")
    }

    func testSyncShowsItsHeadingAndDiff() throws {
        let (state, _) = try screen("sync-dryrun")
        let target = try XCTUnwrap(state.target)
        let diff = try XCTUnwrap(SyncPage.diff(state))
        try assertShows([SyncPage.heading(target), SyncPage.diffHeading(applied: false)] + diff.map(\.text), on: "sync-dryrun")
        try assertShows([SyncPage.clientIDLabel, SyncPage.clientSecretLabel], on: "sync-manual")
    }
}
