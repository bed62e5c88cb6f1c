#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SetupCore

/// Step 9: what was configured where, and how to try a sign-in.
struct DoneScreen: WizardScreen {
    var isEditingText: Bool { false }
    /// Whether the summary is taller than the content area (measured when the size or the
    /// state changes, not on every key or frame).
    private var scrolls = false
    private var visibleRows = Int.max
    private var columns = 80
    /// Whether the end of the summary is in view (↓) rather than its start (↑). Nothing is
    /// focusable here, so the "focus" row the frame keeps in view is the first or the last.
    private var showsEnd = false

    mutating func layout(columns: Int, rows: Int) {
        self.columns = columns
        visibleRows = rows
    }

    mutating func sync(_ state: WizardState) -> [WizardAction] {
        scrolls = isTaller(than: visibleRows, columns: columns, state)
        return []
    }

    func bindings(_ state: WizardState) -> [KeyBinding<Self>] {
        var keys: [KeyBinding<Self>] = [KeyBinding(.enter, help: .bar("Enter", "finish")) { _, _, _ in [.finish] }]
        if scrolls {
            keys.append(KeyBinding(.down, .up, help: .bar("↑↓", "scroll")) { screen, key, _ in screen.showsEnd = key == .down; return [] })
        }
        if let url = state.target?.signInURL {
            if let link = URL(string: url) {
                keys.append(KeyBinding(.character("o"), help: .bar("o", "open sign-in")) { _, _, _ in [.open(link)] })
            }
            keys.append(KeyBinding(.character("c"), help: .bar("c", "copy link")) { _, _, _ in [.copy(label: "the sign-in link", value: Secret(url))] })
        }
        keys.append(KeyBinding(.character("q"), help: .dialog("q", "finish")) { _, _, _ in [.finish] })
        if scrolls {
            // Two places to be (the summary's start, its end), so each key goes to one.
            keys.append(KeyBinding(.pageDown, .end, .character("j"), help: .dialog("PgDn End j", "to the end")) { screen, _, _ in
                screen.showsEnd = true
                return []
            })
            keys.append(KeyBinding(.pageUp, .home, .character("k"), help: .dialog("PgUp Home k", "to the start")) { screen, _, _ in
                screen.showsEnd = false
                return []
            })
        }
        return keys
    }

    func render(_ state: WizardState, into canvas: inout Canvas, tick: Int) -> ScreenLayout {
        var y = 0
        ScreenKit.heading(DonePage.heading, y: y, into: &canvas)
        y += 2
        for line in DonePage.facts(state) { y += ScreenKit.line(line, y: y, into: &canvas) }
        y += 1  // a blank row between what holds and what to try
        for text in DonePage.advice(state, keys: "o opens, c copies") { y += ScreenKit.paragraph(text, y: y, role: .hint, into: &canvas) }
        y += 1
        canvas.put("Press Enter to finish.", x: ScreenKit.margin, y: y, role: .label)
        return ScreenLayout(focusRow: showsEnd ? y : 0, usedRows: y + 1)
    }
}
