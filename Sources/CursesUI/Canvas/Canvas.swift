import SetupCore

/// A grid of cells that screens and widgets draw into. Pure: no curses.
///
/// The terminal backend paints a canvas; tests snapshot it (`textLayer()`, `rolesLayer()`).
/// All writes are clipped to the grid, wide graphemes take two cells, and unsafe characters
/// are replaced (see `SafeText`), so nothing drawn here can corrupt the terminal.
public struct Canvas: Sendable, Equatable {
    public let width: Int
    public let height: Int
    /// The symbol set widgets should use on this surface.
    public var glyphs: Glyphs
    private var cells: [Cell]
    /// The links drawn on this canvas (see ``Hyperlink``), for terminals that can make them
    /// clickable; snapshots of text and roles do not show them.
    public private(set) var hyperlinks: [Hyperlink] = []

    public init(width: Int, height: Int, glyphs: Glyphs = .unicode) {
        self.width = max(0, width)
        self.height = max(0, height)
        self.glyphs = glyphs
        self.cells = Array(repeating: .blank, count: self.width * self.height)
    }

    /// The whole canvas as a rectangle.
    public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    /// The cell at (x, y); a blank cell outside the grid.
    public subscript(x: Int, y: Int) -> Cell {
        guard x >= 0, y >= 0, x < width, y < height else { return .blank }
        return cells[y * width + x]
    }

    /// `text` as a cell row holds it: control and bidi characters made visible
    /// (``SafeText``), spelled for this terminal (``Glyphs/spelled(_:)``).
    func drawable(_ text: String) -> String { glyphs.spelled(String(text.map(SafeText.displayable))) }

