import SetupCore

/// Step 5: Bitbucket's permission checkboxes, with its implications applied as you tick.
struct ScopesScreen: WizardScreen {
    var group = CheckboxGroup(items: [])
    private var listRows = 12

    var isEditingText: Bool { false }

    mutating func layout(columns: Int, rows: Int) { listRows = max(4, rows - 7) }

    mutating func sync(_ state: WizardState) -> [WizardAction] {
        let items = PermissionCatalogue.groups.flatMap { group in
            group.levels.map { level in
                CheckboxItem(id: level.scope.rawValue, title: "\(group.name): \(level.name)", detail: level.scope.rawValue,
                             isChecked: state.scopes.contains(level.scope), isLocked: state.scopes.isLocked(level.scope),
                             tag: state.scopes.lockReason(level.scope) ?? group.note)
            }
        }
        if items != group.items { group.setItems(items) }
        return []
    }

    mutating func handle(_ key: KeyEvent, _ state: WizardState) -> [ScreenCommand]? {
        switch key {
        case .character(" "):
            guard group.items.indices.contains(group.cursor) else { return [] }
            return [.send(.toggleScope(Scope(rawValue: group.items[group.cursor].id)))]
        case .enter:
            return [.send(.next)]
        case .tab:
            return group.handle(.down) == .ignored ? [] : []
        case .backTab:
            _ = group.handle(.up)
            return []
        default:
            return group.handle(key) == .ignored ? nil : []
        }
    }

    func render(_ state: WizardState, into canvas: inout Canvas, tick: Int) -> ScreenLayout {
        var y = 0
        y += ScreenKit.paragraph("Clerk needs Account: Email and Account: Read, and nothing else. Anything more widens what the consumer may do with every user's Bitbucket account.",
                                 y: y, role: .hint, into: &canvas)
        y += 1
        group.render(into: &canvas, at: Rect(x: ScreenKit.margin, y: y, width: canvas.width - ScreenKit.margin * 2, height: listRows), focused: true)
        let top = max(0, min(group.cursor - listRows + 1, group.items.count - listRows))
        let focusRow = y + group.cursor - top
        y += listRows
        let shownTo = min(group.items.count, top + listRows)
        if group.items.count > listRows {
            canvas.put("\(top + 1)–\(shownTo) of \(group.items.count) permissions \(canvas.glyphs.separator) ↑↓ for more",
                       x: ScreenKit.margin + 2, y: y, role: .muted)
            y += 1
        }
        let extra = state.scopes.beyondClerk
        let summary = extra.isEmpty ? "Ticked: exactly what Clerk needs."
            : "Beyond Clerk's needs: \(extra.map(\.rawValue).joined(separator: ", "))"
        y += ScreenKit.paragraph(summary, y: y, role: extra.isEmpty ? .success : .warning, into: &canvas)
        return ScreenLayout(focusRow: focusRow, usedRows: y)
    }

    func helpKeys(_ state: WizardState) -> [KeyHint] {
        [("Space", "tick"), ("↑↓", "move"), ("Enter", "continue")]
    }
}
