import TestSupport
import XCTest
@testable import CursesUI

final class CanvasSnapshotTests: XCTestCase {
    func testSnapshotTextFormat() {
        var canvas = Canvas(width: 6, height: 2)
        canvas.put("ab", x: 0, y: 0, role: .error)
        canvas.put("c", x: 3, y: 1, role: .fieldFocused)
        XCTAssertEqual(snapshotText(canvas), "ab\n   c\n--- roles ---\nEE\n...F\n")
    }

    func testMissingSnapshotFailsAndRecordingFailsThenMatches() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("bbclerk-snap-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        var canvas = Canvas(width: 3, height: 1)
        canvas.put("ok", x: 0, y: 0, role: .success)
        XCTAssertEqual(snapshotFailure(canvas, named: "x", record: false, directory: dir)?.hasPrefix("Missing snapshot x"), true)
        XCTAssertEqual(snapshotFailure(canvas, named: "x", record: true, directory: dir)?.hasPrefix("Recorded snapshot x"), true)
        XCTAssertNil(snapshotFailure(canvas, named: "x", record: false, directory: dir))
        canvas.put("no", x: 0, y: 0, role: .error)
        XCTAssertEqual(snapshotFailure(canvas, named: "x", record: false, directory: dir)?.hasPrefix("Snapshot x differs"), true)
    }

    func testWidgetsGallery() {
        var canvas = Canvas(width: 60, height: 18)
        StepHeader(.workspace).render(into: &canvas, at: Rect(x: 0, y: 0, width: 60, height: 2))
        let name = TextField(text: "", placeholder: "My app")
        canvas.put("Name", x: 0, y: 3, role: .label)
        name.render(into: &canvas, at: Rect(x: 22, y: 3, width: 30, height: 2), focused: true)
        let secret = TextField(text: "s3cr3t", isMasked: true)
        canvas.put("Secret", x: 0, y: 5, role: .label)
        secret.render(into: &canvas, at: Rect(x: 22, y: 5, width: 30, height: 1), focused: false)
        var list = ListView(rows: [ListRow(id: "a", title: "acme", detail: "Acme Inc"),
                                   ListRow(id: "b", title: "beta", detail: "Beta team"),
                                   ListRow(id: "c", title: "café", detail: "日本語")])
        _ = list.handle(.down)
        list.render(into: &canvas, at: Rect(x: 0, y: 7, width: 40, height: 4), focused: true)
        let grid = ScopeGrid(rows: [
            ScopeGrid.Row(title: "Account", boxes: [ScopeGrid.Box(id: "email", title: "Email", isLocked: true, note: "required by Clerk")]),
            ScopeGrid.Row(title: "Repositories", boxes: [ScopeGrid.Box(id: "repository", title: "Read"),
                                                         ScopeGrid.Box(id: "repository:write", title: "Write", isChecked: true)]),
        ])
        grid.render(into: &canvas, at: Rect(x: 0, y: 11, width: 60, height: 2), focused: false)
        Button(title: "Continue").render(into: &canvas, at: Rect(x: 0, y: 14, width: 20, height: 1), focused: true)
        Spinner(label: "Checking…").render(into: &canvas, at: Rect(x: 20, y: 14, width: 30, height: 1), tick: 2)
        HelpBar([("Enter", "next"), ("Esc", "back"), ("?", "help"), ("^C", "quit")])
            .render(into: &canvas, at: Rect(x: 0, y: 17, width: 60, height: 1))
        assertSnapshot(canvas, named: "widgets-gallery")
    }

    func testOverlaySnapshot() {
        var canvas = Canvas(width: 50, height: 12)
        canvas.fill(canvas.bounds, with: ".", role: .muted)
        let overlay = Overlay(title: "Quit?", body: ["Your answers are kept as a draft; secrets are not."],
                              buttons: ["Quit", "Stay"], selectedButton: 1)
        overlay.render(into: &canvas, at: canvas.bounds, focused: true)
        assertSnapshot(canvas, named: "overlay-quit")
    }
}
