import SetupCore

/// Step 4: Bitbucket's "Add consumer" form, prefilled from Clerk and checked as you type.
struct ConsumerScreen: WizardScreen {
    /// The six text fields in Bitbucket's order, then the private toggle and Continue.
    static let fieldCount = ConsumerField.allCases.count
    var fields: [TextField] = ConsumerField.allCases.map { TextField(placeholder: $0.isRequired ? "required" : "optional", maxLength: $0.maxLength) }
    var isPrivate = Toggle(title: ConsumerPage.privateTitle, isOn: true)
    var focus = FocusRing(count: ConsumerField.allCases.count + 2)
    /// Errors show on fields the user has left or tried to continue past, not while typing a first value.
    private var touched: Set<ConsumerField> = []
    private var triedToContinue = false

    var field: ConsumerField? { ConsumerField.allCases.indices.contains(focus.index) ? ConsumerField.allCases[focus.index] : nil }
    var isEditingText: Bool { field != nil }
    var onToggle: Bool { focus.index == Self.fieldCount }
    var onContinue: Bool { focus.index == Self.fieldCount + 1 }

    mutating func layout(columns: Int, rows: Int) {
        let width = ScreenKit.fieldWidth(columns: columns)
        for index in fields.indices { fields[index].layout(width: width) }
    }

    mutating func sync(_ state: WizardState) -> [WizardAction] {
        for (index, consumerField) in ConsumerField.allCases.enumerated() where fields[index].text != state.form[consumerField] {
            fields[index].prefill(state.form[consumerField])
        }
        isPrivate.isOn = state.form.isPrivate
        if state.status?.kind == .warning, state.step == .consumer { triedToContinue = true }
        return []
    }

    func bindings(_ state: WizardState) -> [KeyBinding<Self>] {
        if let consumerField = field {
            let edit: (inout Self, KeyEvent, WizardState) -> [ScreenCommand]? = { screen, key, state in screen.edit(key, state) }
            // Leaving a field marks it, so its problem shows.
            let leave: (inout Self, WizardState) -> [ScreenCommand] = { screen, _ in screen.touched.insert(consumerField); return [] }
            return [
                // A valid form (prefilled, or just completed) goes on at Enter, as a web form
                // submits; Tab and ↓ go through the fields.
                KeyBinding(.enter, help: .bar("Enter", state.formIssues.isEmpty ? "continue" : "next field"), action: edit),
                FocusRing.binding(at: \Self.focus, .tab, help: .bar("Tab", "next field"), then: leave),
                FocusRing.binding(at: \Self.focus, .backTab, help: .bar("Shift-Tab", "previous"), then: leave),
                KeyBinding(.control("u"), help: fields[focus.index].cursor > 0 ? .bar("^U", "delete to start") : .deleteToStart, action: edit),
                FocusRing.binding(at: \Self.focus, .down, .up, help: .arrows, then: leave),
            ] + TextField.editingBindings(edit)
        }
        let proceed: (inout Self, KeyEvent, WizardState) -> [ScreenCommand]? = { screen, _, state in screen.continueOrShowFirstIssue(state) }
        if onToggle {
            return [
                KeyBinding(.character(" "), help: .bar("Space", "toggle")) { _, _, state in [.send(.setPrivate(!state.form.isPrivate))] },
                // The step's last field: Enter continues, as on the button.
                KeyBinding(.enter, help: .bar("Enter", state.formIssues.isEmpty ? "continue" : "to the first problem"), action: proceed),
            ] + FocusRing.bindings(at: \Self.focus)
        }
        return [
            KeyBinding(.enter, help: .bar("Enter", "continue"), action: proceed),
            FocusRing.binding(at: \Self.focus, .backTab, help: .bar("Shift-Tab", "fields")),
            KeyBinding(.character(" "), help: .dialog("Space", "continue"), action: proceed),
            FocusRing.binding(at: \Self.focus, .tab, .up, help: .dialog("Tab / ↑", "to the first field / the toggle")),
        ]
    }

    /// Gives `key` to the focused field; nil when the field does not take it.
    private mutating func edit(_ key: KeyEvent, _ state: WizardState) -> [ScreenCommand]? {
        guard let consumerField = field else { return nil }
        let outcome = fields[focus.index].handle(key)
        return outcome.commands(changed: { [.send(.setField(consumerField, fields[focus.index].text))] }, submitted: {
            touched.insert(consumerField)
            if state.formIssues.isEmpty { return [.send(.next)] }
            focus.next()
            return []
        })
    }

    /// Continue; on a form that cannot be sent yet, the focus goes to the first field that
    /// says why (the reducer's status says it too), instead of staying on the button.
    private mutating func continueOrShowFirstIssue(_ state: WizardState) -> [ScreenCommand] {
        triedToContinue = true
        let issues = state.formIssues
        if let first = ConsumerField.allCases.firstIndex(where: { issues[$0] != nil }) {
            focus.index = first
            touched.insert(ConsumerField.allCases[first])
        }
        return [.send(.next)]
    }

    func render(_ state: WizardState, into canvas: inout Canvas, tick: Int) -> ScreenLayout {
        var y = 0
        var cursor: CursorPosition?
        var focusRow = 0
        let issues = state.formIssues
        ScreenKit.heading(ConsumerPage.heading(state), y: y, into: &canvas)
        y += 1
        for (index, consumerField) in ConsumerField.allCases.enumerated() {
            let focused = focus.index == index
            let showsIssue = issues[consumerField] != nil && (touched.contains(consumerField) || triedToContinue || consumerField == .callbackURL)
            if focused { focusRow = y }
            // A value wider than its field (a long Callback URL) shows whole below its label.
            let drawn = ScreenKit.fieldRows(consumerField.label, fields[index], y: y, focused: focused, into: &canvas,
                                            invalid: showsIssue, overflowsBelow: true)
            if let position = drawn.cursor { cursor = position }
            y += drawn.rows
        }
        if onToggle { focusRow = y }
        isPrivate.render(into: &canvas, at: Rect(x: ScreenKit.margin, y: y, width: canvas.width - ScreenKit.margin * 2, height: 1), focused: onToggle)
        y += 2
        // The focused field's problem, else its hint; then the first problem elsewhere.
        if let consumerField = field {
            if let rejection = fields[focus.index].rejection {
                // A paste the field refused (over its length) is said, not dropped in silence.
                y += ScreenKit.paragraph("\(canvas.glyphs.cross) \(rejection)", y: y, role: .error, into: &canvas)
            } else if let issue = issues[consumerField], touched.contains(consumerField) || triedToContinue || consumerField == .callbackURL {
                y += ScreenKit.paragraph("\(canvas.glyphs.cross) \(issue)", y: y, role: .error, into: &canvas)
            } else {
                y += ScreenKit.paragraph(consumerField.hint, y: y, role: .hint, into: &canvas)
            }
        } else if onToggle {
            y += ScreenKit.paragraph(ConsumerPage.privateMeaning(isOn: state.form.isPrivate), y: y, role: .hint, into: &canvas)
        } else if let first = ConsumerField.allCases.first(where: { issues[$0] != nil }), let issue = issues[first] {
            y += ScreenKit.paragraph("\(canvas.glyphs.cross) \(issue)", y: y, role: .error, into: &canvas)
        }
        y += 1
        if onContinue { focusRow = y }
        _ = ScreenKit.button("Continue", y: y, focused: onContinue, into: &canvas)
        return ScreenLayout(cursor: cursor, focusRow: focusRow, usedRows: y + 1)
    }
}
