import XCTest
@testable import CursesUI
#if canImport(Glibc)
import Glibc
#endif

/// `DisplayWidth` against the C library's `wcwidth`, which ncurses uses to place cells.
final class DisplayWidthTests: XCTestCase {
    /// Every scalar the C library knows (wcwidth 0, 1 or 2) has the same width alone as a
    /// grapheme, except U+0000: a control, drawn as U+FFFD like the others (one column),
    /// though wcwidth gives it 0.
    func testEveryScalarAgreesWithWcwidth() throws {
        #if canImport(Glibc)
        let wcwidth = try cLibraryWcwidth()
        var checked = 0
        var disagreements = 0
        var first: [String] = []
        for value in UInt32(1)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue } // surrogates
            let expected = Int(wcwidth(Int32(bitPattern: value)))
            guard expected >= 0 else { continue }
            checked += 1
            let actual = DisplayWidth.of(Character(scalar))
            if actual != expected {
                disagreements += 1
                if first.count < 20 { first.append("\(Self.name(value)): \(actual), wcwidth \(expected)") }
            }
        }
        XCTAssertGreaterThan(checked, 200_000, "the C.UTF-8 locale gave almost no widths")
        XCTAssertEqual(disagreements, 0, """
            DisplayWidth disagrees with this C library's wcwidth on \(disagreements) of \(checked) scalars \
            (the table is from \(DisplayWidth.widthTableSource); regenerate it with \
            scripts/generate-width-table if the C library is newer). First ones:
            \(first.joined(separator: "\n"))
            """)
        #else
        XCTFail("DisplayWidth is checked against glibc's wcwidth, which ncurses uses; only Linux is built and tested")
        #endif
    }

    /// Scalars the C library has no width for keep the earlier rule.
    func testScalarsWithoutWcwidthKeepTheEarlierRule() {
        XCTAssertEqual(DisplayWidth.of("\u{0}" as Character), 1, "U+0000 is drawn as U+FFFD")
        XCTAssertEqual(DisplayWidth.of("\u{1B}" as Character), 1, "controls are drawn as U+FFFD")
        XCTAssertEqual(DisplayWidth.of("\u{85}" as Character), 1, "C1 control")
        XCTAssertEqual(DisplayWidth.of("\u{2028}" as Character), 1, "line separator")
        XCTAssertEqual(DisplayWidth.of("\u{378}" as Character), 1, "unassigned")
        XCTAssertEqual(DisplayWidth.of("\u{2FFFD}" as Character), 2, "unassigned, in the CJK plane")
        XCTAssertEqual(DisplayWidth.of("\u{1FAE8}" as Character), 2, "an emoji newer than the table (Unicode 15)")
    }

    /// The widths the issue found wrong, and the grapheme clusters, as ncurses places them.
    func testWidthsAsNcursesPlacesThem() {
        XCTAssertEqual(DisplayWidth.of("\u{16F00}" as Character), 1, "Miao, narrow")
        XCTAssertEqual(DisplayWidth.of("\u{17000}" as Character), 2, "Tangut")
        XCTAssertEqual(DisplayWidth.of("\u{1B000}" as Character), 2, "Kana Supplement")
        XCTAssertEqual(DisplayWidth.of("\u{4DC0}" as Character), 2, "Yijing hexagram")
        XCTAssertEqual(DisplayWidth.of("\u{1F321}" as Character), 1, "thermometer: text-style pictograph")
        XCTAssertEqual(DisplayWidth.of("\u{1F1EB}" as Character), 1, "regional indicator")
        XCTAssertEqual(DisplayWidth.of("\u{D7B0}" as Character), 0, "Hangul Jamo Extended-B vowel")
        XCTAssertEqual(DisplayWidth.of("\u{AD}" as Character), 1, "soft hyphen")
        // A cluster is as wide as its first scalar: the rest goes into the same cchar_t.
        XCTAssertEqual(DisplayWidth.of("e\u{301}" as Character), 1)
        XCTAssertEqual(DisplayWidth.of("\u{1100}\u{1161}\u{11A8}" as Character), 2, "conjoining jamo")
        XCTAssertEqual(DisplayWidth.of("👩‍💻" as Character), 2)
        XCTAssertEqual(DisplayWidth.of("👍🏽" as Character), 2)
        XCTAssertEqual(DisplayWidth.of("❤️" as Character), 1, "U+2764 is narrow; U+FE0F does not widen it for ncurses")
        XCTAssertEqual(DisplayWidth.of("🇫🇷" as Character), 1, "ncurses keeps the first regional indicator only")
        XCTAssertEqual(DisplayWidth.of("\u{301}" as Character), 0)
    }

    /// The table is sorted, its runs do not overlap, and its codes are 0, 2 or unknown.
    func testTableIsWellFormed() {
        let table = DisplayWidth.widthTable
        XCTAssertEqual(table.count % 3, 0)
        var previousLast: Int64 = -1
        for run in stride(from: 0, to: table.count, by: 3) {
            XCTAssertLessThanOrEqual(table[run], table[run + 1], "run at \(run / 3)")
            XCTAssertGreaterThan(Int64(table[run]), previousLast, "run at \(run / 3)")
            XCTAssertTrue([0, 2, DisplayWidth.unknownWidth].contains(table[run + 2]), "run at \(run / 3)")
            previousLast = Int64(table[run + 1])
        }
        XCTAssertLessThanOrEqual(previousLast, 0x10FFFF)
    }

    private static func name(_ value: UInt32) -> String {
        let hex = String(value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    #if canImport(Glibc)
    /// glibc's `wcwidth` under LC_CTYPE=C.UTF-8 (the Glibc module does not import it, so it is
    /// looked up by name). The test's locale is restored afterwards.
    private func cLibraryWcwidth() throws -> @convention(c) (Int32) -> Int32 {
        let saved = setlocale(LC_CTYPE, nil).map { String(cString: $0) } ?? "C"
        addTeardownBlock { _ = setlocale(LC_CTYPE, saved) }
        // Neither can be missing where bbclerk runs: ncurses needs both for wide characters.
        guard setlocale(LC_CTYPE, "C.UTF-8") != nil else { throw WidthCheckFailure("the C library has no C.UTF-8 locale") }
        guard let symbol = dlsym(dlopen(nil, RTLD_NOW), "wcwidth") else { throw WidthCheckFailure("the C library has no wcwidth") }
        return unsafeBitCast(symbol, to: (@convention(c) (Int32) -> Int32).self)
    }
    #endif
}

/// A broken test environment, as a failure (never a skip, which CI would count as passing).
private struct WidthCheckFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
