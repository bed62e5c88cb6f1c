#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SetupCore

/// The frame around every screen: the step header, the screen's content (scrolled so the
/// focus is in view on a small terminal), the status line and the help bar.
enum ScreenFrame {
    /// Rows the frame takes: two for the header, a blank, the status line and the help bar.
    static let chromeRows = 5
    /// Rows of the canvas a screen that fills twice its window is drawn on again.
    static let tallContentRows = 120

    /// The content area's size for a terminal of `columns`×`rows`.
    static func contentSize(columns: Int, rows: Int) -> (columns: Int, rows: Int) {
        (columns, max(1, rows - chromeRows))
    }

    /// Draws everything; returns where the cursor goes.
    static func draw(state: WizardState, screen: any WizardScreen, overlay: AppOverlay?, scrollOffset: inout Int,
                     tick: Int, into canvas: inout Canvas) -> CursorPosition? {
        let width = canvas.width
        let height = canvas.height
        StepHeader(state.step)
            .render(into: &canvas, at: Rect(x: 0, y: 0, width: width, height: StepHeader.height))
        if state.mode == .sandbox {
            canvas.put(" sandbox ", x: width - 10, y: 0, role: .notice)
        }

        // Content: drawn on a canvas of its own, then the window that holds the focus is copied.
        // Twice the window holds almost every screen; one that fills it (a long list, Done at
        // 60×16) is drawn again on a tall canvas. (A tall canvas for every frame was 230 KB to
        // allocate and clear at 80 columns: a sixth of the first frame's drawing time.)
        let rows = height - chromeRows
        var content = Canvas(width: width, height: max(rows * 2, 24), glyphs: canvas.glyphs)
        var layout = screen.render(state, into: &content, tick: tick)
        if max(layout.usedRows, layout.focusRow + layout.focusHeight) >= content.height {
            content = Canvas(width: width, height: max(rows, Self.tallContentRows), glyphs: canvas.glyphs)
            layout = screen.render(state, into: &content, tick: tick)
        }
        let used = max(layout.usedRows, layout.focusRow + 1)

        // The status is read in full: it takes the rows it needs (from the content's bottom,
        // up to `statusRowLimit`) rather than being cut at the edge. A message the body already shows in view is not
        // said twice: the status keeps only the keys it offers, and gives the rows back.
        // The keys a message offers are found by probing the screen: once a frame.
        let keys = state.status.map { StatusSentence.keys($0, screen: screen, state: state) } ?? ""
        let full = statusLines(state, keys: keys, tick: tick, width: width, height: height, glyphs: canvas.glyphs)
        // The body's text only when a message might be said there already (a status of more
        // than one row, nothing in progress): reading it back is not for every frame.
        let bodyText = !state.isBusy && full.lines.count > 1
            ? content.textLayer().split(separator: "\n", omittingEmptySubsequences: false) : []
        let start = scrollOffset
        var status = full
        var window = 0
        let echoed = echoedStatusLines(state, full: full, keys: keys, glyphs: canvas.glyphs, body: bodyText, used: used)
        for candidate in [echoed, full] {
            guard let candidate else { continue }
            status = candidate
            scrollOffset = start
            window = scroll(layout: layout, used: used, height: height, statusRows: candidate.lines.count, offset: &scrollOffset)
            guard candidate.lines.count < full.lines.count, let message = state.status?.text else { break }
            // Only when the message is in the rows on screen, not scrolled out of sight.
            if Self.shows(message, in: bodyText, rows: scrollOffset..<(scrollOffset + window), glyphs: canvas.glyphs) { break }
        }
        let extraRows = min(max(0, status.lines.count - 1), max(0, height - chromeRows - 3))
        let area = Rect(x: 0, y: 3, width: width, height: height - chromeRows - extraRows)

        // When it scrolls, the rows that say so are taken from the window, never drawn over it.
        let g = canvas.glyphs
        if scrollOffset > 0 {
            canvas.put("\(g.pointer) more above", x: max(0, width - 14), y: area.y - 1, role: .muted)
        }
        for row in 0..<window {
            copyRow(from: content, row: scrollOffset + row, to: &canvas, row: area.y + row)
        }
        if scrollOffset + window < used {
            canvas.put("more below \(g.pointer)", x: max(0, width - 14), y: area.y + window, role: .muted)
        }
        // Links wholly in view stay links; a dialog drawn over the screen takes them away.
        if overlay == nil {
            for link in content.hyperlinks where link.y >= scrollOffset && link.lastRow(width: width) < scrollOffset + window {
                canvas.addHyperlink(Hyperlink(url: link.url, x: link.x, y: link.y - scrollOffset + area.y, length: link.length))
            }
        }

        let statusTop = height - 2 - extraRows
        for (index, line) in status.lines.prefix(extraRows + 1).enumerated() {
            canvas.put(line, x: 1, y: statusTop + index, role: status.role, maxWidth: width - 2)
        }
        helpBar(state: state, screen: screen, overlay: overlay).render(into: &canvas, at: Rect(x: 0, y: height - 1, width: width, height: 1))

        if let overlay { draw(overlay, state: state, screen: screen, into: &canvas) }
        guard let cursor = layout.cursor else { return nil }
        let y = cursor.y - scrollOffset + area.y
        return y >= area.y && y < area.y + window ? CursorPosition(x: cursor.x, y: y) : nil
    }

