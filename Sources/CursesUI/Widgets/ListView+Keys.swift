import SetupCore

extension ListView {
    /// The list's keys with their help, for the screen that holds it at `path`: the keys
    /// `handle` takes now (typing goes to the filter while it is open). `then` turns what the
    /// list did into the screen's commands; nil hands the key on (↓ at the last row).
    func bindings<Owner>(at path: WritableKeyPath<Owner, ListView>, enter: String = "choose",
                         then: @escaping (inout Owner, WidgetOutcome, KeyEvent, WizardState) -> [ScreenCommand]?)
        -> [KeyBinding<Owner>] {
        func binding(_ keys: [KeyPattern], _ help: KeyHelp?) -> KeyBinding<Owner> {
            KeyBinding(keys, help) { owner, key, state in
                let outcome = owner[keyPath: path].handle(key)
                return then(&owner, outcome, key, state)
            }
        }
        func keys(_ events: KeyEvent...) -> [KeyPattern] { events.map(KeyPattern.key) }
        // An empty list (loading, or nothing matches the filter) has nothing to choose or
        // move to: those keys are not offered in the help bar then.
        func offered(_ help: KeyHelp) -> KeyHelp { matches.isEmpty ? .dialog(help.key, help.action) : help }
        if isFiltering {
            return [
                binding(keys(.enter), .bar("Enter", matches.isEmpty ? "close the filter" : "choose")),
                binding(keys(.escape), .bar("Esc", "clear filter")),
                binding(keys(.up, .down), offered(.bar("↑↓", "move"))),
                binding([.printable, .paste], .dialog("letters, paste", "typed into the filter")),
                binding(keys(.backspace, .control("u")), .dialog("Bksp / ^U", "delete a letter / the filter")),
                binding(keys(.pageUp, .pageDown), .pageKeys),
                binding(keys(.home, .end), .listEnds),
            ]
        }
        var list = [
            binding(keys(.enter), offered(.bar("Enter", enter))),
            binding(keys(.character("/")), .bar("/", "filter")),
        ]
        if !filter.isEmpty { list.append(binding(keys(.escape), .bar("Esc", "clear filter"))) }
        list += [
            binding(keys(.up, .down), offered(.bar("↑↓", "move"))),
            binding(keys(.pageUp, .pageDown), offered(.bar("PgUp/PgDn", "page"))),
            binding(keys(.character("j"), .character("k")), .lessKeys),
            binding(keys(.home, .end), .listEnds),
        ]
        return list
    }
}
