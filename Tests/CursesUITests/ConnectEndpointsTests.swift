import Foundation
import TestSupport
import XCTest
@testable import CursesUI
@testable import LineMode
@testable import SetupCore

/// The Connect step says when credentials are about to go somewhere other than the real
/// services, and where that came from; the sandbox's own endpoints read as "sandbox".
final class ConnectEndpointsTests: XCTestCase {
    func testAnOverriddenEndpointIsShownWithItsSource() throws {
        var h = ScreenHarness(columns: 100, rows: 30)
        h.state.endpoints = try Endpoints.fromEnvironment(["BBCLERK_CLERK_API_URL": "http://127.0.0.1:5123/v1"])
        h.syncScreen()
        let text = h.canvas().textLayer()
        XCTAssertTrue(text.contains("Endpoints: Clerk API http://127.0.0.1:5123/v1 (from BBCLERK_CLERK_API_URL)"), text)
    }

    func testTheRealServicesAndTheSandboxShowNoEndpointWarning() {
        var live = ScreenHarness(columns: 100, rows: 30)
        XCTAssertFalse(live.canvas().textLayer().contains("Endpoints:"))
        var sandbox = ScreenHarness(columns: 100, rows: 30, mode: .sandbox)
        let text = sandbox.canvas().textLayer()
        XCTAssertFalse(text.contains("Endpoints:"), text)
        XCTAssertTrue(text.contains("sandbox"), text)
    }

    func testLineModeSaysTheOverriddenEndpointBeforeAskingForCredentials() async throws {
        let endpoints = try Endpoints.fromEnvironment(["BBCLERK_CLERK_API_URL": "http://127.0.0.1:9/v1"])
        let state = WizardState(mode: .live, endpoints: endpoints, credentials: SessionCredentials())
        // No answers: the run ends at the first prompt, after Connect has said where things go.
        let prompter = ScriptedLinePrompter([])
        let app = LineModeApp(state: state, runner: EffectRunner(endpoints: endpoints, retry: .none, timeout: 2), prompter: prompter)
        _ = await app.run()
        XCTAssertTrue(prompter.written.contains("Endpoints: Clerk API http://127.0.0.1:9/v1 (from BBCLERK_CLERK_API_URL)"), prompter.written)
    }
}

/// A paste over a field's length is refused whole and said so on the Consumer step, never
/// dropped in silence.
final class ConsumerPasteLimitTests: XCTestCase {
    func testAnOverlongPasteIntoAConsumerFieldIsRefusedAndSaid() {
        var h = Journey.consumer(80, 24)
        h.press(.tab)  // to Description
        h.press(.paste(String(repeating: "x", count: 1_100_000)))
        let text = h.canvas().textLayer()
        XCTAssertTrue(text.contains("At most 1024 characters here, so that was not taken."), text)
        XCTAssertEqual(h.state.form.description, "", "nothing of it reached the form")
    }
}