    /// The keys in force by importance (the screen's, then the app's: Esc first while a
    /// request is out), with help and quit kept whatever the width; under an overlay, the
    /// overlay's own keys.
    static func helpBar(state: WizardState, screen: any WizardScreen, overlay: AppOverlay?) -> HelpBar {
        if let overlay {
            return HelpBar(OverlayKeys.bindings(overlay).compactMap { $0.help?.place == .bar ? $0.help?.hint : nil })
        }
        let bar = keysInForce(state: state, screen: screen).compactMap { $0.help?.place == .bar ? $0.help : nil }
        let ranked = bar.filter { $0.rank == .first } + bar.filter { $0.rank == .normal }
        let pinned = bar.filter { $0.rank == .pinned }
        let items = ranked.enumerated().map { HelpBar.Item(key: $1.key, action: $1.action, priority: ranked.count - $0) }
        return HelpBar(items: items + pinned.enumerated().map { HelpBar.Item(key: $1.key, action: $1.action, priority: 1_000 - $0) })
    }

    /// Every binding in force on `screen`, in the order that keys reach them: hot, the
    /// screen's, cold (``GlobalKeys``).
    static func keysInForce(state: WizardState, screen: any WizardScreen) -> [BoundKeys] {
        let screenKeys = screen.boundKeys(state)  // built once: a screen's bindings are built afresh each call
        return GlobalKeys.hot(state, editing: screen.isEditingText).map(\.described) + screenKeys
            + coldKeysInForce(state: state, screen: screen, screenKeys: screenKeys).map(\.described)
    }

    /// The app's cold keys that `screen` leaves to it: a key the screen binds reaches the
    /// screen first, so the app's meaning of it (q on Done finishes, it does not ask to quit)
    /// is not in force there and the help does not offer it.
    static func coldKeysInForce(state: WizardState, screen: any WizardScreen,
                                screenKeys: [BoundKeys]? = nil) -> [KeyBinding<GlobalKeys.Owner>] {
        let taken = Set((screenKeys ?? screen.boundKeys(state)).flatMap(\.keys))
        return GlobalKeys.cold(state, editing: screen.isEditingText).filter { $0.keys.allSatisfy { !taken.contains($0) } }
    }

