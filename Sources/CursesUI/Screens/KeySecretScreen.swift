import SetupCore

/// Step 7: the key and secret (secret masked until `r`), and the live verdict from
/// Bitbucket's token endpoint.
struct KeySecretScreen: WizardScreen {
    enum Item: Int, CaseIterable { case key, secret, proceed }
    var focus = FocusRing(index: Item.proceed.rawValue, count: Item.allCases.count)

    var item: Item { Item(rawValue: focus.index) ?? .proceed }
    var isEditingText: Bool { false }

    mutating func sync(_ state: WizardState) -> [WizardAction] { [] }

    func bindings(_ state: WizardState) -> [KeyBinding<Self>] {
        var keys: [KeyBinding<Self>] = [
            KeyBinding(.enter, help: .bar("Enter", item == .proceed ? "continue" : "next")) { screen, _, _ in
                if screen.item == .proceed { return [.send(.next)] }
                screen.focus.next()
                return []
            },
        ]
        if let verdict = state.verification.value, verdict.isWeakEvidence {
            // Taken whenever the verdict is weak; offered only while it is not accepted yet.
            let offered = verdict.isUsable && !state.weakVerdictAccepted
            keys.append(KeyBinding(.character("y"), help: offered ? .bar("y", "go on anyway") : .dialog("y", "go on with the weaker check")) { _, _, _ in
                [.send(.acceptWeakVerdict)]
            })
        }
        if item != .proceed {
            keys.append(KeyBinding(.character("c"), help: .bar("c", "copy")) { screen, _, state in
                guard let credentials = state.consumerCredentials else { return [] }
                switch screen.item {
                case .key: return [.copy(label: "the Key", value: Secret(credentials.key))]
                case .secret: return [.copy(label: "the Secret", value: credentials.secret)]
                case .proceed: return []
                }
            })
        }
        keys += [
            KeyBinding(.character("r"), help: .bar("r", state.secretRevealed ? "hide secret" : "reveal secret")) { _, _, _ in [.send(.toggleReveal)] },
            KeyBinding(.character("v"), help: .bar("v", "verify again")) { _, _, _ in [.send(.verify)] },
        ]
        return keys + FocusRing.bindings(at: \Self.focus)
    }

    func render(_ state: WizardState, into canvas: inout Canvas, tick: Int) -> ScreenLayout {
        var y = 0
        var focusRow = 0
        let rows = ScreenKit.keyAndSecret(state, labels: (KeySecretPage.keyLabel, KeySecretPage.secretLabel),
                                          focus: item == .key ? 0 : item == .secret ? 1 : nil, y: y, into: &canvas)
        if let row = rows.focusRow { focusRow = row }
        y += rows.rows + 1
        ScreenKit.heading(KeySecretPage.verificationHeading, y: y, into: &canvas)
        y += 1
        let x = ScreenKit.margin + 2
        if let lines = KeySecretPage.verification(state) {
            for line in lines { y += ScreenKit.line(line, x: x, y: y, into: &canvas) }
        } else {
            canvas.put("\(Spinner.frame(tick, glyphs: canvas.glyphs)) Asking Bitbucket… (Esc cancels)", x: x, y: y, role: .spinner)
            y += 1
        }
        // What the keys can do about the verdict, said where they apply.
        if state.verification == .idle {
            y += ScreenKit.paragraph("Press v to verify.", x: x, y: y, role: .muted, into: &canvas)
        } else if let verdict = state.verification.value, verdict.isWeakEvidence, verdict.isUsable, !state.weakVerdictAccepted {
            y += ScreenKit.paragraph("Press y to go on with this weaker check anyway, or make the consumer private in Bitbucket and press v.",
                                     x: x, y: y, role: .warning, into: &canvas)
        }
        y += 1
        if item == .proceed { focusRow = y }
        _ = ScreenKit.button("Continue", y: y, focused: item == .proceed, into: &canvas)
        return ScreenLayout(focusRow: focusRow, usedRows: y + 1)
    }
}
