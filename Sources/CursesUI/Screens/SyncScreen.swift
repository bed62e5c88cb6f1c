import SetupCore

/// Step 8: the change to Clerk as a before/after diff (a dry run), applied in one guarded
/// PATCH, read back and confirmed from the outside. Manual mode shows the Dashboard steps.
struct SyncScreen: WizardScreen {
    enum Item: Equatable { case clientID, clientSecret, action, proceed }
    var focus = FocusRing(index: 1, count: 2)
    private var items: [Item] = [.action, .proceed]

    var item: Item { items.indices.contains(focus.index) ? items[focus.index] : .proceed }
    var isEditingText: Bool { false }
    /// The focus at which ↑ showed the top of the screen (the target and the diff's first
    /// lines, or the Dashboard steps) rather than the focus: on a small terminal nothing
    /// focusable is up there, so ↑ past the first item scrolls to it, as on Done. Moving the
    /// focus, or ↓, leaves it.
    private var topShownAt: Int?
    private var showsTop: Bool { topShownAt == focus.index }
    /// Whether the screen is taller than its area (then ↑ at the first item shows the top).
    private var scrolls = false
    private var columns = 80
    private var visibleRows = Int.max

    mutating func layout(columns: Int, rows: Int) {
        self.columns = columns
        visibleRows = rows
    }

    func bindings(_ state: WizardState) -> [KeyBinding<Self>] {
        var keys = stepBindings(state)
        guard scrolls else { return keys }
        let toTop = KeyBinding<Self>(.up, .pageUp, .home, .character("k"), help: .bar("↑↓", "scroll")) { screen, _, _ in
            guard screen.focus.index == 0 else { return nil }  // elsewhere the arrows move the focus
            screen.topShownAt = screen.focus.index
            return []
        }
        let toFocus = KeyBinding<Self>(.down, .pageDown, .end, .character("j"), help: .dialog("↓ PgDn End j", "back from the top")) { screen, _, _ in
            guard screen.showsTop else { return nil }
            screen.topShownAt = nil
            return []
        }
        // Ahead of Tab in the bar, so a narrow one keeps it: the top is reached no other way.
        keys.insert(toTop, at: min(2, keys.count))
        return [toFocus] + keys
    }

    mutating func sync(_ state: WizardState) -> [WizardAction] {
        defer { scrolls = isTaller(than: visibleRows, columns: columns, state) }
        let wanted: [Item] = state.isManualClerk ? [.clientID, .clientSecret, .action, .proceed] : [.action, .proceed]
        if wanted != items {
            items = wanted
            focusOnArrival(state)
        }
        // Once everything checks out, Continue is what comes next. In manual mode that waits
        // for the test sign-in: after another client_id, checking again is next instead.
        let redirectHolds = !state.signInRedirect.isLoading && !(state.signInRedirect.value?.isMismatch ?? false)
        if state.signInConfirmed, redirectHolds, item == .action, let index = items.firstIndex(of: .proceed) { focus.index = index }
        return []
    }

    mutating func arrive(_ state: WizardState) {
        _ = sync(state)
        focusOnArrival(state)
    }

    /// Arrival focuses Continue, never the apply button: the Enter that brought the user
    /// here (or one typed ahead) must not write to Clerk. Applying takes `a`. Manual mode
    /// starts on "I saved it: check now", which writes nothing.
    private mutating func focusOnArrival(_ state: WizardState) {
        let arrival: Item = state.isManualClerk ? .action : .proceed
        focus = FocusRing(index: items.firstIndex(of: arrival) ?? 0, count: items.count)
    }

