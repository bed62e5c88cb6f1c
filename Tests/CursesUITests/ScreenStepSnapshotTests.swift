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
            "1-connect-checked", "1-connect-unauthorized", "2-application-production", "2-application-development",
            "3-workspace-names", "3-workspace-loading", "4-consumer-prefilled", "4-consumer-wrong-callback",
            "5-scopes-implication", "6-create-live", "6-create-sandbox", "7-keysecret-valid", "7-keysecret-wrong",
            "8-sync-dryrun", "8-sync-applied", "8-sync-manual", "8-sync-manual-proof", "8-sync-manual-mismatch", "9-done",
        ]
        XCTAssertEqual(Set(ScreenCase.all.map(\.name)), tested)
        XCTAssertEqual(Set(ScreenCase.all.map(\.step)), Set(WizardStep.allCases), "every step has a screen case")
    }

    func testConnectChecked() { check("1-connect-checked") }
    func testConnectUnauthorized() { check("1-connect-unauthorized") }
    func testApplicationProduction() { check("2-application-production") }
    func testApplicationDevelopment() { check("2-application-development") }
    func testWorkspaceNames() { check("3-workspace-names") }
    func testWorkspaceLoading() { check("3-workspace-loading") }
    func testConsumerPrefilled() { check("4-consumer-prefilled") }
    func testConsumerWrongCallback() { check("4-consumer-wrong-callback") }
    func testScopesImplication() { check("5-scopes-implication") }

    /// Under `LANG=C`: the grid, its lock marks and the explanation spelled in ASCII.
    func testScopesImplicationASCII() {
        var harness = ScreenCase.all.first { $0.name == "5-scopes-implication" }!.make(80, 24)
        assertSnapshot(harness.canvas(glyphs: .ascii), named: "screen-5-scopes-implication-ascii-80x24")
    }
    func testCreateLive() { check("6-create-live") }
    func testCreateSandbox() { check("6-create-sandbox") }
    func testKeySecretValid() { check("7-keysecret-valid") }
    func testKeySecretWrong() { check("7-keysecret-wrong") }
    func testSyncDryRun() { check("8-sync-dryrun") }
    func testSyncApplied() { check("8-sync-applied") }
    func testSyncManual() { check("8-sync-manual") }
    func testSyncManualProof() { check("8-sync-manual-proof") }
    func testSyncManualMismatch() { check("8-sync-manual-mismatch") }
    func testDone() { check("9-done") }
}
