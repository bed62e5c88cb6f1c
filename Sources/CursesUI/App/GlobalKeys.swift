import SetupCore

/// The keys every screen shares, and where they stand in TermKit's order of key owners,
/// which ``WizardApp/handle(_:)`` follows:
///
/// 1. **hot**: an open dialog takes every key (``WizardApp``'s overlays); then the keys
///    below, before the screen sees them;
/// 2. **focused**: the screen's bindings (``WizardScreen/bindings(_:)``: its focused widget's
///    keys and its own commands, which never claim the same key);
/// 3. **cold**: the keys nobody took.
///
/// A key for every screen is one binding here; it appears in the help bar and the `?`
/// dialog by itself.
enum GlobalKeys {
    /// The owner of the global bindings: they change nothing themselves and answer commands
    /// (``ScreenCommand/openHelp``, ``ScreenCommand/askToQuit``…) that the app carries out.
    struct Owner {}

    /// Taken before the screen. On a terminal too small to draw the screen (`usable` false)
    /// only Ctrl-C works.
    static func hot(_ state: WizardState, editing: Bool, usable: Bool = true) -> [KeyBinding<Owner>] {
        var keys = [
            KeyBinding<Owner>(.control("c"), help: KeyHelp(key: "^C", action: "quit", place: .bar, rank: .pinned,
                                                          dialogWording: ("Ctrl-C", "quit"))) { _, _, state in
                [state.step == .done ? .finish : .askToQuit]
            },
        ]
        guard usable else { return keys }
        // In a text field `?` is typed; F1 opens the help everywhere.
        let help: [KeyEvent] = editing ? [.function(1)] : [.function(1), .character("?")]
        keys.insert(KeyBinding(help.map(KeyPattern.key), KeyHelp(key: editing ? "F1" : "?", action: "help", place: .bar, rank: .pinned,
                                                                 dialogWording: (editing ? "F1" : "F1 or ?", "this help"))) { _, _, _ in
            [.openHelp]
        }, at: 0)
        return keys
    }

    /// The keys the screen did not take.
    static func cold(_ state: WizardState, editing: Bool) -> [KeyBinding<Owner>] {
        var keys: [KeyBinding<Owner>] = []
        // On a screen without a text field in use, q quits (asking first), as in less.
        if !editing {
            keys.append(KeyBinding(.character("q"), help: .dialog("q", "quit")) { _, _, _ in [.askToQuit] })
        }
        let escape: KeyHelp
        if state.isBusy {
            escape = KeyHelp(key: "Esc", action: "cancel", place: .bar, rank: .first, dialogWording: ("Esc", "cancel the request"))
        } else if state.step == .connect {
            escape = .dialog("Esc", "quit")
        } else {
            escape = KeyHelp(key: "Esc", action: "back", place: .bar, dialogWording: ("Esc", "go back a step"))
        }
        keys.append(KeyBinding(.escape, help: escape) { _, _, state in
            if state.isBusy { return [.send(.cancelPending)] }
            return state.step == .connect ? [.askToQuit] : [.send(.back)]
        })
        return keys
    }
}