    /// The step's own keys; ``bindings(_:)`` adds scrolling to the top where the screen needs it.
    private func stepBindings(_ state: WizardState) -> [KeyBinding<Self>] {
        let press = KeyBinding<Self>(.enter, help: nil) { screen, _, state in
            switch screen.item {
            // A focused Apply button is a choice the user made with Tab; Enter presses it.
            case .action: return [.send(state.isManualClerk ? .markManualSaved : (state.applied.value == nil ? .applySync : .checkEnvironment))]
            case .proceed: return [.send(.next)]
            default: screen.focus.next(); return []
            }
        }
        let space = KeyBinding<Self>(.character(" "), help: .dialog("Space", "as Enter"), action: press.action)
        let tab = [FocusRing.binding(at: \Self.focus, .tab, help: .bar("Tab", "move")),
                   FocusRing.binding(at: \Self.focus, .backTab, help: .dialog("Shift-Tab", "move back"))]
        let bothTabs = FocusRing.binding(at: \Self.focus, .tab, .backTab, help: .focusKeys)
        let arrows = FocusRing.binding(at: \Self.focus, .down, .up, help: .arrows)
        if state.isManualClerk {
            var keys: [KeyBinding<Self>] = [KeyBinding(.character("m"), help: .bar("m", "check now")) { _, _, _ in [.send(.markManualSaved)] }]
            if item == .clientID || item == .clientSecret {
                keys.append(KeyBinding(.character("c"), help: .bar("c", "copy")) { screen, _, state in
                    guard let credentials = state.consumerCredentials else { return [] }
                    return screen.item == .clientID ? [.copy(label: "the Client ID", value: Secret(credentials.key))]
                        : [.copy(label: "the Client Secret", value: credentials.secret)]
                })
            }
            keys.append(KeyBinding(.character("r"), help: .bar("r", state.secretRevealed ? "hide" : "reveal")) { _, _, _ in [.send(.toggleReveal)] })
            keys.append(press.with(.bar("Enter", "select")))
            return keys + [space, bothTabs, arrows]
        }
        // Apply and preview are offered while they can start something; otherwise the
        // reducer says why not (a write is out, or it is applied), so the dialog names them.
        let offered = state.applied.value == nil && !state.isWriting
        let apply = KeyBinding<Self>(.character("a"), help: offered ? .bar("a", "apply") : .dialog("a", "apply (says why not now)")) { _, _, _ in [.send(.applySync)] }
        let preview = KeyBinding<Self>(.character("p"), help: offered ? .bar("p", "preview again") : .dialog("p", "preview again (says why not now)")) { _, _, _ in
            [.send(.previewSync)]
        }
        if state.applied.value != nil {
            let verify = KeyBinding<Self>(.character("v"), help: state.signInConfirmed ? .dialog("v", "check again") : .bar("v", "check again")) { _, _, _ in
                [.send(.checkEnvironment)]
            }
            return [verify, press.with(.bar("Enter", "continue")), space, bothTabs, arrows, apply, preview]
        }
        let pressHere = press.with(.dialog("Enter", "press the focused button"))
        if state.isWriting { return tab + [pressHere, space, arrows, apply, preview] }
        return [apply, preview] + tab + [pressHere, space, arrows]
    }

    func render(_ state: WizardState, into canvas: inout Canvas, tick: Int) -> ScreenLayout {
        guard let target = state.target else { return ScreenLayout() }
        var y = 0
        var focusRow = 0
        ScreenKit.heading(SyncPage.heading(target), y: y, into: &canvas)
        y += 2
        if state.isManualClerk {
            y = manual(state, target: target, y: y, into: &canvas, focusRow: &focusRow)
        } else {
            y = platform(state, y: y, tick: tick, into: &canvas, focusRow: &focusRow)
        }
        let asking = state.environmentAttempts > 1 ? "Propagating: asking Clerk's Frontend API again (check \(state.environmentAttempts))…"
            : StepTexts.askingFrontendAPI
        y += ScreenKit.check(state.environmentCheck, loading: asking, loaded: \.userMessage, good: \.isOn,
                             y: y, tick: tick, into: &canvas)
        if state.isManualClerk {
            // The proof from outside: the client_id Clerk sends users to Bitbucket with.
            y += ScreenKit.check(state.signInRedirect, loading: StepTexts.askingSignInRedirect,
                                 loaded: \.userMessage, good: \.isProof, y: y, tick: tick, into: &canvas)
        }
        y += 1
        if item == .proceed { focusRow = y }
        _ = ScreenKit.button("Continue", y: y, focused: item == .proceed, into: &canvas)
        return ScreenLayout(focusRow: showsTop ? 0 : focusRow, usedRows: y + 1)
    }

