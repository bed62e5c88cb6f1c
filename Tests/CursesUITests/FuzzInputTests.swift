import Foundation
import XCTest
@testable import CursesUI
@testable import SetupCore

/// A deterministic PRNG (SplitMix64) for the seeded random-input tests. Every failure
/// message carries `seedText`, so a failing run can be replayed by putting that seed back.
struct FuzzRandom {
    let seed: UInt64
    private var state: UInt64

    init(seed: UInt64) {
        self.seed = seed
        self.state = seed
    }

    var seedText: String { "seed 0x\(String(seed, radix: 16, uppercase: true))" }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in `range` (small ranges; the modulo bias does not matter here).
    mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.upperBound - range.lowerBound + 1))
    }

    mutating func chance(_ percent: Int) -> Bool { int(0...99) < percent }

    mutating func pick<T>(_ items: [T]) -> T { items[int(0...(items.count - 1))] }

    mutating func bool() -> Bool { next() & 1 == 1 }
}

/// Text made to hurt: wide, combining, joined, control, bidi.
enum FuzzText {
    static let graphemes: [String] = [
        "a", "Z", "0", " ", "-", "/", "~", "é", "e\u{301}", "\u{301}", "\u{20DD}", "ß",
        "日", "本", "語", "한", "ｱ", "👩‍💻", "👨‍👩‍👧‍👦", "🇨🇭", "👍🏽", "\u{200D}", "\u{FE0F}",
        "\t", "\n", "\r\n", "\u{1B}", "\u{1B}[31m", "\u{07}", "\u{7F}", "\u{00}", "\u{9B}", "\u{85}",
        "\u{202E}", "\u{2066}", "\u{200F}", "\u{2028}", "\u{FEFF}", "\u{E000}", "\u{10FFFF}",
    ]

    static func random(_ rng: inout FuzzRandom, length: Int) -> String {
        var text = ""
        text.reserveCapacity(length * 2)
        for _ in 0..<length { text += rng.pick(graphemes) }
        return text
    }

    /// Mostly harmless letters with the odd nasty piece, for very long pastes.
    static func paste(_ rng: inout FuzzRandom, length: Int) -> String {
        let plain = Array("abcdefghijklmnopqrstuvwxyz0123456789 ")
        var text = ""
        text.reserveCapacity(length + 64)
        for _ in 0..<length {
            if rng.chance(3) { text += rng.pick(graphemes) } else { text.append(rng.pick(plain)) }
        }
        return text
    }
}

/// Seeded random input to the terminal layer: the key decoder and the text field.
final class FuzzInputTests: XCTestCase {
    // MARK: KeyDecoder

    static let knownCodes: [Int32] = {
        let c = KeyCodeTable.standard
        return [c.down, c.up, c.left, c.right, c.home, c.end, c.backspace, c.delete, c.pageDown, c.pageUp,
                c.enter, c.backTab, c.resize, c.f0, c.f0 + 1, c.f0 + 12, c.f0 + 63, c.f0 + 64]
    }()

