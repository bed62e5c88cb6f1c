import XCTest
import SetupCore
@testable import CursesUI

final class WidgetsTextFieldTests: XCTestCase {
    private func type(_ text: String, into field: inout TextField) {
        for c in text { _ = field.handle(.character(c)) }
    }

    private func assertInvariant(_ field: TextField, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertTrue((0...field.text.count).contains(field.cursor), "cursor \(field.cursor) outside 0…\(field.text.count)", file: file, line: line)
    }

    func testTypingAndCursorMovement() {
        var field = TextField()
        type("hello", into: &field)
        XCTAssertEqual(field.text, "hello")
        XCTAssertEqual(field.cursor, 5)
        XCTAssertEqual(field.handle(.left), .handled)
        XCTAssertEqual(field.handle(.character("X")), .changed)
        XCTAssertEqual(field.text, "hellXo")
        _ = field.handle(.home)
        XCTAssertEqual(field.cursor, 0)
        _ = field.handle(.left)
        XCTAssertEqual(field.cursor, 0)
        _ = field.handle(.control("e"))
        XCTAssertEqual(field.cursor, 6)
        _ = field.handle(.right)
        XCTAssertEqual(field.cursor, 6)
        _ = field.handle(.control("a"))
        _ = field.handle(.delete)
        XCTAssertEqual(field.text, "ellXo")
        _ = field.handle(.end)
        _ = field.handle(.backspace)
        XCTAssertEqual(field.text, "ellX")
        assertInvariant(field)
    }

    func testBackspaceAndDeleteAtEnds() {
        var field = TextField(text: "ab")
        _ = field.handle(.delete)
        XCTAssertEqual(field.text, "ab")
        _ = field.handle(.home)
        XCTAssertEqual(field.handle(.backspace), .handled)
        XCTAssertEqual(field.text, "ab")
        assertInvariant(field)
    }

    func testCtrlUCtrlKCtrlW() {
        var field = TextField(text: "one two  three")
        _ = field.handle(.control("w"))
        XCTAssertEqual(field.text, "one two  ")
        _ = field.handle(.control("w"))
        XCTAssertEqual(field.text, "one ")
        _ = field.handle(.left); _ = field.handle(.left)
        _ = field.handle(.control("k"))
        XCTAssertEqual(field.text, "on")
        _ = field.handle(.control("u"))
        XCTAssertEqual(field.text, "")
        XCTAssertEqual(field.cursor, 0)
        assertInvariant(field)
    }

    func testEditingByGraphemeClusters() {
        var field = TextField(text: "e\u{301}👩‍💻日🇫🇷")
        XCTAssertEqual(field.text.count, 4)
        XCTAssertEqual(field.cursor, 4)
        _ = field.handle(.backspace)
        XCTAssertEqual(field.text, "e\u{301}👩‍💻日")
        _ = field.handle(.left)
        _ = field.handle(.backspace)
        XCTAssertEqual(field.text, "e\u{301}日", "the whole ZWJ sequence goes at once")
        _ = field.handle(.home)
        _ = field.handle(.delete)
        XCTAssertEqual(field.text, "日")
        assertInvariant(field)
    }

    func testTypedCombiningMarkJoinsPreviousCharacter() {
        var field = TextField()
        type("e", into: &field)
        _ = field.handle(.character("\u{301}"))
        XCTAssertEqual(field.text, "e\u{301}")
        XCTAssertEqual(field.text.count, 1)
        XCTAssertEqual(field.cursor, 1)
        assertInvariant(field)
    }

    func testPasteInsertsTrimmedText() {
        var field = TextField(text: "ab")
        _ = field.handle(.left)
        XCTAssertEqual(field.handle(.paste("  XY \n")), .changed)
        XCTAssertEqual(field.text, "aXYb")
        XCTAssertEqual(field.cursor, 3)
        _ = field.handle(.paste("line1\nline2"))
        XCTAssertEqual(field.text, "aXYline1 line2b", "line breaks inside become spaces in a normal field")
    }

    func testKeyFieldRejectsInnerWhitespace() {
        var field = TextField(rejectsWhitespaceInside: true)
        XCTAssertEqual(field.handle(.paste("  abc123\r\n")), .changed)
        XCTAssertEqual(field.text, "abc123")
        XCTAssertNil(field.rejection)
        XCTAssertEqual(field.handle(.paste("abc def")), .handled)
        XCTAssertEqual(field.text, "abc123")
        XCTAssertNotNil(field.rejection)
        _ = field.handle(.paste("x\u{7}y"))
        XCTAssertEqual(field.text, "abc123")
        _ = field.handle(.character(" "))
        XCTAssertEqual(field.text, "abc123")
        _ = field.handle(.character("z"))
        XCTAssertNil(field.rejection, "an accepted edit clears the rejection")
        XCTAssertEqual(field.text, "abc123z")
    }

    func testUnhandledKeysAreIgnored() {
        var field = TextField(text: "a")
        for key: KeyEvent in [.tab, .backTab, .up, .down, .escape, .control("c"), .function(1), .unknown, .resize] {
            XCTAssertEqual(field.handle(key), .ignored, "\(key)")
        }
        XCTAssertEqual(field.handle(.control("r")), .ignored, "reveal only applies to masked fields")
    }

    func testMaxLength() {
        var field = TextField(maxLength: 3)
        type("abcd", into: &field)
        XCTAssertEqual(field.text, "abc")
        XCTAssertNotNil(field.rejection)
    }

