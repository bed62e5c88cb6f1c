import Foundation
import Sandbox
import TestSupport
import XCTest
@testable import CursesUI
@testable import SetupCore

/// Hostile text from the network (names with escape sequences, a bidi override, a newline,
/// a 500-character name, an OSC 52 clipboard write in an error) reaches the screens from the
/// real sandbox over loopback HTTP, and every frame drawn from it is inert: no control
/// character, escape, bidi control or line break in any cell, long names cut with "…".
final class HostileRemoteDataTests: XCTestCase {
    static let sizes: [(columns: Int, rows: Int)] = [(80, 24), (60, 16), (200, 60), (20, 5)]
    static let hostile = SandboxOptions(port: 0, hostileNames: true)

    /// Signs in and arrives on the Clerk application step.
    func arriveAtApplications(_ wizard: WizardDriver) async throws -> WizardState {
        await wizard.send(.start)
        await wizard.send(.next)
        let state = await wizard.state
        XCTAssertEqual(state.step, .clerkApplication, "\(state.status?.text ?? "")")
        return state
    }

    func hostileApplicationID(_ state: WizardState) throws -> String {
        try XCTUnwrap(state.applications.first { $0.name.contains("Hostile") }?.id,
                      "the hostile application is listed: \(state.applications.map(\.name))")
    }

    /// Draws `state` at every size and checks each frame is inert; returns the 80×24 text.
    @discardableResult
    func drawEverywhere(_ state: WizardState, _ what: String, file: StaticString = #filePath, line: UInt = #line) -> String {
        var text80 = ""
        for size in Self.sizes {
            var drawer = FrameDrawer(state: state)
            let frame = drawer.draw(state, columns: size.columns, rows: size.rows)
            InertCanvas.assertInert(frame.canvas, "\(what) at \(size.columns)×\(size.rows)", file: file, line: line)
            if size.columns == 80 { text80 = frame.canvas.textLayer() }
        }
        return text80
    }

    func testApplicationScreenShowsAHostileApplicationNameInert() async throws {
        try await SandboxWizard.with(Self.hostile) { wizard in
            var state = try await arriveAtApplications(wizard)
            XCTAssertTrue(state.applications.contains { $0.name.unicodeScalars.contains("\u{1B}") },
                          "the sandbox really sent escape sequences")
            var text = drawEverywhere(state, "Application screen")
            XCTAssertTrue(text.contains("HostileRed App"), "the name shows, without its colour codes or newline:\n\(text)")

            await wizard.send(.selectApplication(try hostileApplicationID(state)))
            state = await wizard.state
            XCTAssertNotNil(state.target, "the hostile application's domains were read")
            text = drawEverywhere(state, "Application screen, hostile application chosen")
            XCTAssertTrue(text.contains("clerk.hostile-app.example/v1/oauth_callback"), text)
        }
    }

    func testWorkspaceScreenShowsHostileAndLongWorkspaceNamesInert() async throws {
        try await SandboxWizard.with(Self.hostile) { wizard in
            _ = try await arriveAtApplications(wizard)
            await wizard.send(.next)
            var state = await wizard.state
            XCTAssertEqual(state.step, .workspace, "\(state.status?.text ?? "")")
            XCTAssertTrue(state.workspaces.isComplete)
            await wizard.send(.workspaceRowsVisible(state.workspaces.entries.map(\.slug)))
            state = await wizard.state
            let evil = try XCTUnwrap(state.workspaces.entry("evil-corp")?.details?.name)
            XCTAssertTrue(evil.unicodeScalars.contains("\u{1B}") && evil.unicodeScalars.contains("\u{202E}"),
                          "the sandbox really sent escapes and a bidi override")
            XCTAssertEqual(state.workspaces.entry("lengthy-workspace")?.details?.name.count, 500)

            for selected in ["evil-corp", "lengthy-workspace"] {
                await wizard.send(.selectWorkspace(selected))
                state = await wizard.state
                for size in Self.sizes {
                    var drawer = FrameDrawer(state: state)
                    let frame = drawer.draw(state, columns: size.columns, rows: size.rows)
                    let context = "Workspace screen, \(selected) selected, at \(size.columns)×\(size.rows)"
                    InertCanvas.assertInert(frame.canvas, context)
                    let text = frame.canvas.textLayer()
                    XCTAssertFalse(text.contains("TAIL-END"), "\(context): the 500-character name is cut:\n\(text)")
                    XCTAssertFalse(text.contains("pwned"), "\(context): the OSC title payload is not shown:\n\(text)")
                    let rows = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                    if let long = rows.first(where: { $0.contains("Lengthy") }) {
                        XCTAssertTrue(long.contains("…"), "\(context): the long name ends with an ellipsis: \(long)")
                        XCTAssertLessThanOrEqual(DisplayWidth.of(long), size.columns, context)
                        let title = long[long.range(of: "Lengthy")!.lowerBound...]
                        XCTAssertTrue(title.contains("…"), "\(context): the ellipsis is inside the row, after the name: \(long)")
                    } else if selected == "lengthy-workspace", size.rows >= 16 {
                        XCTFail("\(context): the selected long name is listed:\n\(text)")
                    }
                    if size.columns >= 60, size.rows >= 16 {
                        XCTAssertTrue(rows.contains { $0.contains("Evil") && $0.contains("Corp") },
                                      "\(context): the hostile name shows, inert:\n\(text)")
                    }
                }
            }
        }
    }

