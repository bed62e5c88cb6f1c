/// Bitbucket's permission form as Bitbucket lays it out: one row per resource, its levels
/// across ("Repositories   [ ] Read  [ ] Write  [ ] Admin  [ ] Delete"), with a cursor on
/// one level.
///
/// Keys: ← → (h l) move along a row and ↑ ↓ (k j) between rows, keeping the column asked
/// for; Tab and Shift-Tab go through every box in reading order, wrapping; PgUp/PgDn page;
/// Home/End go to the first and the last box. At an edge a move does nothing (`.handled`:
/// there is nothing else to move to). Space ticks the box under the cursor (`.changed`) but
/// never unticks a locked one (`.handled`); Enter submits.
///
/// The rules between boxes (Bitbucket's implications) belong to SetupCore: the screen
/// applies them and writes the result back with `setRows(_:)`. A row wider than the grid
/// goes on under its levels; when the rows do not fit the height, whole rows scroll so the
/// cursor stays in view.
public struct ScopeGrid: Widget {
    /// One checkbox: a level of a resource ("Read" of "Repositories").
    public struct Box: Sendable, Equatable, Hashable {
        public var id: String
        public var title: String
        public var isChecked: Bool
        /// Locked boxes stay ticked (a scope Clerk requires, or one another box implies).
        public var isLocked: Bool
        /// Why it is locked, or what to know about it, shown for the focused box by the screen.
        public var note: String?

        public init(id: String, title: String, isChecked: Bool = false, isLocked: Bool = false, note: String? = nil) {
            self.id = id
            self.title = title
            // A locked box is a required one: it is always ticked.
            self.isChecked = isChecked || isLocked
            self.isLocked = isLocked
            self.note = note
        }
    }

    /// One resource and its levels.
    public struct Row: Sendable, Equatable, Hashable {
        public var title: String
        public var boxes: [Box]

        public init(title: String, boxes: [Box]) {
            self.title = title
            self.boxes = boxes
        }
    }

    public struct Position: Sendable, Equatable, Hashable {
        public var row: Int
        public var column: Int

        public init(row: Int, column: Int) {
            self.row = row
            self.column = column
        }
    }

    public private(set) var rows: [Row]
    public private(set) var cursor = Position(row: 0, column: 0)
    /// The first row shown when the rows do not all fit.
    public private(set) var scrollTop = 0
    /// The column ↑ ↓ keep to (a short row in between does not lose it).
    private var wantedColumn = 0
    private var viewWidth = 80
    private var viewHeight = Int.max

    public init(rows: [Row]) {
        self.rows = rows
    }

    /// The box under the cursor.
    public var focusedBox: Box? {
        guard rows.indices.contains(cursor.row), rows[cursor.row].boxes.indices.contains(cursor.column) else { return nil }
        return rows[cursor.row].boxes[cursor.column]
    }

    /// Ids of the ticked boxes, in reading order.
    public var checkedIDs: [String] { rows.flatMap(\.boxes).filter(\.isChecked).map(\.id) }

    /// Replaces the rows, keeping the cursor on the same box when it is still there.
    public mutating func setRows(_ newRows: [Row]) {
        let id = focusedBox?.id
        rows = newRows
        if let id, let row = newRows.firstIndex(where: { $0.boxes.contains { $0.id == id } }),
           let column = newRows[row].boxes.firstIndex(where: { $0.id == id }) {
            cursor = Position(row: row, column: column)
        } else {
            let row = min(cursor.row, max(0, newRows.count - 1))
            cursor = Position(row: row, column: min(cursor.column, lastColumn(row)))
        }
        scrollToCursor()
    }

    /// Tells the grid the size it is drawn at, for paging and scrolling.
    public mutating func layout(width: Int, height: Int) {
        viewWidth = max(1, width)
        viewHeight = max(1, height)
        scrollToCursor()
    }

    // MARK: - Keys

    public mutating func handle(_ key: KeyEvent) -> WidgetOutcome {
        guard !rows.isEmpty else { return key == .enter ? .submitted : .ignored }
        // h j k l as in vi (and less, for j and k).
        let moves: [Character: KeyEvent] = ["h": .left, "j": .down, "k": .up, "l": .right]
        let key = if case .character(let c) = key, let move = moves[c] { move } else { key }
        switch key {
        case .left:
            if cursor.column > 0 { cursor.column -= 1 }
            wantedColumn = cursor.column
        case .right:
            if cursor.column < lastColumn(cursor.row) { cursor.column += 1 }
            wantedColumn = cursor.column
        case .up:
            moveToRow(cursor.row - 1)
        case .down:
            moveToRow(cursor.row + 1)
        case .pageUp:
            moveToRow(cursor.row - pageSize)
        case .pageDown:
            moveToRow(cursor.row + pageSize)
        case .tab:
            if cursor.column < lastColumn(cursor.row) {
                cursor.column += 1
            } else {
                cursor = Position(row: (cursor.row + 1) % rows.count, column: 0)
            }
            wantedColumn = cursor.column
        case .backTab:
            if cursor.column > 0 {
                cursor.column -= 1
            } else {
                let row = (cursor.row - 1 + rows.count) % rows.count
                cursor = Position(row: row, column: lastColumn(row))
            }
            wantedColumn = cursor.column
        case .home:
            cursor = Position(row: 0, column: 0)
            wantedColumn = 0
        case .end:
            cursor = Position(row: rows.count - 1, column: lastColumn(rows.count - 1))
            wantedColumn = cursor.column
        case .character(" "):
            guard let box = focusedBox, !box.isLocked else { return .handled }
            rows[cursor.row].boxes[cursor.column].isChecked.toggle()
            return .changed
        case .enter:
            return .submitted
        default:
            return .ignored
        }
        scrollToCursor()
        return .handled
    }

