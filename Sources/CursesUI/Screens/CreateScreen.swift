#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Basics
import SetupCore

/// Step 6: Bitbucket has no API for consumers, so the user creates it in the browser with
/// the values shown here, then pastes the Key and Secret it generated.
struct CreateScreen: WizardScreen {
    /// Focusable rows: the link, one row per value to enter, the key, the secret, and the
    /// sandbox button (sandbox only), then Continue.
    enum Item: Equatable { case link, value(Int), key, secret, sandbox, proceed }

    var key = TextField(placeholder: "paste the Key", rejectsWhitespaceInside: true, maxLength: InputLimits.credential)
    var secret = TextField(placeholder: "paste the Secret", isMasked: true, rejectsWhitespaceInside: true, maxLength: InputLimits.credential)
    var focus = FocusRing(count: 1)
    private var items: [Item] = [.link]
    private var lastSandboxConsumer: RemoteStatus<String> = .idle
    /// Whether the first focus was placed on the next action (the sandbox button).
    private var placedFirstFocus = false

    var item: Item { items.indices.contains(focus.index) ? items[focus.index] : .proceed }
    var isEditingText: Bool { item == .key || item == .secret }

    mutating func layout(columns: Int, rows: Int) {
        let width = ScreenKit.fieldWidth(columns: columns)
        key.layout(width: width)
        secret.layout(width: width)
    }

    mutating func sync(_ state: WizardState) -> [WizardAction] {
        let valueCount = CreatePage.values(state).count
        // Once the sandbox has created the consumer its button is gone: a second press
        // would only be refused (the name is taken) and replace the success with an error.
        var newItems: [Item] = state.mode == .sandbox && state.sandboxConsumer.value == nil ? [.sandbox] : []
        newItems += [.link] + (0..<valueCount).map(Item.value) + [.key, .secret, .proceed]
        if newItems != items {
            let current = item
            items = newItems
            focus.count = items.count
            focus.index = items.firstIndex(of: current) ?? 0
        }
        // In the sandbox the next action is the button that creates the consumer.
        if !placedFirstFocus, state.mode == .sandbox, state.consumerKeyInput.isEmpty, let index = items.firstIndex(of: .sandbox) {
            focus.index = index
        }
        placedFirstFocus = true
        if state.sandboxConsumer.value != nil, state.sandboxConsumer != lastSandboxConsumer, let index = items.firstIndex(of: .proceed) {
            focus.index = index  // created: Continue is what comes next
        }
        lastSandboxConsumer = state.sandboxConsumer
        if key.text != state.consumerKeyInput { key.prefill(state.consumerKeyInput) }
        if secret.text != state.consumerSecretInput.exposed { secret.prefill(state.consumerSecretInput.exposed) }
        return []
    }

