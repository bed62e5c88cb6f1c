#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SetupCore

/// Step 3: the workspaces the user administers, names filled in for the visible rows first.
struct WorkspaceScreen: WizardScreen {
    var list = ListView(emptyText: WorkspacePage.loading)
    private var listRows = 10
    private var requested: Set<String> = []

    var isEditingText: Bool { list.isFiltering }

    mutating func layout(columns: Int, rows: Int) {
        listRows = max(4, rows - 5)
        list.layout(height: listRows - 1 - (list.isFiltering || !list.filter.isEmpty ? 1 : 0))
    }

    mutating func sync(_ state: WizardState) -> [WizardAction] {
        let rows = state.workspaces.entries.map { entry in
            ListRow(id: entry.slug, title: entry.title, detail: entry.details == nil ? "" : entry.displaySlug)
        }
        if rows != list.rows {
            list.setRows(rows)
            if let chosen = state.selectedWorkspace { list.select(id: chosen) }
        }
        if state.workspaces.entries.isEmpty { requested = [] }
        return requestVisibleNames(state)
    }

    /// Names for the rows in view first; the rest as the user scrolls.
    private mutating func requestVisibleNames(_ state: WizardState) -> [WizardAction] {
        let needed = list.visibleRowIDs.filter { !requested.contains($0) && state.workspaces.entry($0)?.details == nil }
        guard !needed.isEmpty else { return [] }
        requested.formUnion(needed)
        return [.workspaceRowsVisible(needed)]
    }

    func bindings(_ state: WizardState) -> [KeyBinding<Self>] {
        let list = list.bindings(at: \Self.list) { screen, outcome, _, state in
            switch outcome {
            case .submitted:
                guard let row = screen.list.selectedRow else { return [] }
                return [.send(.selectWorkspace(row.id)), .send(.next)]
            case .ignored:
                return nil
            default:
                // A key moves the view, not the state: only newly visible rows may need names
                // (rebuilding 10,000 rows here cost ~4 ms a keystroke while filtering).
                return screen.requestVisibleNames(state).map { .send($0) }
            }
        }
        if self.list.isFiltering { return list }
        let bar = list.filter { $0.help?.place == .bar }
        return bar + [
            KeyBinding(.character("r"), help: .bar("r", "refresh")) { _, _, _ in [.send(.refreshWorkspaces)] },
            KeyBinding(.character("o"), help: .bar("o", "new workspace")) { _, _, state in [.open(state.endpoints.createWorkspaceURL)] },
        ] + list.filter { $0.help?.place != .bar } + [
            KeyBinding(.character("c"), help: .copyFocused) { screen, _, _ in
                screen.list.selectedRow.map { [.copy(label: "the workspace ID", value: Secret($0.id))] } ?? []
            },
        ]
    }

    func render(_ state: WizardState, into canvas: inout Canvas, tick: Int) -> ScreenLayout {
        var y = 0
        var heading = WorkspacePage.heading
        if state.workspacesLoad.isLoading { heading += " \(Spinner.frame(tick, glyphs: canvas.glyphs)) \(WorkspacePage.loadingShort)" }
        ScreenKit.heading(heading, y: y, into: &canvas)
        y += 1
        if let error = state.workspacesLoad.error {
            y += ScreenKit.paragraph("\(canvas.glyphs.cross) \(error.userMessage) Press r to try again.", y: y, role: .error, into: &canvas)
        }
        let rect = Rect(x: ScreenKit.margin, y: y, width: canvas.width - ScreenKit.margin * 2, height: listRows)
        list.render(into: &canvas, at: rect, focused: true)
        let cursor = list.filterCursor(in: rect, glyphs: canvas.glyphs)
        let focusRow = y + max(0, list.selection - list.scrollTop)
        y += listRows
        let note = WorkspacePage.noneOfThese(hidden: state.workspaces.memberOnlyCount ?? 0, keys: "o")
        y += ScreenKit.paragraph(note + " " + state.endpoints.createWorkspaceURL.absoluteString, y: y, role: .hint, into: &canvas)
        return ScreenLayout(cursor: cursor, focusRow: focusRow, usedRows: y)
    }
}