    func testSettingTextClampsCursor() {
        var field = TextField(text: "abcdef")
        field.text = "ab"
        XCTAssertEqual(field.cursor, 2)
        assertInvariant(field)
    }

    func testAPrefilledValueHasTheCursorAtItsEnd() {
        var field = TextField(placeholder: "you@example.com")
        field.prefill("ada@example.com")
        XCTAssertEqual(field.cursor, "ada@example.com".count)
        _ = field.handle(.character("x"))
        XCTAssertEqual(field.text, "ada@example.comx", "typing continues the value")
    }

    func testMaskedRenderingAndReveal() {
        var field = TextField(text: "s3cret", isMasked: true)
        var canvas = Canvas(width: 10, height: 1)
        field.render(into: &canvas, at: canvas.bounds, focused: true)
        XCTAssertEqual(canvas.textLayer(), "••••••••", "a fixed mask, not one bullet per character")
        XCTAssertEqual(field.handle(.control("r")), .handled)
        canvas = Canvas(width: 10, height: 1)
        field.render(into: &canvas, at: canvas.bounds, focused: true)
        XCTAssertEqual(canvas.textLayer(), "s3cret")
        var locked = TextField(text: "x", isMasked: true, allowsReveal: false)
        XCTAssertEqual(locked.handle(.control("r")), .ignored)
        XCTAssertFalse(locked.isRevealed)
    }

    func testAMaskHidesTheLengthAndTheCursorWaitsAfterIt() {
        for text in ["日本😀", "x", String(repeating: "k", count: 300)] {
            var field = TextField(text: text, isMasked: true)
            var canvas = Canvas(width: 20, height: 1)
            field.render(into: &canvas, at: canvas.bounds, focused: true)
            XCTAssertEqual(canvas.textLayer(), String(repeating: "•", count: Secret.maskLength))
            XCTAssertEqual(field.cursorPosition(in: Rect(x: 0, y: 0, width: 20, height: 1)).x, Secret.maskLength)
            _ = field.handle(.control("r"))
            XCTAssertTrue(field.isRevealed)
        }
        XCTAssertEqual(TextField(isMasked: true).cursorPosition(in: Rect(x: 0, y: 0, width: 20, height: 1)).x, 0, "empty: no mask")
    }

    func testHorizontalScrollingKeepsCursorVisible() {
        var field = TextField()
        field.layout(width: 5)
        type("abcdefghij", into: &field)
        var canvas = Canvas(width: 5, height: 1)
        field.render(into: &canvas, at: canvas.bounds, focused: true)
        XCTAssertEqual(canvas.textLayer(), "ghij", "the cursor cell after the text is the 5th column")
        XCTAssertEqual(field.cursorPosition(in: canvas.bounds), CursorPosition(x: 4, y: 0))
        _ = field.handle(.home)
        canvas = Canvas(width: 5, height: 1)
        field.render(into: &canvas, at: canvas.bounds, focused: true)
        XCTAssertEqual(canvas.textLayer(), "abcde")
        XCTAssertEqual(field.cursorPosition(in: canvas.bounds).x, 0)
        // Moving right inside the window does not scroll.
        for _ in 0..<3 { _ = field.handle(.right) }
        XCTAssertEqual(field.scrollOffset, 0)
        XCTAssertEqual(field.cursorPosition(in: canvas.bounds).x, 3)
        for _ in 0..<3 { _ = field.handle(.right) }
        XCTAssertEqual(field.cursorPosition(in: canvas.bounds).x, 4)
        XCTAssertEqual(field.scrollOffset, 2)
        // Deleting from the end pulls the text back into view.
        _ = field.handle(.end)
        for _ in 0..<8 { _ = field.handle(.backspace) }
        XCTAssertEqual(field.text, "ab")
        XCTAssertEqual(field.scrollOffset, 0)
    }

    func testScrollingWithWideCharacters() {
        var field = TextField()
        field.layout(width: 6)
        type("日本語のテキスト", into: &field)
        var canvas = Canvas(width: 6, height: 1)
        field.render(into: &canvas, at: canvas.bounds, focused: true)
        // Six columns: two wide graphemes (4) fit before the cursor cell; a third would not.
        XCTAssertEqual(canvas.textLayer(), "スト")
        let cursor = field.cursorPosition(in: canvas.bounds)
        XCTAssertLessThan(cursor.x, 6)
    }

    func testRandomEditingKeepsInvariant() {
        var field = TextField(text: "start")
        field.layout(width: 7)
        let keys: [KeyEvent] = [.left, .right, .home, .end, .backspace, .delete, .control("u"), .control("w"),
                                .control("k"), .character("a"), .character("日"), .character("\u{301}"),
                                .character("😀"), .paste(" p q "), .enter]
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<5_000 {
            _ = field.handle(keys.randomElement(using: &rng)!)
            assertInvariant(field)
            let pos = field.cursorPosition(in: Rect(x: 0, y: 0, width: 7, height: 1))
            XCTAssertTrue((0..<7).contains(pos.x))
        }
    }

    func testRendersThePlaceholder() {
        let field = TextField(placeholder: "https://…")
        var canvas = Canvas(width: 20, height: 2)
        field.render(into: &canvas, at: canvas.bounds, focused: false)
        XCTAssertEqual(canvas.textLayer(), "https://…\n")
        XCTAssertEqual(canvas.rolesLayer(), "pppppppppfffffffffff\n")
    }
}
