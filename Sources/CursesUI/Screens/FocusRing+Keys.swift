import SetupCore

extension FocusRing {
    /// Focus moves (Tab, Shift-Tab, ↓, ↑: any of them) on the ring at `path`; `then` runs
    /// after the move (a screen that checks on leaving a field).
    static func binding<Owner>(at path: WritableKeyPath<Owner, FocusRing>, _ keys: KeyEvent..., help: KeyHelp,
                               then: ((inout Owner, WizardState) -> [ScreenCommand])? = nil) -> KeyBinding<Owner> {
        KeyBinding(keys.map(KeyPattern.key), help) { owner, key, state in
            _ = owner[keyPath: path].move(key)
            return then?(&owner, state) ?? []
        }
    }

    /// All four moves, named in the `?` dialog only (the usual case).
    static func bindings<Owner>(at path: WritableKeyPath<Owner, FocusRing>,
                                then: ((inout Owner, WizardState) -> [ScreenCommand])? = nil) -> [KeyBinding<Owner>] {
        [binding(at: path, .tab, .backTab, help: .focusKeys, then: then), binding(at: path, .down, .up, help: .arrows, then: then)]
    }
}
