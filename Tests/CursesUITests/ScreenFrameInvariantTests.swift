import TestSupport
import XCTest
@testable import CursesUI
@testable import SetupCore

/// Checks on every screen case that do not depend on snapshots.
final class ScreenFrameInvariantTests: XCTestCase {
    private static let focusRoles: Set<Role> = [.fieldFocused, .focusRow, .buttonFocused]

    private func rowText(_ canvas: Canvas, _ y: Int) -> String {
        canvas.textLayer().components(separatedBy: "\n")[y]
    }

    func testStepHeaderReadsStepNOf9AndTitle() {
        for screenCase in ScreenCase.all {
            for size in ScreenCase.sizes {
                var harness = screenCase.make(size.columns, size.rows)
                let header = rowText(harness.canvas(), 0)
                let expected = screenCase.step.heading(separator: " · ")
                XCTAssertTrue(header.hasPrefix(expected), "\(screenCase.name) \(size): header is \"\(header)\", expected \"\(expected)\"")
            }
        }
    }

    func testHelpBarIsNeverEmpty() {
        for screenCase in ScreenCase.all {
            for size in ScreenCase.sizes {
                for overlay in ["none", "help", "quit"] {
                    var harness = screenCase.make(size.columns, size.rows)
                    if overlay == "help" { harness.openHelp() }
                    if overlay == "quit" { harness.overlay = .confirmQuit(draftKept: true) }
                    let canvas = harness.canvas()
                    let bar = rowText(canvas, size.rows - 1)
                    XCTAssertFalse(bar.trimmingCharacters(in: .whitespaces).isEmpty, "\(screenCase.name) \(size) overlay \(overlay): empty help bar")
                    XCTAssertTrue((0..<size.columns).contains { canvas[$0, size.rows - 1].role == .helpKey },
                                  "\(screenCase.name) \(size): no key in the help bar")
                }
            }
        }
    }

    /// The focused row is drawn inside the content area (rows 3 … height-3), in a focus role,
    /// and the screen's reported focus row is scrolled into view.
    func testFocusedRowIsVisibleAtEverySize() {
        for screenCase in ScreenCase.all where screenCase.step != .done {
            for size in ScreenCase.sizes {
                var harness = screenCase.make(size.columns, size.rows)
                let canvas = harness.canvas()
                let content = 3..<(size.rows - 2)
                let layout = harness.screenLayout()
                let offset = harness.scrollOffsets[screenCase.step] ?? 0
                let shownAt = layout.focusRow - offset + 3
                XCTAssertTrue(content.contains(shownAt), "\(screenCase.name) \(size): focus row \(layout.focusRow) drawn at \(shownAt), outside \(content)")
                let focusCells = (0..<size.columns).filter { Self.focusRoles.contains(canvas[$0, shownAt].role) }
                XCTAssertFalse(focusCells.isEmpty, "\(screenCase.name) \(size): row \(shownAt) (the reported focus) shows no focus role:\n\(snapshotText(canvas))")
            }
        }
    }

    /// Only one place shows the focus at a time (a long value wrapped under its label is one
    /// place over several rows, so the focused rows must be one unbroken block).
    func testExactlyOneFocusedRow() {
        for screenCase in ScreenCase.all where screenCase.step != .done {
            for size in ScreenCase.sizes {
                var harness = screenCase.make(size.columns, size.rows)
                let canvas = harness.canvas()
                let rows = (3..<(size.rows - 2)).filter { y in (0..<size.columns).contains { Self.focusRoles.contains(canvas[$0, y].role) } }
                XCTAssertFalse(rows.isEmpty, "\(screenCase.name) \(size): no focused row")
                XCTAssertEqual(rows.last.map { $0 - (rows.first ?? 0) + 1 }, rows.count,
                               "\(screenCase.name) \(size): focus roles on separate rows \(rows)")
            }
        }
    }

    /// On a screen where a text field has the focus, the terminal cursor sits in that field
    /// on the focused row; elsewhere there is no cursor.
    func testCursorIsInTheFocusedField() {
        for screenCase in ScreenCase.all {
            for size in ScreenCase.sizes {
                var harness = screenCase.make(size.columns, size.rows)
                let editing = harness.screens.current(harness.state.step).isEditingText
                let (canvas, cursor) = harness.frame()
                guard editing else {
                    XCTAssertNil(cursor, "\(screenCase.name) \(size): a cursor with no text field focused")
                    continue
                }
                guard let cursor else { XCTFail("\(screenCase.name) \(size): no cursor in the focused field"); continue }
                XCTAssertTrue((3..<(size.rows - 2)).contains(cursor.y), "\(screenCase.name) \(size): cursor row \(cursor.y) outside the content")
                XCTAssertTrue((0..<size.columns).contains(cursor.x), "\(screenCase.name) \(size): cursor column \(cursor.x) off screen")
                XCTAssertEqual(canvas[cursor.x, cursor.y].role, .fieldFocused, "\(screenCase.name) \(size): cursor not in the focused field")
            }
        }
    }

    func testMinimumSizeIsTheSmallSnapshotSize() {
        XCTAssertEqual(WizardApp.minimumSize.columns, 60)
        XCTAssertEqual(WizardApp.minimumSize.rows, 16)
    }
}