    /// Walks to the Sync step for the hostile application (sandbox mode creates the
    /// consumer), then has Clerk answer a PATCH with the 422 whose `long_message` carries
    /// an OSC 52 clipboard write.
    func testSyncScreenShowsAHostileApplicationNameAndErrorInert() async throws {
        try await SandboxWizard.with(Self.hostile) { wizard in
            var state = try await arriveAtApplications(wizard)
            await wizard.send(.selectApplication(try hostileApplicationID(state)))
            await wizard.send(.next)
            await wizard.send(.selectWorkspace("acme-store"))
            await wizard.send(.next)
            // A clean name, so the walk does not depend on how the form treats the prefilled one
            // (see testConsumerNamePrefilledFromAHostileApplicationNameIsClean).
            await wizard.send(.setField(.name, "Hostile App sign-in"))
            await wizard.send(.next)
            await wizard.send(.next)
            state = await wizard.state
            XCTAssertEqual(state.step, .createInBitbucket, "\(state.status?.text ?? "")")
            await wizard.send(.createInSandbox)
            await wizard.send(.next)
            await wizard.send(.next)
            state = await wizard.state
            XCTAssertEqual(state.step, .syncToClerk, "\(state.status?.text ?? "") \(state.verification)")
            XCTAssertNotNil(state.dryRun.value, "the dry run ran: \(state.dryRun)")
            var text = drawEverywhere(state, "Sync screen, dry run")
            XCTAssertTrue(text.contains("Clerk: HostileRed App"), text)

            // Clerk answers 422 with the OSC 52 sequence in its long message.
            let target = try XCTUnwrap(state.target)
            await wizard.update { $0.dryRun = .loading }
            await wizard.run(.patchClerkConfig(
                ClerkConfigPatch(enabled: true, clientID: "", clientSecret: nil),
                application: try XCTUnwrap(target.applicationID), instance: target.instanceID, ifMatch: nil, dryRun: true,
                platformKey: try XCTUnwrap(state.credentials.clerkPlatformKey)))
            state = await wizard.state
            let error = try XCTUnwrap(state.dryRun.error, "the dry run failed: \(state.dryRun)")
            XCTAssertEqual(error.status, 422)
            XCTAssertFalse(error.userMessage.unicodeScalars.contains(where: InertCanvas.isForbidden), error.userMessage)
            XCTAssertFalse(state.status?.text.unicodeScalars.contains(where: InertCanvas.isForbidden) ?? false)
            text = drawEverywhere(state, "Sync screen, 422 with OSC 52")
            XCTAssertTrue(text.contains("Clerk rejected the configuration"), text)
        }
    }

    /// The consumer's Name is prefilled from the application's name, which came from the
    /// network: it is drawn inert, and it must also be clean as a value, because it is sent
    /// to Bitbucket and offered for copying (OSC 52) on the Create step.
    func testConsumerNamePrefilledFromAHostileApplicationNameIsClean() async throws {
        try await SandboxWizard.with(Self.hostile) { wizard in
            var state = try await arriveAtApplications(wizard)
            await wizard.send(.selectApplication(try hostileApplicationID(state)))
            await wizard.send(.next)
            await wizard.send(.selectWorkspace("acme-store"))
            await wizard.send(.next)
            state = await wizard.state
            XCTAssertEqual(state.step, .consumer, "\(state.status?.text ?? "")")
            drawEverywhere(state, "Consumer screen, prefilled from a hostile name")
            let name = state.form.name
            XCTAssertFalse(name.unicodeScalars.contains(where: InertCanvas.isForbidden),
                           "the prefilled Name holds control characters: \(name.debugDescription)")
            await wizard.send(.next)
            await wizard.send(.next)
            state = await wizard.state
            if state.step == .createInBitbucket {
                drawEverywhere(state, "Create screen with the prefilled Name")
            }
        }
    }
}
