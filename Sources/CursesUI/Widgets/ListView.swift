/// One row of a `ListView`: a stable id (kept selected across updates), a title and a detail.
public struct ListRow: Sendable, Equatable, Hashable {
    public var id: String
    public var title: String
    public var detail: String

    public init(id: String, title: String, detail: String = "") {
        self.id = id
        self.title = title
        self.detail = detail
    }
}

/// A scrolling, filterable list with one selected row.
///
/// Keys: ↑ ↓ move (`.ignored` at the ends, so the screen can move focus on); PgUp/PgDn page;
/// Home/End jump; `/` starts filtering, typing narrows, Backspace widens, Esc clears the
/// filter (and is `.ignored` when there is none, so the screen can go back); Enter submits
/// the selected row. Filtering is a case-insensitive substring match on title and detail
/// against keys lowercased once when rows are set, narrowing the previous matches when
/// the filter grows, so 10,000 rows filter well under a millisecond per keystroke.
public struct ListView: Widget {
    public private(set) var rows: [ListRow]
    /// The filter text (empty for none).
    public private(set) var filter: String = ""
    /// True while typing goes into the filter.
    public private(set) var isFiltering: Bool = false
    /// Indices into `rows` that match the filter, in order.
    public private(set) var matches: [Int]
    /// Position of the selection within `matches`.
    public private(set) var selection: Int = 0
    /// Index within `matches` of the first row shown.
    public private(set) var scrollTop: Int = 0
    /// Rows visible at once (set by the screen via `layout(height:)`); used for paging and
    /// to keep the selection in view while moving.
    public private(set) var pageSize: Int = 10
    /// Shown when there are no rows at all.
    public var emptyText: String

    private var keys: [[UInt8]]

    public init(rows: [ListRow] = [], emptyText: String = "Nothing to show.") {
        self.rows = rows
        self.emptyText = emptyText
        self.keys = rows.map(Self.key)
        self.matches = Array(rows.indices)
    }

    /// The selected row, if any row matches.
    public var selectedRow: ListRow? {
        matches.indices.contains(selection) ? rows[matches[selection]] : nil
    }

    /// "12 of 14" (matches of all), or "14" with no filter.
    public var countText: String {
        filter.isEmpty ? "\(rows.count) \(rows.count == 1 ? "item" : "items")" : "\(matches.count) of \(rows.count)"
    }

    /// Replaces the rows (e.g. names arriving lazily), keeping the filter and, by id, the
    /// selected row.
    public mutating func setRows(_ newRows: [ListRow]) {
        let selectedID = selectedRow?.id
        rows = newRows
        keys = newRows.map(Self.key)
        refilter(from: Array(rows.indices))
        if let selectedID, let index = matches.firstIndex(where: { rows[$0].id == selectedID }) {
            selection = index
        }
        clampScroll()
    }

    /// Selects the row with `id` (if it matches the filter).
    public mutating func select(id: String) {
        if let index = matches.firstIndex(where: { rows[$0].id == id }) {
            selection = index
            clampScroll()
        }
    }

    /// Sets the filter text directly (as typing would).
    public mutating func setFilter(_ text: String) {
        let lowered = text.lowercased()
        let narrowing = !filter.isEmpty && lowered.hasPrefix(filter.lowercased())
        filter = text
        refilter(from: narrowing ? matches : Array(rows.indices))
    }

    /// Tells the list how many rows it shows (the rect height minus chrome).
    public mutating func layout(height: Int) {
        pageSize = max(1, height)
        clampScroll()
    }

    /// Ids of the rows currently in view (the workspace screen fetches names for these first).
    public var visibleRowIDs: [String] {
        let end = min(matches.count, scrollTop + pageSize)
        guard scrollTop < end else { return [] }
        return matches[scrollTop..<end].map { rows[$0].id }
    }

    // MARK: - Keys

    public mutating func handle(_ key: KeyEvent) -> WidgetOutcome {
        if isFiltering {
            switch key {
            case .character(let c):
                setFilter(filter + String(c))
                return .handled
            case .paste(let text):
                setFilter(filter + TextField.trimmed(text).filter { !$0.isNewline })
                return .handled
            case .backspace:
                if filter.isEmpty { isFiltering = false } else { setFilter(String(filter.dropLast())) }
                return .handled
            case .control("u"):
                setFilter("")
                return .handled
            case .escape:
                isFiltering = false
                setFilter("")
                return .handled
            case .enter:
                isFiltering = false
                return selectedRow == nil ? .handled : .submitted
            default:
                break
            }
        }
        // j and k as in less and vi; while filtering they are letters (handled above).
        let key: KeyEvent = key == .character("j") ? .down : key == .character("k") ? .up : key
        switch key {
        case .character("/"):
            isFiltering = true
            return .handled
        case .escape where !filter.isEmpty:
            setFilter("")
            return .handled
        case .up:
            guard selection > 0 else { return .ignored }
            selection -= 1
        case .down:
            guard selection + 1 < matches.count else { return .ignored }
            selection += 1
        case .pageUp:
            selection = max(0, selection - pageSize)
        case .pageDown:
            selection = max(0, min(matches.count - 1, selection + pageSize))
        case .home:
            selection = 0
        case .end:
            selection = max(0, matches.count - 1)
        case .enter:
            return selectedRow == nil ? .ignored : .submitted
        default:
            return .ignored
        }
        clampScroll()
        return .handled
    }