    /// Scrolls the content so the focus is in view with a status of `statusRows` rows;
    /// returns how many content rows are shown.
    private static func scroll(layout: ScreenLayout, used: Int, height: Int, statusRows: Int, offset scrollOffset: inout Int) -> Int {
        let extraRows = min(max(0, statusRows - 1), max(0, height - chromeRows - 3))
        let areaHeight = height - chromeRows - extraRows
        let scrolls = used > areaHeight
        // A scrolled window keeps its last row for "more below"...
        let window = scrolls ? max(1, areaHeight - 1) : areaHeight
        if layout.focusRow < scrollOffset { scrollOffset = layout.focusRow }
        let focusEnd = layout.focusRow + min(layout.focusHeight, window) - 1
        if focusEnd >= scrollOffset + window { scrollOffset = focusEnd - window + 1 }
        scrollOffset = max(0, min(scrollOffset, max(0, used - window)))
        // ...unless it shows the end: then that row shows content (at 60×16 Connect had
        // hidden its first two rows and left the last one empty).
        if scrolls && scrollOffset + areaHeight > used {
            scrollOffset = used - areaHeight
            return areaHeight
        }
        return window
    }

    /// Whether `message` reads in `rows` of the body's text rows (its wrapped lines joined
    /// again).
    static func shows(_ message: String, in text: [Substring], rows: Range<Int>, glyphs: Glyphs) -> Bool {
        func words(_ text: String) -> String {
            text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\u{00A0}" }).joined(separator: " ")
        }
        let visible = rows.clamped(to: 0..<text.count).map { String(text[$0]) }.joined(separator: " ")
        let wanted = words(glyphs.spelled(message))
        return !wanted.isEmpty && words(visible).contains(wanted)
    }

    /// The status when the body already says its message: only the keys it offers, on one
    /// row ("! Press m to check again."), or nothing. Nil when the whole message is needed:
    /// it fits one row anyway, the body does not say it, or something is in progress.
    private static func echoedStatusLines(_ state: WizardState, full: (lines: [String], role: Role), keys: String, glyphs g: Glyphs,
                                          body: [Substring], used: Int) -> (lines: [String], role: Role)? {
        guard !state.isBusy, let status = state.status else { return nil }
        guard full.lines.count > 1, shows(status.text, in: body, rows: 0..<used, glyphs: g) else { return nil }
        guard !keys.isEmpty else { return ([], full.role) }
        return (["\(full.lines[0].first ?? g.pointer) \(keys)"], full.role)
    }

    private static func copyRow(from source: Canvas, row: Int, to canvas: inout Canvas, row target: Int) {
        guard row >= 0, row < source.height else { return }
        var x = 0
        while x < source.width {
            let cell = source[x, row]
            if !cell.isContinuation, cell.grapheme != " " || cell.role != .normal {
                canvas.put(String(cell.grapheme), x: x, y: target, role: cell.role, maxWidth: 2)
            }
            x += 1
        }
    }

    /// The most rows the status may take on a terminal `height` rows tall: three, or up to
    /// half the content area where that is more, so a long message on a narrow terminal is
    /// still read to its end (the content scrolls in what is left).
    static func statusRowLimit(height: Int) -> Int {
        max(3, (height - chromeRows) / 2)
    }

    /// The status line's rows: the spinner while busy, else the message (with the keys its
    /// actions take here) wrapped to the width. A message longer than the rows allowed is
    /// cut, never the keys it offers ("… Press v to check again.").
    private static func statusLines(_ state: WizardState, keys: String, tick: Int, width: Int, height: Int,
                                    glyphs g: Glyphs) -> (lines: [String], role: Role) {
        if state.isBusy { return (["\(Spinner.frame(tick, glyphs: g)) Working… Esc cancels."], .spinner) }
        guard let status = state.status else { return ([], .normal) }
        let (glyph, role): (Character, Role) = switch status.kind {
        case .info: (g.pointer, .notice)
        case .success: (g.check, .success)
        case .warning: (g.warning, .warning)
        case .error: (g.cross, .error)
        }
        let limit = statusRowLimit(height: height)
        let wrapWidth = max(1, width - 4)
        var lines = TextWrap.wrap("\(glyph) \(StatusSentence.joined(status.text, keys))", width: wrapWidth)
        if lines.count > limit {
            var words = status.text.split(separator: " ")
            while lines.count > limit, !words.isEmpty {
                words.removeLast(max(1, words.count / 8))
                let cut = "\(glyph) " + words.joined(separator: " ") + " " + String(g.ellipsis) + (keys.isEmpty ? "" : " " + keys)
                lines = TextWrap.wrap(cut, width: wrapWidth)
            }
            if lines.count > limit {
                lines = Array(lines.prefix(limit))
                lines[limit - 1] = DisplayWidth.truncate(lines[limit - 1] + " " + String(g.ellipsis), to: max(1, width - 2), ellipsis: g.ellipsis)
            }
        }
        // Continuation rows line up under the text, not under the glyph.
        return (lines.enumerated().map { $0.offset == 0 ? $0.element : "  " + $0.element }, role)
    }

