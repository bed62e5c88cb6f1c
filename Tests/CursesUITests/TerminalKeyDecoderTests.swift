import XCTest
@testable import CursesUI

final class TerminalKeyDecoderTests: XCTestCase {
    private func decode(_ inputs: [RawInput]) -> [KeyEvent] { KeyDecoder.decodeAll(inputs) }
    private func decode(_ text: String) -> [KeyEvent] { decode(RawInput.chars(text)) }
    private let codes = KeyCodeTable.standard

    func testPrintableCharacters() {
        XCTAssertEqual(decode("aZ9 /"), [.character("a"), .character("Z"), .character("9"), .character(" "), .character("/")])
        XCTAssertEqual(decode("日本"), [.character("日"), .character("本")])
        XCTAssertEqual(decode("😀"), [.character("😀")])
    }

    func testControlCharacters() {
        XCTAssertEqual(decode("\r\n\t"), [.enter, .enter, .tab])
        XCTAssertEqual(decode([.char(0x7F), .char(0x08)]), [.backspace, .backspace])
        XCTAssertEqual(decode([.char(0x03), .char(0x01), .char(0x05), .char(0x15), .char(0x17), .char(0x12)]),
                       [.control("c"), .control("a"), .control("e"), .control("u"), .control("w"), .control("r")])
        XCTAssertEqual(decode([.char(0x00), .char(0x1C), .char(0x1F)]), [.unknown, .unknown, .unknown])
    }

    func testC1AndInvalidScalarsAreUnknown() {
        XCTAssertEqual(decode([.char(0x85), .char(0x9B), .char(0xD800), .char(0x110000), .char(UInt32.max)]),
                       [.unknown, .unknown, .unknown, .unknown, .unknown])
        // Bidi override typed or injected is not a key.
        XCTAssertEqual(decode([.char(0x202E)]), [.unknown])
    }

    func testCursesKeyCodes() {
        let inputs: [RawInput] = [codes.up, codes.down, codes.left, codes.right, codes.home, codes.end,
                                  codes.pageUp, codes.pageDown, codes.backspace, codes.delete, codes.enter,
                                  codes.backTab, codes.resize, codes.f0 + 1, codes.f0 + 12].map { .keyCode($0) }
        XCTAssertEqual(decode(inputs), [.up, .down, .left, .right, .home, .end, .pageUp, .pageDown, .backspace,
                                        .delete, .enter, .backTab, .resize, .function(1), .function(12)])
        XCTAssertEqual(decode([.keyCode(0o631), .keyCode(-5), .keyCode(Int32.max)]), [.unknown, .unknown, .unknown])
    }

    func testLoneEscapeIsEscapeAfterFlush() {
        var decoder = KeyDecoder()
        XCTAssertEqual(decoder.feed(.char(0x1B)), [])
        XCTAssertTrue(decoder.isPending)
        XCTAssertEqual(decoder.flush(), [.escape])
        XCTAssertFalse(decoder.isPending)
        XCTAssertEqual(decoder.flush(), [])
    }

    func testDoubleEscape() {
        XCTAssertEqual(decode("\u{1B}\u{1B}"), [.escape, .escape])
    }

    func testEscapeThenLetterKeepsBoth() {
        XCTAssertEqual(decode("\u{1B}q"), [.escape, .character("q")])
        XCTAssertEqual(decode([.char(0x1B), .keyCode(codes.down)]), [.escape, .down])
    }

    func testApplicationModeArrows() {
        XCTAssertEqual(decode("\u{1B}OA\u{1B}OB\u{1B}OC\u{1B}OD\u{1B}OH\u{1B}OF"), [.up, .down, .right, .left, .home, .end])
        XCTAssertEqual(decode("\u{1B}OP\u{1B}OS\u{1B}OM"), [.function(1), .function(4), .enter])
    }

    func testCSISequences() {
        XCTAssertEqual(decode("\u{1B}[A\u{1B}[B\u{1B}[C\u{1B}[D"), [.up, .down, .right, .left])
        XCTAssertEqual(decode("\u{1B}[Z"), [.backTab])
        XCTAssertEqual(decode("\u{1B}[H\u{1B}[F\u{1B}[1~\u{1B}[4~\u{1B}[7~\u{1B}[8~"), [.home, .end, .home, .end, .home, .end])
        XCTAssertEqual(decode("\u{1B}[3~\u{1B}[5~\u{1B}[6~"), [.delete, .pageUp, .pageDown])
        XCTAssertEqual(decode("\u{1B}[11~\u{1B}[15~\u{1B}[17~\u{1B}[24~"), [.function(1), .function(5), .function(6), .function(12)])
        XCTAssertEqual(decode("\u{1B}[1;5A\u{1B}[1;2B"), [.up, .down], "modifiers are ignored")
        XCTAssertEqual(decode("\u{1B}[2~\u{1B}[99~\u{1B}[?1;2c"), [.unknown, .unknown, .unknown])
    }