    func bindings(_ state: WizardState) -> [KeyBinding<Self>] {
        let move = FocusRing.bindings(at: \Self.focus)
        if item == .key || item == .secret {
            let edit: (inout Self, KeyEvent, WizardState) -> [ScreenCommand]? = { screen, key, state in screen.edit(key, state) }
            // Key and Secret pasted together (two lines, as Bitbucket shows them) fill both,
            // in either field, as they do outside the fields.
            let paste = KeyBinding<Self>([.paste], .bar("paste", item == .key ? "Key" : "Secret")) { screen, key, state in
                if case .paste(let text) = key, let pair = Self.pastedPair(text) { return screen.fill(pair) }
                return screen.edit(key, state)
            }
            let rest = [KeyBinding<Self>([.printable], .dialog("letters", "typed into the field"), action: edit)]
                + TextField.editingBindings(edit).filter { !$0.keys.contains(.printable) }
            if item == .key {
                return [paste, KeyBinding(.enter, help: .bar("Enter", "next"), action: edit),
                        KeyBinding(.control("u"), help: key.cursor > 0 ? .bar("^U", "delete to start") : .deleteToStart, action: edit)] + move + rest
            }
            return [paste, KeyBinding(.control("r"), help: .bar("^R", secret.isRevealed ? "hide" : "reveal"), action: edit),
                    KeyBinding(.enter, help: .bar("Enter", "continue"), action: edit),
                    KeyBinding(.control("u"), help: .deleteToStart, action: edit)] + move + rest
        }
        // Outside the fields a paste goes where it can only be meant for, and k reaches the Key field.
        let paste = KeyBinding<Self>([.paste], .bar("paste", "Key, Secret")) { screen, key, state in
            guard case .paste(let text) = key else { return nil }
            return screen.pasteAnywhere(text, state)
        }
        let toKey = KeyBinding<Self>(.character("k"), help: .bar("k", "Key field")) { screen, _, _ in
            screen.focus.index = screen.items.firstIndex(of: .key) ?? screen.focus.index
            return []
        }
        switch item {
        case .link:
            guard let url = state.consumerPageURL else { return [paste, toKey] + move }
            let open = KeyBinding<Self>(.character("o"), help: .bar("o", "open")) { _, _, _ in [.open(url)] }
            return [open, KeyBinding(.character("c"), help: .bar("c", "copy")) { _, _, _ in [.copy(label: "the link", value: Secret(url.absoluteString))] },
                    paste, toKey, FocusRing.binding(at: \Self.focus, .tab, help: .bar("Tab", "next")),
                    KeyBinding(.enter, help: .dialog("Enter", "open"), action: open.action),
                    FocusRing.binding(at: \Self.focus, .backTab, help: .dialog("Shift-Tab", "previous"))]
                + move.filter { !$0.matches(.tab) }
        case .value(let index):
            let values = CreatePage.values(state)
            var keys: [KeyBinding<Self>] = []
            // An optional field left empty has nothing to copy: c is not offered there.
            if values.indices.contains(index), !values[index].value.isEmpty {
                keys.append(KeyBinding(.character("c"), help: .bar("c", "copy")) { _, _, _ in
                    [.copy(label: values[index].label, value: Secret(values[index].value))]
                })
            }
            return keys + [paste, toKey, FocusRing.binding(at: \Self.focus, .tab, .down, help: .bar("Tab/↓", "next")),
                           KeyBinding(.enter, help: .dialog("Enter", "next")) { screen, _, _ in screen.focus.next(); return [] },
                           FocusRing.binding(at: \Self.focus, .backTab, .up, help: .dialog("Shift-Tab / ↑", "previous"))]
        case .sandbox:
            let create: (inout Self, KeyEvent, WizardState) -> [ScreenCommand]? = { _, _, _ in [.send(.createInSandbox)] }
            return [KeyBinding(.enter, help: .bar("Enter", "create in sandbox"), action: create), paste,
                    FocusRing.binding(at: \Self.focus, .tab, help: .bar("Tab", "next")),
                    KeyBinding(.character(" "), help: .dialog("Space", "create in sandbox"), action: create),
                    toKey.with(.dialog("k", "Key field")),
                    FocusRing.binding(at: \Self.focus, .down, help: .dialog("↓", "next")),
                    FocusRing.binding(at: \Self.focus, .backTab, .up, help: .dialog("Shift-Tab / ↑", "previous"))]
        case .proceed, .key, .secret:
            let proceed: (inout Self, KeyEvent, WizardState) -> [ScreenCommand]? = { _, _, _ in [.send(.next)] }
            return [KeyBinding(.enter, help: .bar("Enter", "continue"), action: proceed), paste, toKey,
                    FocusRing.binding(at: \Self.focus, .backTab, help: .bar("Shift-Tab", "fields")),
                    KeyBinding(.character(" "), help: .dialog("Space", "continue"), action: proceed),
                    FocusRing.binding(at: \Self.focus, .tab, .up, help: .dialog("Tab / ↑", "to the top / previous"))]
        }
    }

    /// Gives `key` to the focused field (Key or Secret); nil when it does not take it.
    private mutating func edit(_ key: KeyEvent, _ state: WizardState) -> [ScreenCommand]? {
        var field = item == .key ? self.key : secret
        let outcome = field.handle(key)
        if item == .key { self.key = field } else { secret = field }
        return outcome.commands(changed: { [.send(item == .key ? .setConsumerKey(field.text) : .setConsumerSecret(Secret(field.text)))] }, submitted: {
            if item == .secret, state.consumerCredentials != nil { return [.send(.next)] }
            focus.next()
            return []
        })
    }

    /// A paste outside the fields goes where it can only be meant for: two values on two
    /// lines fill Key and Secret (Bitbucket shows them so); one value fills the Key, or the
    /// Secret once the Key is there. The field it filled takes the focus.
    private mutating func pasteAnywhere(_ text: String, _ state: WizardState) -> [ScreenCommand] {
        if let pair = Self.pastedPair(text) { return fill(pair) }
        let intoKey = state.consumerKeyInput.isEmpty || !state.consumerSecretInput.isEmpty
        focus.index = items.firstIndex(of: intoKey ? .key : .secret) ?? focus.index
        return edit(.paste(text), state) ?? []
    }

