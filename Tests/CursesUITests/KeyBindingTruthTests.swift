import XCTest
@testable import CursesUI
@testable import SetupCore

/// The help is read from the bindings in force (``KeyBinding``), so it should tell the truth
/// by construction; these tests hold it to that on every screen, in a range of states and
/// at every focus: each key the help bar offers does something, every key that does
/// something is named in the `?` dialog, and no key has two owners.
final class KeyBindingTruthTests: XCTestCase {
    /// Every key a user might press, and a paste.
    static let probes: [KeyEvent] = {
        var keys: [KeyEvent] = [.enter, .tab, .backTab, .escape, .backspace, .delete, .up, .down, .left, .right,
                                .home, .end, .pageUp, .pageDown, .function(1), .function(2), .paste("pasted")]
        keys += "abcdefghijklmnopqrstuvwxyz".map { KeyEvent.control($0) }
        keys += "abcdefghijklmnopqrstuvwxyz0/? -".map { KeyEvent.character($0) }
        return keys
    }()

    func testEveryKeyInTheHelpBarDoesSomething() {
        for (name, h) in Self.states() {
            let screen = h.screens.current(h.state.step)
            for binding in ScreenFrame.keysInForce(state: h.state, screen: screen) where binding.help?.place == .bar {
                let examples = binding.keys.flatMap(\.examples)
                XCTAssertTrue(examples.contains { Self.doesSomething($0, h) },
                              "\(name): the help bar offers \(binding.help!.key) (\(binding.help!.action)), which does nothing")
            }
        }
    }

    func testEveryKeyThatDoesSomethingIsNamedInTheHelpDialog() {
        for (name, h) in Self.states() {
            let screen = h.screens.current(h.state.step)
            let bound = ScreenFrame.keysInForce(state: h.state, screen: screen)
            let dialog = ScreenFrame.helpDialog(state: h.state, screen: screen).body.joined(separator: "\n")
            for key in Self.probes where Self.doesSomething(key, h) {
                guard let owner = bound.first(where: { $0.keys.contains { $0.matches(key) } }) else {
                    XCTFail("\(name): \(key.displayName) does something but no binding in force takes it")
                    continue
                }
                guard let help = owner.help else {
                    XCTFail("\(name): \(key.displayName) does something silently")
                    continue
                }
                let label = help.dialogHint.key
                XCTAssertTrue(Self.names(label, key), "\(name): \(key.displayName) is taken by the binding named \"\(label)\"")
                XCTAssertTrue(dialog.contains(label), "\(name): the ? dialog leaves out \"\(label)\":\n\(dialog)")
            }
        }
    }

    func testNoKeyHasTwoOwnersOnAScreen() {
        for (name, h) in Self.states() {
            let screen = h.screens.current(h.state.step)
            let own = screen.boundKeys(h.state)
            for key in Self.probes {
                let owners = own.filter { $0.keys.contains { $0.matches(key) } }
                XCTAssertLessThanOrEqual(owners.count, 1, "\(name): \(key.displayName) is bound by \(owners.compactMap(\.help?.key))")
            }
            // A hot key is never the screen's: it would never reach it.
            let hot = GlobalKeys.hot(h.state, editing: screen.isEditingText).flatMap(\.keys)
            for pattern in hot {
                for key in pattern.examples {
                    XCTAssertFalse(own.contains { $0.keys.contains { $0.matches(key) } }, "\(name): \(key.displayName) is a hot key")
                }
            }
        }
    }

    /// `isEditingText` decides whether `?` and `q` are typed or commands: it must say what
    /// the bindings say (a binding takes typed letters).
    func testAScreenEditsTextExactlyWhenABindingTakesLetters() {
        for (name, h) in Self.states() {
            let screen = h.screens.current(h.state.step)
            let typing = screen.boundKeys(h.state).contains { $0.keys.contains(.printable) }
            XCTAssertEqual(screen.isEditingText, typing, name)
        }
    }

    func testTheHelpBarIsTheBindingsWithBarHelp() {
        for (name, h) in Self.states() {
            let screen = h.screens.current(h.state.step)
            let bar = ScreenFrame.helpBar(state: h.state, screen: screen, overlay: nil).items.map(\.key)
            let bound = ScreenFrame.keysInForce(state: h.state, screen: screen).compactMap { $0.help?.place == .bar ? $0.help?.key : nil }
            XCTAssertEqual(Set(bar), Set(bound), name)
        }
    }

    func testEachDialogsHelpBarKeyDoesSomething() {
        var h = Journey.workspace(80, 24)
        h.openHelp()
        let draft = WizardDraft(from: h.state, savedAt: Date(timeIntervalSince1970: 0))
        let dialogs: [AppOverlay] = [h.overlay!, .confirmQuit(draftKept: true), .resume(draft, offeredAt: Date(timeIntervalSince1970: 60))]
        for dialog in dialogs {
            let bar = ScreenFrame.helpBar(state: h.state, screen: h.screens.current(h.state.step), overlay: dialog).items.map(\.key)
            for binding in OverlayKeys.bindings(dialog) where binding.help?.place == .bar {
                XCTAssertTrue(bar.contains(binding.help!.key))
                let acts = binding.keys.flatMap(\.examples).contains { key in
                    var open: AppOverlay? = dialog
                    let commands = binding.action(&open, key, h.state)
                    return commands?.isEmpty == false || open != dialog
                }
                XCTAssertTrue(acts, "\(dialog): \(binding.help!.key) does nothing")
            }
        }
    }

    // MARK: The widgets' bindings name exactly the keys the widget takes

