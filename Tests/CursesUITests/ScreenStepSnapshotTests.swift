import TestSupport
import XCTest
@testable import CursesUI
@testable import SetupCore

/// Every step's screen rendered through `ScreenFrame` at 80×24 and 60×16, text and roles.
/// Record with `BBCLERK_RECORD_SNAPSHOTS=1`; the cases live in `ScreenCase.all`.
final class ScreenStepSnapshotTests: XCTestCase {
    private func check(_ name: String, file: StaticString = #filePath, line: UInt = #line) {
        guard let screenCase = ScreenCase.all.first(where: { $0.name == name }) else {
            return XCTFail("no screen case \(name)", file: file, line: line)
        }
        for size in ScreenCase.sizes {
            var harness = screenCase.make(size.columns, size.rows)
            XCTAssertEqual(harness.state.step, screenCase.step, "\(name) is on the wrong step", file: file, line: line)
            assertSnapshot(harness.canvas(), named: "screen-\(name)-\(size.columns)x\(size.rows)", file: file, line: line)
        }
    }

    func testEveryCaseHasATest() {
        let tested: Set<String> = [
            "connect-checked", "connect-unauthorized", "application-production", "application-development",
            "workspace-names", "workspace-loading", "consumer-prefilled", "consumer-wrong-callback",
            "scopes-implication", "create-live", "create-sandbox", "keysecret-valid", "keysecret-wrong",
            "sync-dryrun", "sync-applied", "sync-manual", "sync-manual-proof", "sync-manual-mismatch", "done",
        ]
        XCTAssertEqual(Set(ScreenCase.all.map(\.name)), tested)
        XCTAssertEqual(Set(ScreenCase.all.map(\.step)), Set(WizardStep.allCases), "every step has a screen case")
    }

    func testConnectChecked() { check("connect-checked") }
    func testConnectUnauthorized() { check("connect-unauthorized") }
    func testApplicationProduction() { check("application-production") }
    func testApplicationDevelopment() { check("application-development") }
    func testWorkspaceNames() { check("workspace-names") }
    func testWorkspaceLoading() { check("workspace-loading") }
    func testConsumerPrefilled() { check("consumer-prefilled") }
    func testConsumerWrongCallback() { check("consumer-wrong-callback") }
    func testScopesImplication() { check("scopes-implication") }

    /// Under `LANG=C`: the grid, its lock marks and the explanation spelled in ASCII.
    func testScopesImplicationASCII() {
        var harness = ScreenCase.all.first { $0.name == "scopes-implication" }!.make(80, 24)
        assertSnapshot(harness.canvas(glyphs: .ascii), named: "screen-scopes-implication-ascii-80x24")
    }
    func testCreateLive() { check("create-live") }
    func testCreateSandbox() { check("create-sandbox") }
    func testKeySecretValid() { check("keysecret-valid") }
    func testKeySecretWrong() { check("keysecret-wrong") }
    func testSyncDryRun() { check("sync-dryrun") }
    func testSyncApplied() { check("sync-applied") }
    func testSyncManual() { check("sync-manual") }
    func testSyncManualProof() { check("sync-manual-proof") }
    func testSyncManualMismatch() { check("sync-manual-mismatch") }
    func testDone() { check("done") }
}