    // MARK: - Filtering

    private static func key(_ row: ListRow) -> [UInt8] {
        Array((row.title + "\u{1F}" + row.detail).lowercased().utf8)
    }

    private mutating func refilter(from candidates: [Int]) {
        let needle = Array(filter.lowercased().utf8)
        if needle.isEmpty {
            matches = Array(rows.indices)
        } else {
            matches = candidates.filter { Self.contains(keys[$0], needle) }
        }
        selection = min(selection, max(0, matches.count - 1))
        clampScroll()
    }

    /// Byte substring search (UTF-8 of lowercased strings, so it matches exactly what
    /// `String.contains` would, without its per-call overhead).
    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        let n = needle.count, h = haystack.count
        guard n <= h else { return false }
        return haystack.withUnsafeBufferPointer { hay in
            needle.withUnsafeBufferPointer { nd in
                let first = nd[0]
                var i = 0
                while i <= h - n {
                    if hay[i] == first {
                        var j = 1
                        while j < n && hay[i + j] == nd[j] { j += 1 }
                        if j == n { return true }
                    }
                    i += 1
                }
                return false
            }
        }
    }

    private mutating func clampScroll() {
        selection = min(max(0, selection), max(0, matches.count - 1))
        if selection < scrollTop { scrollTop = selection }
        if selection >= scrollTop + pageSize { scrollTop = selection - pageSize + 1 }
        scrollTop = max(0, min(scrollTop, max(0, matches.count - pageSize)))
    }

    // MARK: - Rendering

    /// Where the cursor goes while a filter is typed (after its text, on the filter line `render`
    /// draws at the top of `rect`); nil otherwise.
    public func filterCursor(in rect: Rect, glyphs: Glyphs) -> CursorPosition? {
        guard isFiltering, !rect.isEmpty else { return nil }
        return CursorPosition(x: min(rect.x + Self.filterPrompt.count + DisplayWidth.of(glyphs.spelled(filter)), rect.maxX - 1),
                              y: rect.y)
    }

    /// What the filter line starts with.
    private static let filterPrompt = "/ "

    /// Draws: an optional filter line, the rows, and a count line at the bottom.
    public func render(into canvas: inout Canvas, at rect: Rect, focused: Bool) {
        guard !rect.isEmpty else { return }
        var area = rect
        let g = canvas.glyphs
        if isFiltering || !filter.isEmpty {
            let (top, rest) = area.splitTop(1)
            let used = canvas.put(Self.filterPrompt, x: top.x, y: top.y, role: .helpKey)
            canvas.put(filter, x: top.x + used, y: top.y, role: isFiltering && focused ? .fieldFocused : .fieldText,
                       maxWidth: top.width - used)
            area = rest
        }
        let (listArea, countLine) = area.height >= 2 ? area.splitBottom(1) : (area, Rect(x: 0, y: 0, width: 0, height: 0))
        if rows.isEmpty {
            canvas.put(emptyText, x: listArea.x + 2, y: listArea.y, role: .muted, maxWidth: listArea.width - 2)
        } else if matches.isEmpty {
            canvas.put("No matches for \u{201C}\(filter)\u{201D}", x: listArea.x + 2, y: listArea.y, role: .muted,
                       maxWidth: listArea.width - 2)
        }
        // Keep the selection in view even if the screen did not call layout(height:).
        var top = min(scrollTop, max(0, matches.count - listArea.height))
        if selection < top { top = selection }
        if selection >= top + listArea.height { top = selection - listArea.height + 1 }
        for line in 0..<listArea.height {
            let position = top + line
            guard position < matches.count else { break }
            let row = rows[matches[position]]
            let y = listArea.y + line
            let isSelected = position == selection
            let rowRole: Role = isSelected ? (focused ? .focusRow : .selected) : .normal
            if isSelected { canvas.fill(Rect(x: listArea.x, y: y, width: listArea.width, height: 1), role: rowRole) }
            let marker = isSelected ? "\(g.pointer) " : "  "
            var x = listArea.x + canvas.put(marker, x: listArea.x, y: y, role: rowRole)
            x += canvas.put(row.title, x: x, y: y, role: rowRole, maxWidth: listArea.maxX - x)
            if !row.detail.isEmpty && x + 3 < listArea.maxX {
                canvas.put(row.detail, x: x + 2, y: y, role: isSelected ? rowRole : .muted, maxWidth: listArea.maxX - x - 2)
            }
        }
        if countLine.height > 0 {
            var text = countText
            if matches.count > listArea.height && listArea.height > 0 {
                text += "  \(g.separator) \(top + 1)–\(min(matches.count, top + listArea.height))"
            }
            canvas.put(text, x: countLine.x + 2, y: countLine.y, role: .muted, maxWidth: countLine.width - 2)
        }
    }
}
