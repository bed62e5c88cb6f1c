/// One row of a `CheckboxGroup`.
public struct CheckboxItem: Sendable, Equatable, Hashable {
    public var id: String
    public var title: String
    /// Shown dimmed after the title (e.g. what the scope allows).
    public var detail: String
    public var isChecked: Bool
    /// Locked rows stay ticked: Space does nothing on them (e.g. scopes Clerk requires).
    public var isLocked: Bool
    /// A short tag shown after the title, e.g. "required by Clerk".
    public var tag: String?

    public init(id: String, title: String, detail: String = "", isChecked: Bool = false,
                isLocked: Bool = false, tag: String? = nil) {
        self.id = id
        self.title = title
        self.detail = detail
        // A locked row is a required one: it is always ticked.
        self.isChecked = isChecked || isLocked
        self.isLocked = isLocked
        self.tag = tag
    }
}

/// A list of checkboxes with a cursor. Space toggles the row under the cursor (locked rows
/// cannot be unticked); ↑ ↓ move (`.ignored` at the ends); Enter submits.
///
/// Rules between rows (Bitbucket's scope implications) belong to SetupCore: on `.changed`
/// the screen applies them and writes the result back with `setItems(_:)`.
public struct CheckboxGroup: Widget {
    public private(set) var items: [CheckboxItem]
    /// Index of the row under the cursor.
    public private(set) var cursor: Int = 0
    /// Set when Space was pressed on a locked row, to explain why nothing happened.
    public private(set) var notice: String?

    public init(items: [CheckboxItem]) {
        self.items = items
    }

    /// Ids of the ticked rows, in order.
    public var checkedIDs: [String] { items.filter(\.isChecked).map(\.id) }

    /// Replaces the rows (keeping the cursor on the same id when possible).
    public mutating func setItems(_ newItems: [CheckboxItem]) {
        let id = items.indices.contains(cursor) ? items[cursor].id : nil
        items = newItems
        cursor = id.flatMap { id in newItems.firstIndex { $0.id == id } } ?? min(cursor, max(0, newItems.count - 1))
    }

    /// Ticks or unticks the row with `id` (locked rows stay ticked). Returns true if it changed.
    @discardableResult
    public mutating func setChecked(_ id: String, _ checked: Bool) -> Bool {
        guard let i = items.firstIndex(where: { $0.id == id }) else { return false }
        if items[i].isLocked && !checked { return false }
        guard items[i].isChecked != checked else { return false }
        items[i].isChecked = checked
        return true
    }

    public mutating func handle(_ key: KeyEvent) -> WidgetOutcome {
        notice = nil
        switch key {
        case .up:
            guard cursor > 0 else { return .ignored }
            cursor -= 1
        case .down:
            guard cursor + 1 < items.count else { return .ignored }
            cursor += 1
        case .home:
            cursor = 0
        case .end:
            cursor = max(0, items.count - 1)
        case .character(" "):
            guard items.indices.contains(cursor) else { return .ignored }
            if items[cursor].isLocked {
                notice = "\(items[cursor].title) is \(items[cursor].tag ?? "required") and stays ticked."
                return .handled
            }
            items[cursor].isChecked.toggle()
            return .changed
        case .enter:
            return .submitted
        default:
            return .ignored
        }
        return .handled
    }

    /// One row per item ("[x] Title  required by Clerk  detail"), scrolled to keep the
    /// cursor in view, and the notice on the last row when there is one and room for it.
    public func render(into canvas: inout Canvas, at rect: Rect, focused: Bool) {
        guard !rect.isEmpty else { return }
        let listArea = notice != nil && rect.height > items.count ? rect.splitBottom(1).rest : rect
        let top = max(0, min(cursor - listArea.height + 1, items.count - listArea.height))
        for line in 0..<listArea.height {
            let index = top + line
            guard index < items.count else { break }
            let item = items[index]
            let y = listArea.y + line
            let isCursor = index == cursor && focused
            let rowRole: Role = isCursor ? .focusRow : .normal
            if isCursor { canvas.fill(Rect(x: listArea.x, y: y, width: listArea.width, height: 1), role: rowRole) }
            var x = listArea.x
            x += canvas.put(isCursor ? "\(canvas.glyphs.pointer) " : "  ", x: x, y: y, role: rowRole)
            let box = item.isChecked ? (item.isLocked ? "[\(canvas.glyphs.lock)]" : "[x]") : "[ ]"
            x += canvas.put(box + " ", x: x, y: y, role: isCursor ? rowRole : .checkbox)
            x += canvas.put(item.title, x: x, y: y, role: isCursor ? rowRole : .label, maxWidth: listArea.maxX - x)
            if let tag = item.tag, x + 3 < listArea.maxX {
                x += 2 + canvas.put(tag, x: x + 2, y: y, role: isCursor ? rowRole : .notice, maxWidth: listArea.maxX - x - 2)
            }
            if !item.detail.isEmpty, x + 3 < listArea.maxX {
                canvas.put(item.detail, x: x + 2, y: y, role: isCursor ? rowRole : .muted, maxWidth: listArea.maxX - x - 2)
            }
        }
        if let notice, listArea.height < rect.height {
            canvas.put("\(canvas.glyphs.warning) \(notice)", x: rect.x, y: rect.maxY - 1, role: .warning, maxWidth: rect.width)
        }
    }

    public var helpKeys: [KeyHint] {
        [("Space", "tick"), ("↑↓", "move"), ("Enter", "continue")]
    }
}
