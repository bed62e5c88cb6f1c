import SetupCore

/// Step 2: the Clerk application and instance, and the Callback URL that follows.
struct ApplicationScreen: WizardScreen {
    enum Item: Int, CaseIterable { case application, instance, callback, proceed }

    var applications = ListView(emptyText: ApplicationPage.noApplications)
    var instanceCursor = 0
    var focus = FocusRing(count: Item.allCases.count)
    private var listRows = 5
    private var availableRows = 8

    var item: Item { Item(rawValue: focus.index) ?? .proceed }
    var isEditingText: Bool { applications.isFiltering }

    mutating func layout(columns: Int, rows: Int) {
        availableRows = max(3, min(8, rows - 12))
        fitList()
    }

    /// As many rows as there are applications (plus the count line), within what fits.
    private mutating func fitList() {
        listRows = max(3, min(availableRows, applications.rows.count + 1))
        applications.layout(height: listRows - 1)
    }

    mutating func sync(_ state: WizardState) -> [WizardAction] {
        let rows = state.applications.map { application in
            ListRow(id: application.id, title: DisplayText.sanitize(application.name, limit: 60),
                    detail: application.instances.map { $0.environment.name }.joined(separator: ", "))
        }
        if rows != applications.rows {
            applications.setRows(rows)
            fitList()
        }
        if let id = state.selectedApplicationID, applications.selectedRow?.id != id { applications.select(id: id) }
        if let instances = state.selectedApplication?.instances,
           let index = instances.firstIndex(where: { $0.id == state.selectedInstanceID }) {
            instanceCursor = index
        }
        if state.isManualClerk { focus.index = Item.callback.rawValue }
        return []
    }

    func bindings(_ state: WizardState) -> [KeyBinding<Self>] {
        let copyCallback = KeyBinding<Self>(.character("c"), help: .bar("c", state.isManualClerk ? "copy Callback URL" : "copy")) { _, _, state in
            state.target.map { [.copy(label: "the Callback URL", value: Secret($0.callbackURL))] } ?? []
        }
        let proceed = KeyBinding<Self>(.enter, help: .bar("Enter", "continue")) { _, _, _ in [.send(.next)] }
        if state.isManualClerk { return [proceed, copyCallback] }
        switch item {
        case .application:
            // Enter on an application goes on with the instance shown chosen (production when
            // there is one): one key for the usual case; Tab reaches the instances first.
            let list = applications.bindings(at: \Self.applications, enter: "continue") { screen, outcome, key, state in
                var commands = screen.selection(state)
                switch outcome {
                case .submitted: commands.append(.send(.next))
                case .ignored: if !screen.focus.move(key) && commands.isEmpty { return nil }
                default: break
                }
                return commands
            }
            // Leaving the list chooses the application it shows.
            let leave: (inout Self, WizardState) -> [ScreenCommand] = { screen, state in screen.selection(state) }
            return list + [FocusRing.binding(at: \Self.focus, .tab, help: .bar("Tab", "instance"), then: leave),
                           FocusRing.binding(at: \Self.focus, .backTab, help: .dialog("Shift-Tab", "to Continue"), then: leave)]
        case .instance:
            let instances = state.selectedApplication?.instances ?? []
            let choose: (inout Self, KeyEvent, WizardState) -> [ScreenCommand]? = { screen, key, _ in
                switch key {
                case .down where screen.instanceCursor < instances.count - 1, .right where screen.instanceCursor < instances.count - 1:
                    screen.instanceCursor += 1
                case .up where screen.instanceCursor > 0, .left where screen.instanceCursor > 0:
                    screen.instanceCursor -= 1
                case .character(" "):
                    break
                default:
                    // ↑ on the first instance and ↓ on the last move the focus on.
                    _ = screen.focus.move(key)
                    return []
                }
                guard instances.indices.contains(screen.instanceCursor) else { return [] }
                return [.send(.selectInstance(instances[screen.instanceCursor].id))]
            }
            let enter = KeyBinding<Self>(.enter, help: .bar("Enter", "continue")) { screen, _, _ in
                guard instances.indices.contains(screen.instanceCursor) else { return [] }
                return [.send(.selectInstance(instances[screen.instanceCursor].id)), .send(.next)]
            }
            return [KeyBinding(.up, .down, help: .bar("↑↓", "choose instance"), action: choose), enter, FocusRing.binding(at: \Self.focus, .tab, help: .bar("Tab", "next")),
                    FocusRing.binding(at: \Self.focus, .backTab, help: .dialog("Shift-Tab", "previous")),
                    KeyBinding(.left, .right, .character(" "), help: .dialog("← / → Space", "choose instance"), action: choose)]
        case .callback:
            return [copyCallback, proceed] + FocusRing.bindings(at: \Self.focus)
        case .proceed:
            return [proceed,
                    FocusRing.binding(at: \Self.focus, .backTab, help: .bar("Shift-Tab", "back to fields")),
                    KeyBinding(.character(" "), help: .dialog("Space", "continue")) { _, _, _ in [.send(.next)] },
                    FocusRing.binding(at: \Self.focus, .up, help: .dialog("↑", "previous field")),
                    FocusRing.binding(at: \Self.focus, .tab, help: .dialog("Tab", "back to the list"))]
        }
    }