    private func lastColumn(_ row: Int) -> Int {
        rows.indices.contains(row) ? max(0, rows[row].boxes.count - 1) : 0
    }

    private mutating func moveToRow(_ row: Int) {
        let row = min(max(0, row), rows.count - 1)
        cursor = Position(row: row, column: min(wantedColumn, lastColumn(row)))
    }

    /// Rows one page moves: those in view, less one kept for context.
    private var pageSize: Int { max(1, visibleRows(width: viewWidth, height: viewHeight).count - 1) }

    private mutating func scrollToCursor() {
        scrollTop = visibleRows(width: viewWidth, height: viewHeight).lowerBound
    }

    // MARK: - Layout

    static let gap = 2

    private static func boxWidth(_ box: Box) -> Int { 4 + DisplayWidth.of(box.title) }

    /// Where each box goes at `width`: the column the levels start at (after the pointer and
    /// the widest resource name, less if the widest box would not fit), and each box's line
    /// within its row and column.
    private func arrangement(width: Int) -> (levelsX: Int, places: [[(line: Int, x: Int)]]) {
        let widestBox = rows.flatMap(\.boxes).map(Self.boxWidth).max() ?? 0
        let widestTitle = rows.map { DisplayWidth.of($0.title) }.max() ?? 0
        let levelsX = max(4, min(2 + widestTitle + Self.gap, width - widestBox))
        let places = rows.map { row in
            var line = 0
            var x = levelsX
            return row.boxes.map { box -> (line: Int, x: Int) in
                let w = Self.boxWidth(box)
                if x > levelsX && x + w > width {
                    line += 1
                    x = levelsX
                }
                defer { x += w + Self.gap }
                return (line, x)
            }
        }
        return (levelsX, places)
    }

    private static func heights(_ places: [[(line: Int, x: Int)]]) -> [Int] {
        places.map { ($0.map(\.line).max() ?? 0) + 1 }
    }

    /// Lines all the rows take at `width`.
    public func lineCount(width: Int) -> Int {
        Self.heights(arrangement(width: width).places).reduce(0, +)
    }

    /// The rows shown at `width`×`height`: from `scrollTop`, moved as little as keeps the
    /// cursor's row in view and the height filled.
    public func visibleRows(width: Int, height: Int) -> Range<Int> {
        guard !rows.isEmpty, height > 0 else { return 0..<0 }
        let heights = Self.heights(arrangement(width: width).places)
        var top = min(max(0, scrollTop), cursor.row)
        while top < cursor.row && heights[top...cursor.row].reduce(0, +) > height { top += 1 }
        var used = 0
        var end = top
        while end < rows.count && used + heights[end] <= height {
            used += heights[end]
            end += 1
        }
        while top > 0 && end == rows.count && used + heights[top - 1] <= height {
            top -= 1
            used += heights[top]
        }
        return top..<max(end, top + 1)
    }

    /// The line (from the top of a `width`×`height` grid) the cursor's box is drawn on.
    public func cursorLine(width: Int, height: Int) -> Int {
        let (_, places) = arrangement(width: width)
        let heights = Self.heights(places)
        let top = visibleRows(width: width, height: height).lowerBound
        guard rows.indices.contains(cursor.row) else { return 0 }
        let line = places[cursor.row].indices.contains(cursor.column) ? places[cursor.row][cursor.column].line : 0
        return heights[top..<cursor.row].reduce(0, +) + line
    }

    // MARK: - Drawing

    /// "› Resource   [x] Level  [*] Level  [ ] Level": the cursor's row pointed at and its
    /// box highlighted, a locked box marked with the lock glyph.
    public func render(into canvas: inout Canvas, at rect: Rect, focused: Bool) {
        guard !rect.isEmpty else { return }
        let (levelsX, places) = arrangement(width: rect.width)
        let heights = Self.heights(places)
        let g = canvas.glyphs
        var y = rect.y
        for r in visibleRows(width: rect.width, height: rect.height) where y < rect.maxY {
            let isCursorRow = focused && r == cursor.row
            if isCursorRow { canvas.put(String(g.pointer), x: rect.x, y: y, role: .selected) }
            canvas.put(rows[r].title, x: rect.x + 2, y: y, role: isCursorRow ? .selected : .label, maxWidth: levelsX - 3)
            for (column, box) in rows[r].boxes.enumerated() {
                let (line, boxX) = places[r][column]
                let x = rect.x + boxX
                guard y + line < rect.maxY else { break }
                let mark = box.isChecked ? (box.isLocked ? "[\(g.lock)]" : "[x]") : "[ ]"
                if isCursorRow && column == cursor.column {
                    canvas.put(mark + " " + box.title, x: x, y: y + line, role: .focusRow, maxWidth: rect.maxX - x)
                } else {
                    let used = canvas.put(mark, x: x, y: y + line, role: .checkbox, maxWidth: rect.maxX - x)
                    canvas.put(" " + box.title, x: x + used, y: y + line, role: .normal, maxWidth: rect.maxX - x - used)
                }
            }
            y += heights[r]
        }
    }
}
