import SetupCore

extension ScopeGrid {
    /// The grid's moves with their help, for the screen that holds it at `path` (Space and
    /// Enter are the screen's: they send actions). A move on an empty grid is handed on.
    static func moveBindings<Owner>(at path: WritableKeyPath<Owner, ScopeGrid>) -> [KeyBinding<Owner>] {
        func binding(_ keys: [KeyEvent], _ help: KeyHelp) -> KeyBinding<Owner> {
            KeyBinding(keys.map(KeyPattern.key), help) { owner, key, _ in
                owner[keyPath: path].handle(key) == .ignored ? nil : []
            }
        }
        return [
            binding([.up, .down, .left, .right], .bar("↑↓ ←→", "move")),
            binding([.character("h"), .character("j"), .character("k"), .character("l")], .dialog("h j k l", "move, as in vi")),
            binding([.tab, .backTab], .focusKeys),
            binding([.pageUp, .pageDown], .pageKeys),
            binding([.home, .end], .listEnds),
        ]
    }
}
