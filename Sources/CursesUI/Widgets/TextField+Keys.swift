import SetupCore

extension TextField {
    /// The editing keys of a focused field that screens leave out of their help bars (they
    /// name Enter, ^U and ^R themselves, with what those do there). `edit` gives the key to
    /// the screen's focused field.
    static func editingBindings<Owner>(_ edit: @escaping (inout Owner, KeyEvent, WizardState) -> [ScreenCommand]?)
        -> [KeyBinding<Owner>] {
        [
            KeyBinding([.printable, .paste], .typing, action: edit),
            KeyBinding(.left, .right, .backspace, .delete, .control("d"), help: .editing, action: edit),
            KeyBinding(.home, .end, help: .lineEnds, action: edit),
            KeyBinding(.control("a"), .control("e"), .control("k"), .control("w"),
                       help: .dialog("^A ^E ^K ^W", "start, end, delete to end, a word"), action: edit),
        ]
    }
}
