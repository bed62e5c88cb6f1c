import XCTest
@testable import SetupCore

/// `DisplayText.sanitize` on a table of hostile inputs: whatever the network sends, the
/// result holds no control character, escape or bidi control, and the readable text stays.
final class DisplayTextHostileTests: XCTestCase {
    /// (what, input, expected output)
    static let table: [(String, String, String)] = [
        ("plain", "Acme Store", "Acme Store"),
        ("CSI clear screen", "Evil\u{1B}[2JCorp", "EvilCorp"),
        ("CSI colour with parameters", "\u{1B}[1;31mRed\u{1B}[0m text", "Red text"),
        ("CSI private mode (hide cursor)", "a\u{1B}[?25lb", "ab"),
        ("OSC title ended by BEL", "x\u{1B}]0;pwned\u{07}y", "xy"),
        ("OSC title ended by ST (ESC \\)", "x\u{1B}]2;pwned\u{1B}\\y", "xy"),
        ("OSC 52 clipboard write", "copy\u{1B}]52;c;ZWNobyBwd25lZA==\u{07}me", "copyme"),
        ("OSC 8 hyperlink", "\u{1B}]8;;https://evil.example\u{1B}\\click\u{1B}]8;;\u{1B}\\", "click"),
        ("OSC ended by C1 ST", "x\u{1B}]0;t\u{9C}y", "xy"),
        ("DCS ended by ST", "a\u{1B}P1$qm\u{1B}\\b", "ab"),
        ("APC and PM", "a\u{1B}_apc\u{1B}\\b\u{1B}^pm\u{1B}\\c", "abc"),
        ("two-byte escape (RIS)", "a\u{1B}cb", "ab"),
        ("lone ESC at the end", "name\u{1B}", "name"),
        ("ESC [ at the end", "name\u{1B}[", "name"),
        ("unterminated OSC", "name\u{1B}]0;never ends", "name"),
        ("C1 CSI 0x9B", "a\u{9B}31mb", "ab"),
        ("C1 NEL and others", "a\u{85}b\u{90}c\u{9D}d", "abcd"),
        ("DEL", "a\u{7F}b", "ab"),
        ("NUL", "a\u{00}b", "ab"),
        ("BEL alone", "ding\u{07}", "ding"),
        ("backspace overstrike", "safe\u{08}\u{08}\u{08}\u{08}evil", "safeevil"),
        ("newline, CR and tab become spaces", "a\nb\r\nc\td", "a b  c d"),
        ("bidi override (RLO)", "Corp\u{202E}gnp.exe", "Corpgnp.exe"),
        ("bidi embeddings and pop", "a\u{202A}b\u{202B}c\u{202C}d\u{202D}e", "abcde"),
        ("bidi isolates", "a\u{2066}b\u{2067}c\u{2068}d\u{2069}e", "abcde"),
        ("bidi marks", "a\u{200E}b\u{200F}c\u{061C}d", "abcd"),
        ("non-ASCII stays", "Zürich Ünïcode 日本 Team", "Zürich Ünïcode 日本 Team"),
        ("ZWJ emoji sequence survives", "team 👩‍💻 ok", "team 👩‍💻 ok"),
        ("family emoji survives", "👨‍👩‍👧‍👦", "👨‍👩‍👧‍👦"),
        ("flag and skin tone survive", "🇨🇭 👍🏽", "🇨🇭 👍🏽"),
        ("combining marks survive", "e\u{301}te\u{301}", "e\u{301}te\u{301}"),
    ]

    func testTableOfHostileInputs() {
        for (what, input, expected) in Self.table {
            let output = DisplayText.sanitize(input)
            XCTAssertEqual(output, expected, what)
            XCTAssertNil(firstForbidden(output), "\(what): \(output.debugDescription)")
        }
    }

    func testZeroWidthJoinersAreKept() {
        let output = DisplayText.sanitize("👩‍💻")
        XCTAssertTrue(output.unicodeScalars.contains("\u{200D}"))
        XCTAssertEqual(output.count, 1, "still one grapheme")
    }

    func testLongValuesAreCutWithAnEllipsis() {
        let long = String(repeating: "abcdefghij", count: 50)
        let output = DisplayText.sanitize(long, limit: 80)
        XCTAssertEqual(output.count, 80)
        XCTAssertTrue(output.hasSuffix("…"))
        XCTAssertEqual(DisplayText.sanitize(long, limit: 1), "…")
        XCTAssertEqual(DisplayText.sanitize("short", limit: 80), "short")
        // The limit counts what is left after cleaning, so escapes do not eat the budget.
        XCTAssertEqual(DisplayText.sanitize("\u{1B}[31m" + String(repeating: "x", count: 10) + "\u{1B}[0m", limit: 10),
                       String(repeating: "x", count: 10))
        // Cutting never splits a grapheme.
        let emoji = String(repeating: "👩‍💻", count: 30)
        let cut = DisplayText.sanitize(emoji, limit: 10)
        XCTAssertEqual(cut, String(repeating: "👩‍💻", count: 9) + "…")
    }

    func testZeroAndNegativeLimitsDoNotTrap() {
        XCTAssertEqual(DisplayText.sanitize("abc", limit: 0), "…")
        XCTAssertEqual(DisplayText.sanitize("abc", limit: -5), "…")
        XCTAssertEqual(DisplayText.sanitize("", limit: 0), "")
    }

    /// Random mixes of dangerous pieces: the output is always clean.
    func testRandomMixesAreAlwaysClean() {
        let pieces = ["\u{1B}", "[", "]", "P", "_", "^", "\u{07}", "\u{9B}", "\u{9C}", "\u{9D}", "\\", "0;", "52;c;", "m", "~",
                      "\u{7F}", "\u{00}", "\n", "\r", "\t", "\u{202E}", "\u{2066}", "\u{200F}", "a", "日", "👩‍💻", "e\u{301}", "\u{200D}"]
        var seed: UInt64 = 0x5EED_D15C
        for round in 0..<2_000 {
            var text = ""
            for _ in 0..<Int(next(&seed) % 24) { text += pieces[Int(next(&seed) % UInt64(pieces.count))] }
            let limit = Int(next(&seed) % 30)
            let output = DisplayText.sanitize(text, limit: limit)
            XCTAssertNil(firstForbidden(output), "round \(round), input \(text.debugDescription) → \(output.debugDescription)")
            XCTAssertLessThanOrEqual(output.count, max(limit, 1), "round \(round)")
        }
    }

    private func firstForbidden(_ text: String) -> Unicode.Scalar? {
        text.unicodeScalars.first { scalar in
            switch scalar.value {
            case 0x00...0x1F, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C: true
            default: false
            }
        }
    }

    /// SplitMix64.
    private func next(_ state: inout UInt64) -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