    private static func draw(_ overlay: AppOverlay, state: WizardState, screen: any WizardScreen, into canvas: inout Canvas) {
        let dialog: Overlay
        switch overlay {
        case .help(let help):
            dialog = help
        case .confirmQuit(let draftKept):
            dialog = Overlay(title: "Quit bbclerk?", body: [
                draftKept ? "Your answers are kept as a draft for next time; secrets are not."
                    : "There is nothing to keep for next time (secrets are never saved).",
                StepTexts.clerkOnQuit(state),
                "Press y to quit, any other key to stay.",
            ], buttons: ["y Quit", "Stay"], selectedButton: 1)
        case .resume(let draft, let offeredAt):
            let step = draft.resumeStep
            var body = ["You stopped at " + (draft.savedStep.map { "step \($0.number) · \($0.title)" } ?? "a step this version does not know") + " \(ago(draft.savedAt, now: offeredAt))."]
            if let workspace = draft.selectedWorkspace { body.append("Workspace: \(DisplayText.sanitize(workspace, limit: 40))") }
            if !draft.form.name.isEmpty { body.append("Consumer name: \(DisplayText.sanitize(draft.form.name, limit: 40))") }
            body.append("Secrets are never saved: you may be asked for them again.")
            body.append("")
            body.append("y resume (back to step \(step.number)) · n start fresh")
            dialog = Overlay(title: "Resume where you left off?", body: body, buttons: ["y Resume", "n Start fresh"])
        }
        dialog.render(into: &canvas, at: canvas.bounds, focused: true)
    }

    /// The help dialog, read from the bindings in force: the help bar's keys first (the
    /// screen's, most important first), then under "Also here:" the keys named only here,
    /// then the keys of every screen. So it lists every key that does something here, and
    /// nothing else.
    static func helpDialog(state: WizardState, screen: any WizardScreen) -> Overlay {
        let own = screen.boundKeys(state).compactMap(\.help)
        let global = (coldKeysInForce(state: state, screen: screen) + GlobalKeys.hot(state, editing: screen.isEditingText))
            .compactMap(\.help?.dialogHint)
        let shown = own.filter { $0.place == .bar }.map(\.dialogHint)
        let also = own.filter { $0.place == .dialog }.map(\.dialogHint) + global
        let body = shown.map(line) + ["", "Also here:"] + also.map(line)
        return Overlay(title: "Keys: \(state.step.title)", body: body, buttons: ["Close"])
    }

    /// "key  action" with the key padded by no-break spaces, which wrapping keeps.
    private static func line(_ hint: KeyHint) -> String {
        hint.key + String(repeating: "\u{00A0}", count: max(1, 16 - DisplayWidth.of(hint.key))) + hint.action
    }

    /// "5 minutes ago", coarse on purpose.
    static func ago(_ date: Date, now: Date) -> String {
        let minutes = Int(now.timeIntervalSince(date) / 60)
        switch minutes {
        case ..<1: return "moments ago"
        case 1: return "a minute ago"
        case ..<60: return "\(minutes) minutes ago"
        case ..<120: return "an hour ago"
        case ..<(48 * 60): return "\(minutes / 60) hours ago"
        default: return "\(minutes / (24 * 60)) days ago"
        }
    }
}
