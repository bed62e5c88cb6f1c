import XCTest
@testable import CursesUI

final class CanvasTests: XCTestCase {
    func testDisplayWidths() {
        XCTAssertEqual(DisplayWidth.of("a" as Character), 1)
        XCTAssertEqual(DisplayWidth.of("日" as Character), 2)
        XCTAssertEqual(DisplayWidth.of("한" as Character), 2)
        XCTAssertEqual(DisplayWidth.of("Ａ" as Character), 2, "fullwidth form")
        XCTAssertEqual(DisplayWidth.of("😀" as Character), 2)
        XCTAssertEqual(DisplayWidth.of("👩‍💻" as Character), 2, "ZWJ sequence is one wide grapheme")
        // ncurses gives a cell the width of its first scalar (setcchar), so these are 1 as drawn.
        XCTAssertEqual(DisplayWidth.of("🇫🇷" as Character), 1, "a flag: the first regional indicator is narrow")
        XCTAssertEqual(DisplayWidth.of("❤️" as Character), 1, "U+2764 is narrow; the selector does not widen it for ncurses")
        XCTAssertEqual(DisplayWidth.of("é" as Character), 1, "precomposed")
        XCTAssertEqual(DisplayWidth.of("e\u{301}" as Character), 1, "combining acute")
        XCTAssertEqual(DisplayWidth.of("\u{301}" as Character), 0, "lone combining mark")
        XCTAssertEqual(DisplayWidth.of("\u{200B}" as Character), 0, "zero width space")
        XCTAssertEqual(DisplayWidth.of("→" as Character), 1)
        XCTAssertEqual(DisplayWidth.of("naïve 日本 😀"), 6 + 4 + 1 + 2)
    }

    func testTruncate() {
        XCTAssertEqual(DisplayWidth.truncate("hello", to: 10), "hello")
        XCTAssertEqual(DisplayWidth.truncate("hello world", to: 6), "hello…")
        XCTAssertEqual(DisplayWidth.truncate("日本語です", to: 6), "日本…")
        XCTAssertEqual(DisplayWidth.truncate("日本語です", to: 5), "日本…")
        XCTAssertEqual(DisplayWidth.truncate("abc", to: 0), "")
        XCTAssertEqual(DisplayWidth.pad("ab", to: 4), "ab  ")
    }

    func testPutReturnsColumnsAndClips() {
        var canvas = Canvas(width: 10, height: 2)
        XCTAssertEqual(canvas.put("abc", x: 1, y: 0), 3)
        XCTAssertEqual(canvas.put("日本", x: 5, y: 0), 4)
        XCTAssertEqual(canvas.textLayer(), "ſabc 日本".replacingOccurrences(of: "ſ", with: " ") + "\n")
        XCTAssertEqual(canvas.put("anything", x: 0, y: 5), 0)
        XCTAssertEqual(canvas.put("abc", x: 20, y: 0), 0)
        XCTAssertEqual(canvas.put("abcdefghijkl", x: 0, y: 1), 10)
        XCTAssertEqual(canvas.textLayer().split(separator: "\n", omittingEmptySubsequences: false)[1], "abcdefghi…")
    }

    func testPutWithMaxWidthTruncatesWithEllipsis() {
        var canvas = Canvas(width: 20, height: 1)
        XCTAssertEqual(canvas.put("https://example.com/long", x: 0, y: 0, role: .link, maxWidth: 8), 8)
        XCTAssertEqual(canvas.textLayer(), "https:/…")
        XCTAssertEqual(canvas.rolesLayer(), "UUUUUUUU")
    }

    func testWideCharacterAtEdgeIsNotSplit() {
        var canvas = Canvas(width: 5, height: 1)
        XCTAssertEqual(canvas.put("abcd日", x: 0, y: 0), 5)
        XCTAssertEqual(canvas.textLayer(), "abcd…")
        var narrow = Canvas(width: 3, height: 1)
        XCTAssertEqual(narrow.put("日本", x: 0, y: 0), 3)
        XCTAssertEqual(narrow.textLayer(), "日…")
    }

    func testContinuationCellsAndOverwrites() {
        var canvas = Canvas(width: 6, height: 1)
        canvas.put("日本", x: 0, y: 0, role: .title)
        XCTAssertTrue(canvas[1, 0].isContinuation)
        XCTAssertEqual(canvas.rolesLayer(), "TTTT")
        // Overwrite the second half of 日: the first half must not be left orphaned.
        canvas.put("x", x: 1, y: 0)
        XCTAssertEqual(canvas.textLayer(), " x本")
        XCTAssertFalse(canvas[1, 0].isContinuation)
        // Overwrite the first half of 本: its continuation is blanked.
        canvas.put("y", x: 2, y: 0)
        XCTAssertEqual(canvas.textLayer(), " xy")
        XCTAssertFalse(canvas[3, 0].isContinuation)
    }