    /// Key and Secret pasted together: two values on two lines (Bitbucket's row reads "Key" /
    /// value / "Secret" / value, and labels copied along are dropped). Nil for anything else.
    static func pastedPair(_ text: String) -> (key: String, secret: String)? {
        let labels: Set<String> = ["key", "key:", "secret", "secret:"]
        let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingWhitespace() }
            .filter { !$0.isEmpty && !labels.contains($0.lowercased()) }
        guard lines.count == 2, !lines.contains(where: { $0.contains(" ") }) else { return nil }
        return (lines[0], lines[1])
    }

    /// Fills both fields from a pasted pair; the Secret takes the focus.
    private mutating func fill(_ pair: (key: String, secret: String)) -> [ScreenCommand] {
        key.prefill(pair.key)
        secret.prefill(pair.secret)
        focus.index = items.firstIndex(of: .secret) ?? focus.index
        return [.send(.setConsumerKey(pair.key)), .send(.setConsumerSecret(Secret(pair.secret)))]
    }

    func render(_ state: WizardState, into canvas: inout Canvas, tick: Int) -> ScreenLayout {
        var y = 0
        var cursor: CursorPosition?
        var focusRow = 0
        var focusHeight = 1
        if state.mode == .sandbox, state.sandboxConsumer.value != nil {
            y += ScreenKit.line(PageLine(CreatePage.sandboxCreated, .success, mark: .check), x: ScreenKit.margin + 2, y: y, into: &canvas)
        } else if state.mode == .sandbox {
            // The next action first, on one row: the sandbox has no browser form to fill.
            if item == .sandbox { focusRow = y }
            let used = ScreenKit.button(CreatePage.sandboxButton, y: y, focused: item == .sandbox, into: &canvas)
            let x = ScreenKit.margin + 4 + used
            if state.sandboxConsumer.isLoading {
                canvas.put("\(Spinner.frame(tick, glyphs: canvas.glyphs)) \(CreatePage.sandboxCreating)", x: x, y: y, role: .spinner)
            } else {
                canvas.put(CreatePage.sandboxButtonHint, x: x, y: y, role: .hint, maxWidth: canvas.width - x - ScreenKit.margin)
            }
            y += 1
        }
        y += ScreenKit.paragraph(CreatePage.openStep(keys: "o opens, c copies"), y: y, role: .hint, into: &canvas)
        if let url = state.consumerPageURL {
            let rows = ScreenKit.valueRow(CreatePage.linkLabel, url.absoluteString, y: y, focused: item == .link, into: &canvas, isLink: true)
            if item == .link { (focusRow, focusHeight) = (y, rows) }
            y += rows
        }
        y += ScreenKit.paragraph(CreatePage.enterStep(keys: "c copies the focused one"), y: y, role: .hint, into: &canvas)
        for (index, pair) in CreatePage.values(state).enumerated() {
            let rows = ScreenKit.valueRow(pair.label, pair.value.isEmpty ? CreatePage.leaveEmpty : pair.value, y: y,
                                          focused: item == .value(index), into: &canvas)
            if item == .value(index) { (focusRow, focusHeight) = (y, rows) }
            y += rows
        }
        y += ScreenKit.paragraph(CreatePage.pasteStep, y: y, role: .hint, into: &canvas)
        if item == .key { focusRow = y }
        if let position = ScreenKit.field(KeySecretPage.keyLabel, key, y: y, focused: item == .key, into: &canvas, invalid: key.rejection != nil) { cursor = position }
        y += 1
        if item == .secret { focusRow = y }
        if let position = ScreenKit.field(KeySecretPage.secretLabel, secret, y: y, focused: item == .secret, into: &canvas, invalid: secret.rejection != nil) { cursor = position }
        y += 1
        if let rejection = (item == .secret ? secret : key).rejection {
            y += ScreenKit.paragraph("\(canvas.glyphs.cross) \(rejection)", y: y, role: .error, into: &canvas)
        }
        if let stash = state.stashedConsumer, state.consumerKeyInput.isEmpty {
            y += ScreenKit.paragraph("\(canvas.glyphs.warning) \(stash.notice)", y: y, role: .warning, into: &canvas)
        }
        // The sandbox's button row took the place of the blank row above Continue.
        if state.mode != .sandbox { y += 1 }
        if item == .proceed { focusRow = y }
        _ = ScreenKit.button("Continue", y: y, focused: item == .proceed, into: &canvas)
        return ScreenLayout(cursor: cursor, focusRow: focusRow, focusHeight: focusHeight, usedRows: y + 1)
    }
}
