import SetupCore

/// The status line's text: the reducer's message, then "Press v to check again." for each
/// action it points to, with the key found by asking the screen itself which of the keys in
/// its help bar sends that action now. So the line can never name a key that does nothing
/// here; an action no key takes on this screen is left out rather than guessed.
enum StatusSentence {
    static func text(_ status: WizardState.Status, screen: any WizardScreen, state: WizardState) -> String {
        joined(status.text, keys(status, screen: screen, state: state))
    }

    /// Only the keys: "Press v to check again." for the actions the status points to, or ""
    /// when no key here takes one. Each key is found by probing the screen, so a frame
    /// asks once.
    static func keys(_ status: WizardState.Status, screen: any WizardScreen, state: WizardState) -> String {
        var offers: [(key: String, purpose: String)] = []
        for next in status.next {
            if let key = key(for: next.action, screen: screen, state: state) { offers.append((key, next.purpose)) }
        }
        guard let first = offers.first else { return "" }
        var sentence = "Press \(first.key) to \(first.purpose)"
        for offer in offers.dropFirst() { sentence += " or \(offer.key) to \(offer.purpose)" }
        return sentence + "."
    }

    /// The message and its keys as one sentence.
    static func joined(_ message: String, _ keys: String) -> String {
        keys.isEmpty ? message : message.isEmpty ? keys : message + " " + keys
    }

    /// The single-character key from the help bar that makes the screen send `action`, or
    /// else a key every screen shares (Esc: back) that this screen leaves to the app.
    static func key(for action: WizardAction, screen: any WizardScreen, state: WizardState) -> String? {
        if !screen.isEditingText {
            for hint in screen.helpKeys(state) {
                guard hint.key.count == 1, let character = hint.key.first else { continue }
                var probe = screen  // handling a key may move the focus: ask a copy
                if probe.handle(.character(character), state) == [.send(action)] { return hint.key }
            }
        }
        var owner = GlobalKeys.Owner()
        for binding in GlobalKeys.cold(state, editing: screen.isEditingText) {
            guard let name = binding.help?.key else { continue }
            for case .key(let key) in binding.keys {
                var probe = screen
                if probe.handle(key, state) == nil, binding.action(&owner, key, state) == [.send(action)] { return name }
            }
        }
        return nil
    }
}