    private func platform(_ state: WizardState, y start: Int, tick: Int, into canvas: inout Canvas, focusRow: inout Int) -> Int {
        var y = start
        y += ScreenKit.paragraph(SyncPage.diffHeading(applied: state.applied.value != nil), y: y, role: .hint, into: &canvas)
        if let lines = SyncPage.diff(state) {
            let view = DiffView(lines: lines.map(DiffLine.init))
            let width = canvas.width - ScreenKit.margin * 2 - 2
            let height = view.rows(width: width).count
            view.render(into: &canvas, at: Rect(x: ScreenKit.margin + 2, y: y, width: width, height: height), focused: false)
            y += height
        } else {
            y += ScreenKit.check(state.dryRun.isLoading ? .loading : state.clerkConfig.map { _ in true },
                                 loading: "Reading the current configuration and asking for a dry run…", loaded: { _ in "" },
                                 y: y, tick: tick, into: &canvas)
            if let error = state.dryRun.error {
                y += ScreenKit.paragraph("\(canvas.glyphs.cross) \(error.userMessage) Nothing was changed in Clerk (a dry run); press p to try again.",
                                         x: ScreenKit.margin + 2, y: y, role: .error, into: &canvas)
            }
        }
        y += 1
        if item == .action { focusRow = y }
        switch state.applied {
        case .loaded(let result):
            y += ScreenKit.line(SyncPage.applied(result), x: ScreenKit.margin + 2, y: y, into: &canvas)
            if let check = state.writeCheck {
                // Say how it is known: the answer was lost, the re-read found the change.
                y += ScreenKit.paragraph("Clerk's answer to the change was lost (\(DisplayText.sanitize(check.cause.userMessage, limit: 200))); the configuration read again shows it.",
                                         x: ScreenKit.margin + 4, y: y, role: .muted, into: &canvas)
            }
            let reading = state.readBackAttempts > 1 ? "Propagating: Clerk's reads still show the old value; reading again (read \(state.readBackAttempts))…"
                : StepTexts.readingBack
            let patch = state.configPatch
            y += ScreenKit.check(state.readBack, loading: reading, loaded: SyncPage.readBack, good: { patch.map($0.connection.shows) ?? true }, y: y, tick: tick, into: &canvas)
        case .loading:
            canvas.put("\(Spinner.frame(tick, glyphs: canvas.glyphs)) \(StepTexts.applying)", x: ScreenKit.margin + 2, y: y, role: .spinner)
            y += 1
        case .failed where state.writeCheck?.isChecking == true:
            canvas.put("\(Spinner.frame(tick, glyphs: canvas.glyphs)) Clerk's answer did not arrive: reading the configuration again…",
                       x: ScreenKit.margin + 2, y: y, role: .spinner, maxWidth: canvas.width - ScreenKit.margin * 2 - 2)
            y += 1
        default:
            let enabled = state.dryRun.value != nil
            let used = ScreenKit.button("Apply to Clerk", y: y, focused: item == .action, into: &canvas)
            let note = enabled ? "a applies with If-Match; p previews again" : "waiting for the dry run"
            // Beside the button where it fits, else on the row below: never cut.
            if ScreenKit.margin + 4 + used + DisplayWidth.of(note) <= canvas.width - ScreenKit.margin {
                canvas.put(note, x: ScreenKit.margin + 4 + used, y: y, role: .muted)
            } else {
                y += 1
                canvas.put(note, x: ScreenKit.margin + 4, y: y, role: .muted)
            }
            y += 1
            // Only what is known: "nothing was changed" only when Clerk refused before writing.
            if let check = state.writeCheck {
                let role: Role = check.outcome == .unknown ? .error : .warning
                y += ScreenKit.paragraph("\(canvas.glyphs.warning) \(check.userMessage)", x: ScreenKit.margin + 2, y: y, role: role, into: &canvas)
            } else if let error = state.applied.error {
                y += ScreenKit.paragraph("\(canvas.glyphs.cross) \(WriteOutcome.refused.userMessage(cause: error))",
                                         x: ScreenKit.margin + 2, y: y, role: .error, into: &canvas)
            }
        }
        return y
    }

    private func manual(_ state: WizardState, target: ClerkTarget, y start: Int, into canvas: inout Canvas, focusRow: inout Int) -> Int {
        var y = start
        for step in DashboardSteps.lines { y += ScreenKit.paragraph(step, y: y, role: .hint, into: &canvas) }
        // Clerk's Dashboard calls the key and secret Client ID and Client Secret.
        let rows = ScreenKit.keyAndSecret(state, labels: (SyncPage.clientIDLabel, SyncPage.clientSecretLabel),
                                          focus: item == .clientID ? 0 : item == .clientSecret ? 1 : nil, y: y, into: &canvas)
        if let row = rows.focusRow { focusRow = row }
        y += rows.rows + 1
        if item == .action { focusRow = y }
        _ = ScreenKit.button("I saved it: check now", y: y, focused: item == .action, into: &canvas)
        return y + 1
    }
}

extension DiffLine {
    init(_ line: ConfigDiffLine) {
        let kind: Kind = switch line.kind {
        case .same: .same
        case .removed: .removed
        case .added: .added
        }
        self.init(kind, line.text)
    }
}

extension RemoteStatus {
    /// The same status with its value transformed.
    func map<T: Equatable & Sendable>(_ transform: (Value) -> T) -> RemoteStatus<T> {
        switch self {
        case .idle: .idle
        case .loading: .loading
        case .loaded(let value): .loaded(transform(value))
        case .failed(let error): .failed(error)
        }
    }
}
