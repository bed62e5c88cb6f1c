/// One result of ncurses' `get_wch`: either a key code (`KEY_CODE_YES`) or a wide character.
///
/// Kept as plain integers so `KeyDecoder` stays pure and testable without curses.
public enum RawInput: Sendable, Equatable {
    /// A curses key code such as `KEY_DOWN` (0402).
    case keyCode(Int32)
    /// A character value (a Unicode scalar value if valid; invalid values decode to `.unknown`).
    case char(UInt32)
}

extension RawInput {
    /// Turns a string into the `.char` inputs a terminal would deliver for it (tests, replays).
    public static func chars(_ text: String) -> [RawInput] {
        text.unicodeScalars.map { .char($0.value) }
    }
}

/// The numeric values of the curses key codes the decoder understands.
///
/// `standard` holds ncurses' documented values; `CursesTerminal` builds the table from the
/// linked library so a different build cannot silently disagree.
public struct KeyCodeTable: Sendable, Equatable {
    public var down: Int32, up: Int32, left: Int32, right: Int32
    public var home: Int32, end: Int32
    public var backspace: Int32, delete: Int32
    public var pageDown: Int32, pageUp: Int32
    public var enter: Int32, backTab: Int32, resize: Int32
    /// `KEY_F0`; function key n is `f0 + n`.
    public var f0: Int32

    public init(down: Int32, up: Int32, left: Int32, right: Int32, home: Int32, end: Int32,
                backspace: Int32, delete: Int32, pageDown: Int32, pageUp: Int32,
                enter: Int32, backTab: Int32, resize: Int32, f0: Int32) {
        self.down = down; self.up = up; self.left = left; self.right = right
        self.home = home; self.end = end; self.backspace = backspace; self.delete = delete
        self.pageDown = pageDown; self.pageUp = pageUp; self.enter = enter
        self.backTab = backTab; self.resize = resize; self.f0 = f0
    }

    /// ncurses' values (octal in `<curses.h>`).
    public static let standard = KeyCodeTable(
        down: 0o402, up: 0o403, left: 0o404, right: 0o405, home: 0o406, end: 0o550,
        backspace: 0o407, delete: 0o512, pageDown: 0o522, pageUp: 0o523,
        enter: 0o527, backTab: 0o541, resize: 0o632, f0: 0o410)
}
