import TestSupport
import XCTest
@testable import CursesUI
@testable import SetupCore

/// The dialogs over a screen (help, quit) and the notice for a terminal below the minimum.
final class ScreenOverlaySnapshotTests: XCTestCase {
    func testHelpOverlayOnWorkspace() {
        for size in ScreenCase.sizes {
            var harness = Journey.workspace(size.columns, size.rows)
            harness.openHelp()
            assertSnapshot(harness.canvas(), named: "screen-workspace-help-\(size.columns)x\(size.rows)")
        }
    }

    func testQuitConfirmOnConsumer() {
        for size in ScreenCase.sizes {
            var harness = Journey.consumer(size.columns, size.rows)
            harness.overlay = .confirmQuit(draftKept: true)
            assertSnapshot(harness.canvas(), named: "screen-consumer-quit-\(size.columns)x\(size.rows)")
        }
    }

    func testTooSmallNotice() {
        var harness = Journey.connect(50, 12)
        XCTAssertTrue(harness.isTooSmall)
        let canvas = harness.canvas()
        XCTAssertTrue(canvas.textLayer().contains("50×12"), canvas.textLayer())
        assertSnapshot(canvas, named: "screen-too-small-50x12")
    }
}
