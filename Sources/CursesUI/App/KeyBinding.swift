import SetupCore

/// Which keys a binding answers to: one key, or a whole class that no help could list key
/// by key (the characters typed into a field, a paste).
enum KeyPattern: Hashable, Sendable {
    case key(KeyEvent)
    /// Any printable character: typed into a text field or a list's filter.
    case printable
    /// Any bracketed paste.
    case paste
    /// Every key (a dialog that closes on any key).
    case any

    func matches(_ event: KeyEvent) -> Bool {
        switch (self, event) {
        case (.key(let key), _): key == event
        case (.printable, .character): true
        case (.paste, .paste): true
        case (.any, _): true
        default: false
        }
    }

    /// Keys this pattern takes, for tests and for asking a copy of a screen what a key does.
    var examples: [KeyEvent] {
        switch self {
        case .key(let key): [key]
        case .printable: [.character("x"), .character("7")]
        case .paste: [.paste("x")]
        case .any: [.character("x")]
        }
    }
}

/// What the help says about a binding: its keys as shown and what they do. `bar` hints go
/// in the help bar (most important first) and head the `?` dialog; `dialog` hints only in
/// the dialog, under "Also here:".
struct KeyHelp: Equatable, Sendable {
    enum Place: Equatable, Sendable { case bar, dialog }
    /// Where in the help bar: `first` before the screen's keys (Esc while a request is out),
    /// `pinned` kept whatever the width, at the end (help and quit).
    enum Rank: Equatable, Sendable { case first, normal, pinned }
    var key: String
    var action: String
    var place: Place
    var rank: Rank = .normal
    /// How the `?` dialog names it, when the bar's short words would say less ("F1 or ?").
    var dialogWording: (key: String, action: String)?

    static func == (lhs: KeyHelp, rhs: KeyHelp) -> Bool {
        lhs.key == rhs.key && lhs.action == rhs.action && lhs.place == rhs.place && lhs.rank == rhs.rank
            && lhs.dialogWording?.key == rhs.dialogWording?.key && lhs.dialogWording?.action == rhs.dialogWording?.action
    }

    /// The line in the `?` dialog.
    var dialogHint: KeyHint { dialogWording.map { ($0.key, $0.action) } ?? hint }

    static func bar(_ key: String, _ action: String) -> KeyHelp { KeyHelp(key: key, action: action, place: .bar) }
    static func dialog(_ key: String, _ action: String) -> KeyHelp { KeyHelp(key: key, action: action, place: .dialog) }

    var hint: KeyHint { (key, action) }

    // The dialog's names for keys many screens take, worded once.
    static let focusKeys = dialog("Tab / Shift-Tab", "next / previous field or row")
    static let arrows = dialog("↓ / ↑", "next / previous")
    static let lessKeys = dialog("j / k", "down / up, as in less")
    static let pageKeys = dialog("PgUp / PgDn", "page in lists")
    static let listEnds = dialog("Home / End", "list ends")
    static let lineEnds = dialog("Home / End", "line ends")
    static let editing = dialog("←→ Bksp Del ^D", "move in the text, delete")
    static let typing = dialog("letters, paste", "typed into the field")
    /// ^U in a field where nothing is before the cursor (the bar names it where it deletes).
    static let deleteToStart = dialog("^U", "delete to the start")
    static let copyFocused = dialog("c", "copy the focused value (OSC 52)")
}

/// One key binding, as bubbletea's `key.Binding`: the keys, their help and what they do,
/// declared together. A screen lists the bindings in force for its focus and the state;
/// its key handling, its help bar and its `?` dialog are all read from that one list, so
/// the help cannot offer a key that does nothing, nor leave out one that does something.
///
/// The action gets the owner (a screen, or the app) to change, the key and the state, and
/// answers the commands for the app; nil hands the key on to the next binding that takes
/// it (a list at its last row hands ↓ on to the focus ring), and in the end to the app's
/// cold keys.
struct KeyBinding<Owner> {
    var keys: [KeyPattern]
    var help: KeyHelp?
    var action: (inout Owner, KeyEvent, WizardState) -> [ScreenCommand]?

    init(_ keys: [KeyPattern], _ help: KeyHelp?, action: @escaping (inout Owner, KeyEvent, WizardState) -> [ScreenCommand]?) {
        self.keys = keys
        self.help = help
        self.action = action
    }

    init(_ keys: KeyEvent..., help: KeyHelp?, action: @escaping (inout Owner, KeyEvent, WizardState) -> [ScreenCommand]?) {
        self.init(keys.map(KeyPattern.key), help, action: action)
    }

    func matches(_ key: KeyEvent) -> Bool { keys.contains { $0.matches(key) } }

    /// The same binding with other help (a key that means the same but reads otherwise here).
    func with(_ help: KeyHelp?) -> KeyBinding {
        KeyBinding(keys, help, action: action)
    }

    /// The binding as the help sees it, without its action.
    var described: BoundKeys { BoundKeys(keys: keys, help: help) }
}

/// A binding's keys and help, without the action: what the help bar, the `?` dialog, the
/// status line and the tests read.
struct BoundKeys: Equatable, Sendable {
    var keys: [KeyPattern]
    var help: KeyHelp?
}

extension Array {
    /// Gives `key` to the first binding that takes it (and on, while one hands it back).
    /// Nil: none took it.
    func dispatch<Owner>(_ key: KeyEvent, to owner: inout Owner, _ state: WizardState) -> [ScreenCommand]?
    where Element == KeyBinding<Owner> {
        for binding in self where binding.matches(key) {
            if let commands = binding.action(&owner, key, state) { return commands }
        }
        return nil
    }
}
