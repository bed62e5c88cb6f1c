/// Shown instead of a screen when the terminal is smaller than the wizard needs.
public struct TooSmallNotice: Sendable, Equatable {
    public var minimumColumns: Int
    public var minimumRows: Int

    public init(minimumColumns: Int = 60, minimumRows: Int = 16) {
        self.minimumColumns = minimumColumns
        self.minimumRows = minimumRows
    }

    /// True if a terminal of this size is too small.
    public func applies(columns: Int, rows: Int) -> Bool {
        columns < minimumColumns || rows < minimumRows
    }

    /// Fills the canvas with the notice, centred, wrapped to whatever width there is.
    public func render(into canvas: inout Canvas) {
        render(into: &canvas, columns: canvas.width, rows: canvas.height)
    }

    /// As `render(into:)`, naming the terminal size explicitly.
    public func render(into canvas: inout Canvas, columns: Int, rows: Int) {
        let text = "The terminal is \(columns)×\(rows); bbclerk needs at least "
            + "\(minimumColumns)×\(minimumRows). Enlarge the window, or press Ctrl-C to quit."
        let lines = TextWrap.wrap(text, width: max(1, canvas.width - 2))
        let top = max(0, (canvas.height - lines.count) / 2)
        for (i, line) in lines.enumerated() {
            canvas.putCentered(line, in: Rect(x: 0, y: top + i, width: canvas.width, height: 1), role: .notice)
        }
    }
}