    /// Writes `text` on row `y` from column `x`, clipped to `maxWidth` columns (and the
    /// canvas edge); text that does not fit is cut with "…". Returns the columns used.
    /// Zero-width graphemes on their own are skipped; unsafe characters are replaced; on an
    /// ASCII surface, text is spelled in ASCII (``ASCIIFallback``).
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, role: Role = .normal, maxWidth: Int? = nil) -> Int {
        guard y >= 0, y < height, x < width else { return 0 }
        let limit = min(maxWidth ?? Int.max, width - x)
        guard limit > 0 else { return 0 }
        // Most text is printable ASCII that fits: a byte is a grapheme one column wide, with
        // nothing to make safe or spell in ASCII, so the grapheme-by-grapheme path below (the
        // larger part of drawing a frame) is not needed.
        if text.utf8.count <= limit, text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) {
            var col = x
            for byte in text.utf8 {
                if col >= 0 { setCell(Character(Unicode.Scalar(byte)), width: 1, x: col, y: y, role: role) }
                col += 1
            }
            return col - x
        }
        let safe = drawable(text)
        let shown = DisplayWidth.of(safe) > limit ? DisplayWidth.truncate(safe, to: limit, ellipsis: glyphs.ellipsis) : safe
        var col = x
        for grapheme in shown {
            let w = DisplayWidth.of(grapheme)
            if w == 0 { continue }
            if col + w > x + limit { break }
            if col >= 0 { setCell(grapheme, width: w, x: col, y: y, role: role) }
            col += w
        }
        return col - x
    }

    /// Records a link over cells already drawn; one that leaves the canvas is dropped.
    public mutating func addHyperlink(_ link: Hyperlink) {
        guard link.url.isEmpty || Hyperlink.isSafe(link.url), link.length > 0, link.x >= 0, link.x < width, link.y >= 0, link.lastRow(width: width) < height else { return }
        hyperlinks.append(link)
    }

    /// Writes `text` centred in `rect`'s first row. Returns the columns used.
    @discardableResult
    public mutating func putCentered(_ text: String, in rect: Rect, role: Role = .normal) -> Int {
        let w = min(DisplayWidth.of(text), rect.width)
        return put(text, x: rect.x + (rect.width - w) / 2, y: rect.y, role: role, maxWidth: rect.width)
    }

    /// Fills `rect` with `grapheme` (a one-column character) in `role`.
    public mutating func fill(_ rect: Rect, with grapheme: Character = " ", role: Role = .normal) {
        let g = DisplayWidth.of(grapheme) == 1 ? SafeText.displayable(grapheme) : " "
        for y in max(0, rect.y)..<max(max(0, rect.y), min(height, rect.maxY)) {
            for x in max(0, rect.x)..<max(max(0, rect.x), min(width, rect.maxX)) {
                setCell(g, width: 1, x: x, y: y, role: role)
            }
        }
    }

    /// Changes the role of every cell in `rect`, keeping the characters (e.g. to highlight a row).
    public mutating func setRole(_ role: Role, in rect: Rect) {
        for y in max(0, rect.y)..<max(max(0, rect.y), min(height, rect.maxY)) {
            for x in max(0, rect.x)..<max(max(0, rect.x), min(width, rect.maxX)) {
                cells[y * width + x].role = role
            }
        }
    }

    /// Draws a single-line frame around `rect`, with an optional title in the top edge.
    public mutating func box(_ rect: Rect, role: Role = .border, title: String? = nil, titleRole: Role = .title) {
        guard rect.width >= 2, rect.height >= 2 else { return }
        let g = glyphs
        for x in (rect.x + 1)..<(rect.maxX - 1) {
            put(String(g.horizontal), x: x, y: rect.y, role: role)
            put(String(g.horizontal), x: x, y: rect.maxY - 1, role: role)
        }
        for y in (rect.y + 1)..<(rect.maxY - 1) {
            put(String(g.vertical), x: rect.x, y: y, role: role)
            put(String(g.vertical), x: rect.maxX - 1, y: y, role: role)
        }
        put(String(g.topLeft), x: rect.x, y: rect.y, role: role)
        put(String(g.topRight), x: rect.maxX - 1, y: rect.y, role: role)
        put(String(g.bottomLeft), x: rect.x, y: rect.maxY - 1, role: role)
        put(String(g.bottomRight), x: rect.maxX - 1, y: rect.maxY - 1, role: role)
        if let title, !title.isEmpty, rect.width > 6 {
            put(" \(title) ", x: rect.x + 2, y: rect.y, role: titleRole, maxWidth: rect.width - 4)
        }
    }

    /// Copies `other` into this canvas with its top-left corner at (x, y), clipped.
    public mutating func blit(_ other: Canvas, x: Int, y: Int) {
        for oy in 0..<other.height {
            for ox in 0..<other.width {
                let cell = other[ox, oy]
                if cell.isContinuation { continue }
                put(String(cell.grapheme), x: x + ox, y: y + oy, role: cell.role, maxWidth: 2)
            }
        }
    }

    // MARK: - Snapshot layers

    /// The characters, rows joined by "\n", trailing spaces trimmed (continuation cells of
    /// wide graphemes are omitted, so the text reads naturally).
    public func textLayer() -> String {
        (0..<height).map { y in
            var line = ""
            for x in 0..<width {
                let cell = cells[y * width + x]
                if !cell.isContinuation { line.append(cell.grapheme) }
            }
            while line.last == " " { line.removeLast() }
            return line
        }.joined(separator: "\n")
    }

    /// One letter per cell giving its role (legend: `Role.snapshotLetter`), rows joined by
    /// "\n", trailing normal cells trimmed. Lets tests check focus and error styling.
    public func rolesLayer() -> String {
        (0..<height).map { y in
            var line = ""
            for x in 0..<width { line.append(cells[y * width + x].role.snapshotLetter) }
            while line.last == Role.normal.snapshotLetter { line.removeLast() }
            return line
        }.joined(separator: "\n")
    }

    // MARK: - Cell writes

    /// Writes one grapheme of display width `w` (1 or 2), repairing any wide grapheme it
    /// half-overwrites so the grid never holds an orphan half.
    private mutating func setCell(_ grapheme: Character, width w: Int, x: Int, y: Int, role: Role) {
        guard y >= 0, y < height, x >= 0, x + w <= width else { return }
        clearHalf(x: x, y: y)
        if w == 2 { clearHalf(x: x + 1, y: y) }
        cells[y * width + x] = Cell(grapheme: grapheme, role: role)
        if w == 2 {
            cells[y * width + x + 1] = Cell(grapheme: " ", role: role, isContinuation: true)
        }
    }

    /// Before overwriting (x, y): if it is part of a wide grapheme, blank the other half.
    private mutating func clearHalf(x: Int, y: Int) {
        let i = y * width + x
        if cells[i].isContinuation, x > 0 {
            cells[i - 1] = Cell(grapheme: " ", role: cells[i - 1].role)
            cells[i].isContinuation = false
        } else if x + 1 < width, cells[i + 1].isContinuation {
            cells[i + 1] = Cell(grapheme: " ", role: cells[i + 1].role)
        }
    }
}