    /// Selecting the application the list shows, when the state has another.
    private func selection(_ state: WizardState) -> [ScreenCommand] {
        guard let selected = applications.selectedRow?.id, selected != state.selectedApplicationID else { return [] }
        return [.send(.selectApplication(selected))]
    }

    func render(_ state: WizardState, into canvas: inout Canvas, tick: Int) -> ScreenLayout {
        var y = 0
        var focusRow = 0
        var focusHeight = 1
        if case .loaded(.manual(let target, let source)) = state.clerkAccess {
            ScreenKit.heading(ApplicationPage.manualHeading(source), y: y, into: &canvas); y += 1
            canvas.put(ApplicationPage.manualInstance(target), x: ScreenKit.margin + 2, y: y, role: .fieldText); y += 2
            y = callbackBlock(state, target: target, y: y, focused: true, into: &canvas, focusRow: &focusRow, focusHeight: &focusHeight)
            return ScreenLayout(focusRow: focusRow, focusHeight: focusHeight, usedRows: y)
        }
        ScreenKit.heading(ApplicationPage.applicationHeading, y: y, into: &canvas); y += 1
        if item == .application { focusRow = y }
        let listRect = Rect(x: ScreenKit.margin, y: y, width: canvas.width - ScreenKit.margin * 2, height: listRows)
        applications.render(into: &canvas, at: listRect, focused: item == .application)
        let cursor = item == .application ? applications.filterCursor(in: listRect, glyphs: canvas.glyphs) : nil
        y += listRows + 1
        ScreenKit.heading(ApplicationPage.instanceHeading, y: y, into: &canvas); y += 1
        let g = canvas.glyphs
        for (index, instance) in (state.selectedApplication?.instances ?? []).enumerated() {
            let chosen = instance.id == state.selectedInstanceID
            let focused = item == .instance && index == instanceCursor
            if focused { focusRow = y; canvas.fill(Rect(x: ScreenKit.margin, y: y, width: canvas.width - ScreenKit.margin * 2, height: 1), role: .focusRow) }
            let role: Role = focused ? .focusRow : (chosen ? .selected : .normal)
            var x = ScreenKit.margin
            x += canvas.put(focused ? "\(g.pointer) " : "  ", x: x, y: y, role: role)
            x += canvas.put(chosen ? "(\(g.bullet)) " : "( ) ", x: x, y: y, role: role)
            x += canvas.put(instance.environment.name, x: x, y: y, role: role)
            canvas.put("  " + (instance.publishableKey.flatMap { try? PublishableKey($0) }?.frontendAPIHost ?? instance.id),
                       x: x, y: y, role: focused ? role : .muted, maxWidth: canvas.width - x - ScreenKit.margin)
            y += 1
        }
        y += 1
        if let target = state.target {
            y = callbackBlock(state, target: target, y: y, focused: item == .callback, into: &canvas, focusRow: &focusRow, focusHeight: &focusHeight)
        } else if let id = state.selectedApplicationID, let status = state.domains[id] {
            y += ScreenKit.check(status, loading: ApplicationPage.readingDomains, loaded: { _ in ApplicationPage.domainsRead }, y: y, tick: tick, into: &canvas)
        }
        y += 1
        if item == .proceed { focusRow = y }
        _ = ScreenKit.button("Continue", y: y, focused: item == .proceed, into: &canvas)
        return ScreenLayout(cursor: cursor, focusRow: focusRow, focusHeight: focusHeight, usedRows: y + 1)
    }

    /// The Callback URL's row (its value under the label when long: `focusHeight` counts
    /// those rows, so a small terminal scrolls the whole value into view), its hint and note.
    private func callbackBlock(_ state: WizardState, target: ClerkTarget, y start: Int, focused: Bool, into canvas: inout Canvas,
                               focusRow: inout Int, focusHeight: inout Int) -> Int {
        var y = start
        if focused { focusRow = y }
        let rows = ScreenKit.valueRow(ApplicationPage.callbackLabel, target.callbackURL, y: y, focused: focused, into: &canvas)
        if focused { focusHeight = rows }
        y += rows
        for line in ApplicationPage.callbackNotes(target) { y += ScreenKit.line(line, x: ScreenKit.margin + 2, y: y, into: &canvas) }
        return y
    }
}
