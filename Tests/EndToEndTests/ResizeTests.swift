import Foundation
import SetupCore
import XCTest

/// The window changes size while the user types: the screen is laid out again at once, and
/// the field keeps its text and its cursor.
final class ResizeTests: XCTestCase {
    func testResizingWhileTypingKeepsTheTextAndTheCursor() throws {
        let folder = try TestFolder()
        let wizard = try Wizard.launch(["--sandbox"], in: folder)
        defer { wizard.kill() }
        try wizard.walkToConsumer()
        try wizard.focus("Description")
        try wizard.type("Sign in for")
        try wizard.waitFor("Sign in for")
        let typedAt = try cursorAfter("Sign in for", in: wizard)

        for (columns, rows) in [(60, 16), (100, 30), (80, 24)] {
            try wizard.resize(columns: columns, rows: rows)
            try waitForLayout(wizard, columns: columns, rows: rows)
            let screen = try wizard.waitFor("Sign in for")
            XCTAssertTrue(screen.contains(WizardStep.consumer.heading), screen)
            let cursor = try cursorAfter("Sign in for", in: wizard)
            XCTAssertEqual(cursor.column, typedAt.column, "at \(columns)×\(rows) the cursor is still after the text:\n\(screen)")
        }

        try wizard.type(" the store")
        try wizard.waitFor("Sign in for the store")
        _ = try cursorAfter("Sign in for the store", in: wizard)

        // Too small: a notice instead of the form; larger again: the form as it was.
        try wizard.resize(columns: 50, rows: 12)
        let notice = try nudgedWait(wizard, "the too-small notice") { $0.contains("needs at least") && $0.contains("60×16") }
        XCTAssertTrue(notice.contains("50×12"), "the notice gives the current size:\n\(notice)")
        try wizard.resize(columns: 80, rows: 24)
        try waitForLayout(wizard, columns: 80, rows: 24)
        let back = try wizard.waitForGone("needs at least")
        XCTAssertTrue(back.contains("Sign in for the store"), "the text survives being too small:\n\(back)")
        XCTAssertTrue(try wizard.isFocused("Description"), "the focus survives being too small:\n\(back)")
        try wizard.type("!")
        try wizard.waitFor("Sign in for the store!")
        _ = try cursorAfter("Sign in for the store!", in: wizard)
    }

    /// The cursor must sit right after `text` on the row that shows it.
    private func cursorAfter(_ text: String, in wizard: TmuxSession, file: StaticString = #filePath, line: UInt = #line) throws -> (column: Int, row: Int) {
        let lines = try wizard.screen().components(separatedBy: "\n")
        guard let row = lines.firstIndex(where: { $0.contains(text) }), let range = lines[row].range(of: text) else {
            throw EndToEndFailure(description: "\"\(text)\" is not on the screen")
        }
        let column = lines[row][..<range.upperBound].count
        let expected = (column: column, row: row)
        let deadline = Date().addingTimeInterval(3)
        var cursor = try wizard.cursor()
        while cursor != expected && Date() < deadline {
            Thread.sleep(forTimeInterval: 0.05)
            cursor = try wizard.cursor()
        }
        XCTAssertTrue(cursor == expected, "the cursor is at \(cursor), expected right after \"\(text)\" at \(expected)", file: file, line: line)
        return cursor
    }

    /// Laid out for this size: the help bar on the last row and the step line as wide as the window.
    private func waitForLayout(_ wizard: TmuxSession, columns: Int, rows: Int, file: StaticString = #filePath, line: UInt = #line) throws {
        try nudgedWait(wizard, "the screen laid out for \(columns)×\(rows)", file: file, line: line) { screen in
            var lines = screen.components(separatedBy: "\n")
            if lines.last == "" { lines.removeLast() }
            guard lines.count == rows, let last = lines.last, last.contains("help") else { return false }
            return lines[0].hasSuffix("sandbox") && lines[1].count == columns
        }
    }

    /// Waits for the app to redraw by itself after a resize. If it does not, that is a
    /// failure (recorded), and the test presses a key that changes nothing (F12) to carry on
    /// checking the rest.
    @discardableResult
    private func nudgedWait(_ wizard: TmuxSession, _ what: String, file: StaticString = #filePath, line: UInt = #line,
                            _ predicate: (String) -> Bool) throws -> String {
        if let screen = try? wizard.waitUntil(timeout: 3, what, predicate) { return screen }
        XCTFail("no redraw after the resize (waited 3 s for \(what)); the screen still shows:\n\(try wizard.screen())", file: file, line: line)
        try wizard.send("F12")
        return try wizard.waitUntil(timeout: 5, "\(what) after a key", predicate)
    }
}