    /// One random burst of raw input.
    static func rawChunk(_ rng: inout FuzzRandom) -> [RawInput] {
        switch rng.int(0...15) {
        case 0: return [.char(UInt32(truncatingIfNeeded: rng.next()))]                  // anything, mostly invalid
        case 1: return [.char(UInt32(rng.int(0xD800...0xDFFF)))]                         // lone surrogates as numbers
        case 2: return [.char(UInt32(rng.int(0x110000...0x7FFF_FFFF)))]                  // past Unicode
        case 3: return [.char(UInt32(rng.pick([0, 1, 3, 7, 8, 9, 10, 13, 21, 23, 26, 27, 28, 31, 127, 0x85, 0x9B, 0x9C, 0x9F])))]
        case 4: return [.keyCode(rng.pick(knownCodes))]
        case 5: return [.keyCode(Int32(truncatingIfNeeded: rng.next()))]
        case 6: return [.keyCode(rng.pick([Int32.min, Int32.max, -1, 0, 0o777, 0o632]))]
        case 7: // partial or odd escape sequences
            return RawInput.chars(rng.pick(["\u{1B}", "\u{1B}[", "\u{1B}[1;", "\u{1B}[1;5", "\u{1B}O", "\u{1B}[200",
                                           "\u{1B}[201~", "\u{1B}[Z", "\u{1B}[3~", "\u{1B}[99~", "\u{1B}\u{1B}",
                                           "\u{1B}[" + String(repeating: "9", count: 40), "\u{1B}[1;5A", "\u{1B}OB",
                                           "\u{1B}[\u{7F}", "\u{1B}[日", "\u{1B}O\u{1B}"]))
        case 8: // ESC then a key code, or a key code inside a CSI
            return [.char(0x1B), .char(0x5B), .keyCode(rng.pick(knownCodes))]
        case 9: // bracketed paste start without an end
            return RawInput.chars("\u{1B}[200~") + RawInput.chars(FuzzText.random(&rng, length: rng.int(0...40)))
        case 10: // a 10,000-character paste, ended or not, with key codes mixed in
            var inputs = RawInput.chars("\u{1B}[200~") + RawInput.chars(FuzzText.paste(&rng, length: 10_000))
            if rng.chance(30) { inputs.insert(.keyCode(rng.pick(knownCodes)), at: rng.int(6...(inputs.count - 1))) }
            if rng.bool() { inputs += RawInput.chars("\u{1B}[201~") }
            return inputs
        case 11: // a paste end marker split by something else
            return RawInput.chars("\u{1B}[2") + [.keyCode(KeyCodeTable.standard.enter)] + RawInput.chars("01~")
        default:
            return RawInput.chars(FuzzText.random(&rng, length: rng.int(1...8)))
        }
    }

    func testKeyDecoderNeverTrapsAndAlwaysEndsInIdle() {
        var rng = FuzzRandom(seed: 0xDEC0_DE12_3456_789A)
        for round in 0..<60 {
            var decoder = KeyDecoder()
            var fed = 0
            var events: [KeyEvent] = []
            let length = rng.int(500...3_000)
            while fed < length {
                for input in Self.rawChunk(&rng) {
                    events += decoder.feed(input)
                    fed += 1
                }
                // Now and then the input pauses: the caller flushes.
                if rng.chance(5) {
                    events += decoder.flush()
                    XCTAssertFalse(decoder.isPending, "\(rng.seedText), round \(round): flush leaves nothing pending")
                }
            }
            events += decoder.flush()
            XCTAssertFalse(decoder.isPending, "\(rng.seedText), round \(round)")
            XCTAssertFalse(decoder.isInPaste, "\(rng.seedText), round \(round)")
            XCTAssertFalse(events.isEmpty, "\(rng.seedText), round \(round): input always gives events")
            XCTAssertLessThanOrEqual(events.count, fed, "\(rng.seedText), round \(round): no event out of nothing")
            for event in events {
                switch event {
                case .character(let c):
                    XCTAssertFalse(c.unicodeScalars.contains(where: SafeText.isUnsafe),
                                   "\(rng.seedText), round \(round): a character event is never a control: \(c.unicodeScalars.map { $0.value })")
                case .paste(let text):
                    XCTAssertLessThanOrEqual(text.unicodeScalars.count, KeyDecoder.maxPasteScalars, "\(rng.seedText)")
                case .function(let n):
                    XCTAssertTrue((1...63).contains(n), "\(rng.seedText): F\(n)")
                case .control(let c):
                    XCTAssertTrue(("a"..."z").contains(c), "\(rng.seedText): Ctrl-\(c)")
                default:
                    break
                }
            }
        }
    }

    func testEveryNonEmptyInputDecodesToAtLeastOneEvent() {
        var rng = FuzzRandom(seed: 0x0E0E_5EED)
        for round in 0..<3_000 {
            var inputs: [RawInput] = []
            for _ in 0..<rng.int(1...3) { inputs += Self.rawChunk(&rng).prefix(64) }
            let events = KeyDecoder.decodeAll(inputs)
            XCTAssertFalse(events.isEmpty, "\(rng.seedText), round \(round): \(inputs.prefix(20))")
        }
    }

