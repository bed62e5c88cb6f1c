/// Turns a stream of `get_wch` results into `KeyEvent`s. Pure: no curses, no clock.
///
/// ncurses (with `keypad` on) already turns the escape sequences it knows from terminfo into
/// key codes, but anything it does not recognise arrives as ESC followed by plain characters:
/// bracketed paste markers, `ESC [ Z` on some terminals, application-mode arrows when the
/// terminfo entry and the terminal disagree. This decoder handles those too.
///
/// Feed inputs one at a time with `feed(_:)`. When it `isPending` (in the middle of an
/// escape sequence or a paste) and no more input arrives in time, call `flush()`: a lone ESC
/// becomes `.escape`, a cut-off sequence `.unknown`, a cut-off paste the text so far.
/// It never traps, whatever it is fed.
public struct KeyDecoder: Sendable {
    private enum State: Sendable, Equatable {
        case idle
        /// Saw ESC, waiting for the next byte.
        case escape
        /// Saw `ESC [`; collecting parameter and intermediate bytes.
        case csi(String)
        /// Saw `ESC O`; waiting for the final byte.
        case ss3
        /// Inside a bracketed paste; the text so far (the end marker may be partly in it).
        case paste([Unicode.Scalar])
    }

    private var state: State = .idle
    private let codes: KeyCodeTable

    /// The end marker of a bracketed paste.
    private static let pasteEnd = Array("\u{1B}[201~".unicodeScalars)
    /// Longest CSI we accept before giving up; real keys are short.
    private static let maxCSILength = 16
    /// A paste larger than this is cut (the rest is dropped) so a runaway paste cannot eat memory.
    public static let maxPasteScalars = 1 << 20

    public init(keyCodes: KeyCodeTable = .standard) {
        self.codes = keyCodes
    }

    /// True while the decoder holds a partial sequence or paste and wants more input.
    public var isPending: Bool { state != .idle }

    /// True inside a bracketed paste: the caller should wait longer before `flush()`,
    /// because a paste over a slow link can pause between packets.
    public var isInPaste: Bool {
        if case .paste = state { return true }
        return false
    }

    /// Decodes a whole input sequence and flushes (for tests and replays).
    public static func decodeAll(_ inputs: [RawInput], keyCodes: KeyCodeTable = .standard) -> [KeyEvent] {
        var decoder = KeyDecoder(keyCodes: keyCodes)
        var events: [KeyEvent] = []
        for input in inputs { events += decoder.feed(input) }
        return events + decoder.flush()
    }

    /// Feeds one input; returns the events it completes (often none or one).
    public mutating func feed(_ input: RawInput) -> [KeyEvent] {
        switch state {
        case .idle:
            return decodeIdle(input)
        case .escape:
            return feedAfterEscape(input)
        case .csi(let params):
            return feedCSI(params, input)
        case .ss3:
            state = .idle
            guard case .char(let value) = input, let scalar = Unicode.Scalar(value) else {
                return [.unknown] + decodeIdle(input)
            }
            return [Self.ss3Event(scalar)]
        case .paste:
            return feedPaste(input)
        }
    }

    /// Ends whatever is pending because no more input came in time.
    public mutating func flush() -> [KeyEvent] {
        defer { state = .idle }
        switch state {
        case .idle: return []
        case .escape: return [.escape]
        case .csi, .ss3: return [.unknown]
        case .paste(let text): return [.paste(Self.normalisePaste(text))]
        }
    }

    // MARK: - States

    private mutating func decodeIdle(_ input: RawInput) -> [KeyEvent] {
        switch input {
        case .keyCode(let code):
            return [keyCodeEvent(code)]
        case .char(let value):
            if value == 0x1B {
                state = .escape
                return []
            }
            return [Self.charEvent(value)]
        }
    }

    private mutating func feedAfterEscape(_ input: RawInput) -> [KeyEvent] {
        guard case .char(let value) = input else {
            state = .idle
            return [.escape] + decodeIdle(input)
        }
        switch value {
        case 0x5B: // [
            state = .csi("")
            return []
        case 0x4F: // O
            state = .ss3
            return []
        default:
            // ESC followed by something else: the user pressed Esc and then typed quickly
            // (or used Alt). Keep both keystrokes rather than lose one.
            state = .idle
            return [.escape] + decodeIdle(input)
        }
    }

    private mutating func feedCSI(_ params: String, _ input: RawInput) -> [KeyEvent] {
        guard case .char(let value) = input, let scalar = Unicode.Scalar(value), value < 0x80 else {
            state = .idle
            return [.unknown] + decodeIdle(input)
        }
        switch value {
        case 0x20...0x3F: // parameter and intermediate bytes
            if params.unicodeScalars.count >= Self.maxCSILength {
                state = .idle
                return [.unknown]
            }
            state = .csi(params + String(scalar))
            return []
        case 0x40...0x7E: // final byte
            state = .idle
            if params == "200" && scalar == "~" {
                state = .paste([])
                return []
            }
            return [Self.csiEvent(params: params, final: scalar)]
        default: // a control character inside a sequence: give up on the sequence
            state = .idle
            return [.unknown] + decodeIdle(input)
        }
    }

