import SetupCore

/// Step 5: Bitbucket's permission form as Bitbucket lays it out (a row per resource, its
/// levels across), with its implications applied as you tick, the focused box explained on
/// the line below.
struct ScopesScreen: WizardScreen {
    var grid = ScopeGrid(rows: [])
    private var columns = 80
    private var rows = 19

    var isEditingText: Bool { false }

    mutating func layout(columns: Int, rows: Int) {
        self.columns = columns
        self.rows = rows
    }

    mutating func sync(_ state: WizardState) -> [WizardAction] {
        let rows = PermissionCatalogue.groups.map { group in
            ScopeGrid.Row(title: group.name, boxes: group.levels.map { level in
                ScopeGrid.Box(id: level.scope.rawValue, title: level.name, isChecked: state.scopes.contains(level.scope),
                              isLocked: state.scopes.isLocked(level.scope), note: state.scopes.lockReason(level.scope) ?? group.note)
            })
        }
        if rows != grid.rows { grid.setRows(rows) }
        let size = gridSize(state)
        grid.layout(width: size.width, height: size.height)
        return []
    }

    func bindings(_ state: WizardState) -> [KeyBinding<Self>] {
        var keys: [KeyBinding<Self>] = [
            KeyBinding(.character(" "), help: .bar("Space", "tick")) { screen, key, _ in
                guard let box = screen.grid.focusedBox else { return [] }
                _ = screen.grid.handle(key)
                // The reducer decides (a locked box stays ticked, and the status says why); the
                // next sync writes its answer back into the grid.
                return [.send(.toggleScope(Scope(rawValue: box.id)))]
            },
        ]
        let moves = ScopeGrid.moveBindings(at: \Self.grid)
        keys.append(moves[0])
        keys.append(KeyBinding(.enter, help: .bar("Enter", "continue")) { screen, key, _ in
            screen.grid.handle(key) == .submitted ? [.send(.next)] : nil
        })
        return keys + moves.dropFirst()
    }

    /// The grid's size: all of it when it fits between the intro and the lines under it
    /// (the focused box's explanation and the summary), with a blank above and below it
    /// when there is room; else what is left there, less a row for "n–m of k".
    private func gridSize(_ state: WizardState) -> (width: Int, height: Int, gaps: Int, scrolls: Bool) {
        let width = max(1, columns - ScreenKit.margin * 2)
        let textWidth = max(10, columns - ScreenKit.margin * 2)
        let intro = TextWrap.wrap(ScopesPage.intro, width: textWidth).count
        let summary = TextWrap.wrap(ScopesPage.summary(state.scopes).text, width: textWidth).count
        let room = rows - intro - 1 - summary
        let needed = grid.lineCount(width: width)
        if needed + 2 <= room { return (width, needed, 2, false) }
        if needed + 1 <= room { return (width, needed, 1, false) }
        return (width, max(3, room - 1), 0, true)
    }

    func render(_ state: WizardState, into canvas: inout Canvas, tick: Int) -> ScreenLayout {
        let size = gridSize(state)
        let g = canvas.glyphs
        var y = ScreenKit.paragraph(ScopesPage.intro, y: 0, role: .hint, into: &canvas) + min(1, size.gaps)
        grid.render(into: &canvas, at: Rect(x: ScreenKit.margin, y: y, width: size.width, height: size.height), focused: true)
        let focusRow = y + grid.cursorLine(width: size.width, height: size.height)
        y += size.height + (size.gaps == 2 ? 1 : 0)
        let x = ScreenKit.margin + 2
        if size.scrolls {
            let shown = grid.visibleRows(width: size.width, height: size.height)
            canvas.put("\(shown.lowerBound + 1)–\(shown.upperBound) of \(grid.rows.count) resources \(g.separator) ↑↓ for more",
                       x: x, y: y, role: .muted)
            y += 1
        }
        if let box = grid.focusedBox, grid.rows.indices.contains(grid.cursor.row) {
            // "Repositories → Read (repository): implied by Pull requests → Read", or, when
            // that is too wide, the scope's name and the reason alone.
            let named = "\(grid.rows[grid.cursor.row].title) → \(box.title) (\(box.id))"
            let note = box.note.map { ": " + $0 } ?? ""
            let room = canvas.width - x - ScreenKit.margin
            // As drawn: under LANG=C "→" takes two columns ("->").
            let drawn = g.spelled(named + note)
            let name = DisplayWidth.of(drawn) <= room ? named : box.id
            let used = canvas.put(name, x: x, y: y, role: .muted, maxWidth: room)
            canvas.put(note, x: x + used, y: y, role: .notice, maxWidth: room - used)
        }
        y += 1
        y += ScreenKit.line(ScopesPage.summary(state.scopes), y: y, into: &canvas)
        return ScreenLayout(focusRow: focusRow, usedRows: y)
    }
}