    func testATenThousandCharacterPasteArrivesWhole() {
        var rng = FuzzRandom(seed: 0x9A57E)
        for round in 0..<5 {
            let text = String((0..<10_000).map { _ in rng.pick(Array("abcdefghij klmnop日本👍")) })
            let events = KeyDecoder.decodeAll(RawInput.chars("\u{1B}[200~" + text + "\u{1B}[201~"))
            XCTAssertEqual(events, [.paste(text)], "\(rng.seedText), round \(round)")
            // Without the end marker, a flush delivers what arrived.
            let cut = KeyDecoder.decodeAll(RawInput.chars("\u{1B}[200~" + text))
            XCTAssertEqual(cut, [.paste(text)], "\(rng.seedText), round \(round)")
        }
    }

    // MARK: TextField

    static let otherKeys: [KeyEvent] = [
        .left, .right, .home, .end, .backspace, .delete, .enter, .tab, .escape, .up, .down,
        .control("a"), .control("e"), .control("u"), .control("k"), .control("w"), .control("d"),
        .control("r"), .unknown, .resize, .function(1), .pageUp, .backTab,
    ]

    static func randomKey(_ rng: inout FuzzRandom) -> KeyEvent {
        switch rng.int(0...29) {
        case 0...11: return .character(Character(rng.pick(FuzzText.graphemes.filter { $0.count == 1 })))
        case 12: return .paste(FuzzText.paste(&rng, length: 10_000))
        case 13, 14: return .paste(FuzzText.random(&rng, length: rng.int(0...30)))
        case 15: return .paste("  \n\t" + FuzzText.random(&rng, length: rng.int(1...5)) + " \r\n")
        default:
            return rng.pick(otherKeys)
        }
    }

    func testTextFieldKeepsItsCursorInRangeAndRendersAtAnyWidth() {
        var rng = FuzzRandom(seed: 0x7E47_F1E1_D000_0001)
        for round in 0..<30 {
            let initial = rng.bool() ? "" : FuzzText.random(&rng, length: rng.int(0...20))
            let placeholder = rng.bool() ? "" : "placeholder 日本"
            let isMasked = rng.chance(30), allowsReveal = rng.bool(), rejectsWhitespace = rng.chance(30)
            let maxLength: Int? = rng.chance(30) ? rng.int(0...200) : nil
            _ = rng.bool()  // drew whether the field had a validator (gone): the same fields as before
            var field = TextField(text: initial, placeholder: placeholder, isMasked: isMasked, allowsReveal: allowsReveal,
                                  rejectsWhitespaceInside: rejectsWhitespace, maxLength: maxLength)
            for step in 0..<150 {
                let key = Self.randomKey(&rng)
                let before = field.text.count
                _ = field.handle(key)
                let context = "\(rng.seedText), round \(round), step \(step), key \(key.displayName)"
                XCTAssertTrue(field.cursor >= 0 && field.cursor <= field.text.count,
                              "\(context): cursor \(field.cursor) of \(field.text.count)")
                let after = field.text.count
                if let maxLength = field.maxLength, after > maxLength, after > before {
                    XCTFail("\(context): grew past maxLength \(maxLength) to \(after)")
                }
                if rng.chance(20) { field.layout(width: rng.int(0...120)) }
                if rng.chance(25) {
                    let width = rng.int(1...120)
                    let rect = Rect(x: rng.int(0...10), y: rng.int(0...3), width: width, height: rng.int(1...2))
                    var canvas = Canvas(width: rect.maxX + rng.int(0...5), height: rect.maxY + 1)
                    field.render(into: &canvas, at: rect, focused: rng.bool())
                    let cursor = field.cursorPosition(in: rect)
                    XCTAssertTrue(rect.contains(x: cursor.x, y: cursor.y), "\(context): cursor \(cursor) outside \(rect)")
                    XCTAssertTrue(InertCanvas.problems(in: canvas).isEmpty, "\(context): \(InertCanvas.problems(in: canvas).prefix(3))")
                }
                // Keep it long but bounded, so the suite stays fast.
                if field.text.count > 25_000 { _ = field.handle(.control("u")); _ = field.handle(.control("k")) }
            }
        }
    }
}