    func testTheListsBindingsAreTheKeysItTakes() {
        var list = ListView(rows: (0..<30).map { ListRow(id: "\($0)", title: "Row \($0)") })
        list.layout(height: 5)
        _ = list.handle(.down)
        for filtering in [false, true] {
            if filtering { _ = list.handle(.character("/")); _ = list.handle(.character("1")) }
            let bindings = list.bindings(at: \ListHolder.list) { _, outcome, _, _ in outcome == .ignored ? nil : [] }
            for key in Self.probes {
                var copy = list
                let taken = copy.handle(key) != .ignored
                XCTAssertEqual(bindings.contains { $0.matches(key) }, taken, "filtering \(filtering): \(key.displayName)")
            }
        }
    }

    func testTheGridsBindingsAreTheKeysItTakes() {
        var h = Journey.scopes(80, 24)
        h.press(.down)
        let screen = h.screens.current(.scopes) as! ScopesScreen
        let moves = ScopeGrid.moveBindings(at: \ScopesScreen.grid)
        for key in Self.probes {
            var grid = screen.grid
            let taken = grid.handle(key) != .ignored
            let bound = moves.contains { $0.matches(key) } || key == .enter || key == .character(" ")
            XCTAssertEqual(bound, taken, key.displayName)
        }
    }

    func testTheFieldsBindingsAreTheKeysItTakes() {
        let edit = TextField.editingBindings { (_: inout ListHolder, _, _) in [] }
        let named: Set<KeyEvent> = [.enter, .control("u"), .control("r")]  // the screens name these themselves
        for key in Self.probes {
            var field = TextField(text: "some text", isMasked: true)
            field.moveCursor(to: 4)
            let taken = field.handle(key) != .ignored
            XCTAssertEqual(edit.contains { $0.matches(key) } || named.contains(key), taken, key.displayName)
        }
    }

    // MARK: Support

    private struct ListHolder { var list = ListView() }

    /// The screens in the states the snapshots show, each at every focus Tab reaches.
    static func states() -> [(String, ScreenHarness)] {
        var base: [(String, ScreenHarness)] = [
            ("connect", Journey.connect(80, 24)),
            ("connect sandbox", Journey.connect(80, 24, mode: .sandbox)),
            ("application", Journey.application(80, 24)),
            ("application manual", Journey.application(80, 24, manual: true)),
            ("workspace", Journey.workspace(80, 24)),
            ("consumer", Journey.consumer(80, 24)),
            ("scopes", Journey.scopes(80, 24)),
            ("create", Journey.create(80, 24)),
            ("create sandbox", Journey.create(80, 24, mode: .sandbox)),
            ("key and secret", Journey.keySecret(80, 24)),
            ("key and secret weak", Journey.keySecret(80, 24, verdict: .publicConsumer(probe: .credentialsAccepted))),
            ("sync", Journey.sync(80, 24)),
            ("sync manual", Journey.sync(80, 24, manual: true)),
            ("synced", Journey.synced(80, 24)),
            ("done", Journey.done(80, 24)),
            ("done small", Journey.done(60, 16)),
        ]
        var connecting = Journey.connect(80, 24)
        connecting.send(.checkConnections)
        base.append(("connect busy", connecting))
        var filtering = Journey.workspace(80, 24)
        filtering.press(.character("/"), .character("a"))
        base.append(("workspace filtering", filtering))
        var filtered = Journey.workspace(80, 24)
        filtered.press(.character("/"), .character("z"), .character("z"), .enter)
        base.append(("workspace filtered", filtered))
        var states: [(String, ScreenHarness)] = []
        for (name, h) in base {
            var at = h
            var seen: [Canvas] = []
            for tab in 0..<14 {
                let canvas = at.canvas()
                if seen.contains(canvas) { break }
                seen.append(canvas)
                states.append(("\(name), Tab ×\(tab)", at))
                at.press(.tab)
            }
        }
        return states
    }

    /// Whether `key` changes anything on a copy: a command for the app, or the frame.
    static func doesSomething(_ key: KeyEvent, _ h: ScreenHarness) -> Bool {
        let screen = h.screens.current(h.state.step)
        var global = GlobalKeys.Owner()
        if let commands = GlobalKeys.hot(h.state, editing: screen.isEditingText).dispatch(key, to: &global, h.state) {
            return !commands.isEmpty
        }
        var probe = h
        let before = probe.canvas()
        let state = probe.state
        guard let commands = probe.screens.withCurrent(state.step, { $0.handle(key, state) }) else {
            return GlobalKeys.cold(h.state, editing: screen.isEditingText).dispatch(key, to: &global, h.state)?.isEmpty == false
        }
        if commands.contains(where: { if case .send = $0 { false } else { true } }) { return true }
        for case .send(let action) in commands {
            // Work started (a check run again) counts, though the frame may look the same.
            if !Wizard.reduce(&probe.state, action).isEmpty { return true }
            probe.syncScreen()
        }
        return probe.state != h.state || probe.canvas() != before
    }

    /// Whether a help label names `key` ("Tab/↓" names ↓; "^A ^E ^K ^W" names Ctrl-E).
    static func names(_ label: String, _ key: KeyEvent) -> Bool {
        if label == key.displayName { return true }
        let tokens = label.split { $0 == " " || $0 == "/" || $0 == "," }.map(String.init)
        var names = [key.displayName]
        switch key {
        case .control(let c): names.append("^" + String(c).uppercased())
        case .backspace: names.append("Bksp")
        case .delete: names.append("Del")
        case .character(let c) where c.isLetter || c.isNumber: names.append("letters")
        case .character: names.append("letters")
        case .paste: names.append("paste")
        default: break
        }
        return tokens.contains { token in
            names.contains { name in token == name || (["↑", "↓", "←", "→"].contains(name) && token.contains(name)) }
        }
    }
}