    private mutating func feedPaste(_ input: RawInput) -> [KeyEvent] {
        guard case .paste(var text) = state else { return [] }
        // Drop the state's reference first so appending does not copy the whole paste.
        state = .idle
        switch input {
        case .keyCode(let code):
            // ncurses may turn pasted bytes into key codes; only line ends matter in a paste.
            if code == codes.enter { text.append("\n") }
        case .char(let value):
            guard let scalar = Unicode.Scalar(value) else { break }
            text.append(scalar)
            if text.count > Self.maxPasteScalars + 64 {
                // Over the cap: drop the excess now and then, keeping a tail long enough to
                // still recognise the end marker.
                text.removeSubrange(Self.maxPasteScalars..<(text.count - Self.pasteEnd.count))
            }
            if scalar == "~" && text.count >= Self.pasteEnd.count && text.suffix(Self.pasteEnd.count).elementsEqual(Self.pasteEnd) {
                text.removeLast(Self.pasteEnd.count)
                if text.count > Self.maxPasteScalars { text.removeSubrange(Self.maxPasteScalars...) }
                state = .idle
                return [.paste(Self.normalisePaste(text))]
            }
        }
        state = .paste(text)
        return []
    }

    // MARK: - Tables

    private func keyCodeEvent(_ code: Int32) -> KeyEvent {
        switch code {
        case codes.down: return .down
        case codes.up: return .up
        case codes.left: return .left
        case codes.right: return .right
        case codes.home: return .home
        case codes.end: return .end
        case codes.backspace: return .backspace
        case codes.delete: return .delete
        case codes.pageDown: return .pageDown
        case codes.pageUp: return .pageUp
        case codes.enter: return .enter
        case codes.backTab: return .backTab
        case codes.resize: return .resize
        case (codes.f0 + 1)...(codes.f0 + 63): return .function(Int(code - codes.f0))
        default: return .unknown
        }
    }

    private static func charEvent(_ value: UInt32) -> KeyEvent {
        switch value {
        case 0x0D, 0x0A: return .enter
        case 0x09: return .tab
        case 0x08, 0x7F: return .backspace
        case 0x01...0x1A:
            return .control(Character(Unicode.Scalar(UInt8(0x60 + value))))
        case 0x00, 0x1B...0x1F, 0x80...0x9F:
            return .unknown
        default:
            guard let scalar = Unicode.Scalar(value) else { return .unknown }
            // Bidi overrides and similar invisible formatting characters are not keys.
            if scalar.properties.generalCategory == .format || scalar.properties.generalCategory == .surrogate
                || scalar.properties.generalCategory == .unassigned {
                return .unknown
            }
            return .character(Character(scalar))
        }
    }

    private static func ss3Event(_ final: Unicode.Scalar) -> KeyEvent {
        switch final {
        case "A": return .up
        case "B": return .down
        case "C": return .right
        case "D": return .left
        case "H": return .home
        case "F": return .end
        case "M": return .enter // keypad Enter in application mode
        case "P": return .function(1)
        case "Q": return .function(2)
        case "R": return .function(3)
        case "S": return .function(4)
        default: return .unknown
        }
    }

    private static func csiEvent(params: String, final: Unicode.Scalar) -> KeyEvent {
        // Modifiers (`1;5A` = Ctrl-Up) are ignored: the arrow is still an arrow.
        let fields = params.split(separator: ";", omittingEmptySubsequences: false)
        let first = fields.first.map(String.init) ?? ""
        guard first.allSatisfy(\.isASCII) else { return .unknown }
        switch final {
        case "A": return .up
        case "B": return .down
        case "C": return .right
        case "D": return .left
        case "H": return .home
        case "F": return .end
        case "Z": return .backTab
        case "P" where first == "1" || first.isEmpty: return .function(1)
        case "Q" where first == "1" || first.isEmpty: return .function(2)
        case "R" where first == "1" || first.isEmpty: return .function(3)
        case "S" where first == "1" || first.isEmpty: return .function(4)
        case "~":
            switch first {
            case "1", "7": return .home
            case "4", "8": return .end
            case "3": return .delete
            case "5": return .pageUp
            case "6": return .pageDown
            case "11": return .function(1)
            case "12": return .function(2)
            case "13": return .function(3)
            case "14": return .function(4)
            case "15": return .function(5)
            case "17": return .function(6)
            case "18": return .function(7)
            case "19": return .function(8)
            case "20": return .function(9)
            case "21": return .function(10)
            case "23": return .function(11)
            case "24": return .function(12)
            default: return .unknown
            }
        default:
            return .unknown
        }
    }

    /// Terminals send line ends in a paste as CR; the app wants "\n".
    private static func normalisePaste(_ text: [Unicode.Scalar]) -> String {
        var out = String.UnicodeScalarView()
        var lastWasCR = false
        for scalar in text {
            if scalar == "\r" {
                out.append("\n")
                lastWasCR = true
                continue
            }
            if scalar == "\n" && lastWasCR {
                lastWasCR = false
                continue
            }
            lastWasCR = false
            out.append(scalar)
        }
        return String(out)
    }
}