    func testCutOffSequencesBecomeUnknown() {
        XCTAssertEqual(decode("\u{1B}["), [.unknown])
        XCTAssertEqual(decode("\u{1B}[12;"), [.unknown])
        XCTAssertEqual(decode("\u{1B}O"), [.unknown])
        // A control character inside a sequence aborts it and is decoded itself.
        XCTAssertEqual(decode("\u{1B}[1\r"), [.unknown, .enter])
        XCTAssertEqual(decode([.char(0x1B), .char(0x5B), .keyCode(codes.up)]), [.unknown, .up])
        XCTAssertEqual(decode([.char(0x1B), .char(0x4F), .char(0xD800)]), [.unknown, .unknown])
    }

    func testOverlongCSIIsDropped() {
        let events = decode("\u{1B}[" + String(repeating: "1", count: 100) + "A" + "x")
        XCTAssertEqual(events.last, .character("x"))
        XCTAssertTrue(events.dropLast().allSatisfy { $0 == .unknown || $0 == .character("1") || $0 == .character("A") })
    }

    func testSequenceFollowedByTyping() {
        XCTAssertEqual(decode("a\u{1B}[Bb"), [.character("a"), .down, .character("b")])
    }

    func testBracketedPasteIsOneEvent() {
        XCTAssertEqual(decode("\u{1B}[200~hello world\u{1B}[201~"), [.paste("hello world")])
        XCTAssertEqual(decode("x\u{1B}[200~ab\u{1B}[201~y"), [.character("x"), .paste("ab"), .character("y")])
    }

    func testPasteKeepsEscapesAndNormalisesLineEnds() {
        XCTAssertEqual(decode("\u{1B}[200~a\r\nb\rc\nd\u{1B}[A\u{1B}[201~"), [.paste("a\nb\nc\nd\u{1B}[A")])
        XCTAssertEqual(decode("\u{1B}[200~\u{1B}[201~"), [.paste("")])
    }

    func testPasteWithKeyCodesInside() {
        var inputs = RawInput.chars("\u{1B}[200~a")
        inputs += [.keyCode(codes.enter), .keyCode(codes.down)]
        inputs += RawInput.chars("b\u{1B}[201~")
        XCTAssertEqual(decode(inputs), [.paste("a\nb")])
    }

    func testUnterminatedPasteFlushesWhatArrived() {
        var decoder = KeyDecoder()
        for input in RawInput.chars("\u{1B}[200~secret-key") { XCTAssertEqual(decoder.feed(input), []) }
        XCTAssertTrue(decoder.isInPaste)
        XCTAssertEqual(decoder.flush(), [.paste("secret-key")])
        XCTAssertFalse(decoder.isInPaste)
    }

    func testPasteContainingPartialEndMarker() {
        XCTAssertEqual(decode("\u{1B}[200~a\u{1B}[201b\u{1B}[201~"), [.paste("a\u{1B}[201b")])
    }

    func testHugePasteIsCappedButEnds() {
        var decoder = KeyDecoder()
        _ = RawInput.chars("\u{1B}[200~").map { decoder.feed($0) }
        for _ in 0..<(KeyDecoder.maxPasteScalars + 1000) { _ = decoder.feed(.char(0x61)) }
        var events: [KeyEvent] = []
        for input in RawInput.chars("\u{1B}[201~z") { events += decoder.feed(input) }
        XCTAssertEqual(events.count, 2)
        guard case .paste(let text) = events[0] else { return XCTFail("expected paste") }
        XCTAssertEqual(text.unicodeScalars.count, KeyDecoder.maxPasteScalars)
        XCTAssertEqual(events[1], .character("z"))
    }

    func testRandomInputNeverCrashes() {
        var rng = SystemRandomNumberGenerator()
        var decoder = KeyDecoder()
        for _ in 0..<20_000 {
            let input: RawInput = Bool.random(using: &rng)
                ? .keyCode(Int32.random(in: -10...1000, using: &rng))
                : .char([0x1B, 0x5B, 0x4F, 0x7E, 0x32, 0x30, 0x31, UInt32.random(in: 0...0x11_0000, using: &rng)].randomElement(using: &rng)!)
            _ = decoder.feed(input)
        }
        _ = decoder.flush()
        XCTAssertFalse(decoder.isPending)
    }

    func testDisplayNames() {
        XCTAssertEqual(KeyEvent.control("c").displayName, "Ctrl-C")
        XCTAssertEqual(KeyEvent.backTab.displayName, "Shift-Tab")
        XCTAssertEqual(KeyEvent.character(" ").displayName, "Space")
    }
}