    func testCombiningMarksStayWithTheirBase() {
        var canvas = Canvas(width: 5, height: 1)
        XCTAssertEqual(canvas.put("e\u{301}a", x: 0, y: 0), 2)
        XCTAssertEqual(canvas[0, 0].grapheme, "e\u{301}")
        XCTAssertEqual(canvas.put("\u{301}z", x: 3, y: 0), 1, "a lone combining mark is skipped")
    }

    func testControlCharactersAreNeverDrawn() {
        var canvas = Canvas(width: 30, height: 1)
        canvas.put("a\u{1B}[31mb\u{07}c\u{9B}d\u{202E}e\tf\u{7F}", x: 0, y: 0)
        let text = canvas.textLayer()
        XCTAssertFalse(text.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) || $0.value == 0x202E })
        XCTAssertEqual(text, "a\u{FFFD}[31mb\u{FFFD}c\u{FFFD}d\u{FFFD}e f\u{FFFD}")
    }

    func testFillBoxAndRoles() {
        var canvas = Canvas(width: 8, height: 4)
        canvas.box(canvas.bounds, title: "Hi")
        XCTAssertEqual(canvas.textLayer(), "┌─ Hi ─┐\n│      │\n│      │\n└──────┘")
        XCTAssertEqual(canvas.rolesLayer(), "##TTTT##\n#......#\n#......#\n########")
        canvas.fill(Rect(x: 1, y: 1, width: 3, height: 1), with: "x", role: .error)
        XCTAssertEqual(canvas.rolesLayer().split(separator: "\n")[1], "#EEE...#")
        canvas.setRole(.focusRow, in: Rect(x: 1, y: 2, width: 6, height: 1))
        XCTAssertEqual(canvas.rolesLayer().split(separator: "\n")[2], "#RRRRRR#")
    }

    func testAsciiGlyphs() {
        var canvas = Canvas(width: 4, height: 2, glyphs: .ascii)
        canvas.box(canvas.bounds)
        XCTAssertEqual(canvas.textLayer(), "+--+\n+--+")
        XCTAssertEqual(Spinner.frame(5, glyphs: .ascii), "/")
    }

    func testRoleLettersAreUnique() {
        let letters = Role.allCases.map(\.snapshotLetter)
        XCTAssertEqual(Set(letters).count, letters.count)
        XCTAssertEqual(Role.allCases.count, 28)
    }

    func testTextWrap() {
        XCTAssertEqual(TextWrap.wrap("the quick brown fox", width: 10), ["the quick", "brown fox"])
        XCTAssertEqual(TextWrap.wrap("abcdefghijkl", width: 5), ["abcde", "fghij", "kl"])
        XCTAssertEqual(TextWrap.wrap("a\n\nb", width: 5), ["a", "", "b"])
        XCTAssertEqual(TextWrap.wrap("日本語のテキスト", width: 6), ["日本語", "のテキ", "スト"])
    }

    func testRect() {
        XCTAssertEqual(Rect(x: 0, y: 0, width: 80, height: 24).centered(width: 40, height: 10), Rect(x: 20, y: 7, width: 40, height: 10))
        XCTAssertEqual(Rect(x: 0, y: 0, width: 10, height: 10).inset(dx: 2, dy: 1), Rect(x: 2, y: 1, width: 6, height: 8))
    }
}

/// Without a UTF-8 locale nothing beyond ASCII can be drawn: text is spelled in ASCII instead
/// of losing characters.
final class ASCIIFallbackTests: XCTestCase {
    func testTypographyIsSpelledInASCIIAndTheRestMarked() {
        var canvas = Canvas(width: 60, height: 1, glyphs: .ascii)
        canvas.put("sk_… (manual) ✓ Step 1 · Connect → Café", x: 0, y: 0)
        XCTAssertEqual(canvas.textLayer(), "sk_... (manual) + Step 1 - Connect -> Caf?")
    }

    /// Arrow pairs read as words ("^v" would read as Ctrl-V), a cross is X (x is a ticked box).
    func testArrowPairsAndCrossesReadUnambiguously() {
        var canvas = Canvas(width: 60, height: 1, glyphs: .ascii)
        canvas.put("↑↓ move  ←→ level  ↓ / ↑ next  ✗ refused", x: 0, y: 0)
        XCTAssertEqual(canvas.textLayer(), "Up/Dn move  Left/Right level  Dn / Up next  X refused")
    }

    func testAUnicodeSurfaceKeepsTheText() {
        var canvas = Canvas(width: 20, height: 1)
        canvas.put("sk_… ✓ Café", x: 0, y: 0)
        XCTAssertEqual(canvas.textLayer(), "sk_… ✓ Café")
    }
}
