import SetupCore

/// A link drawn on a canvas: `length` cells from (x, y) to the row's end and on from column
/// 0 of the rows below, in the order a terminal wraps text written in one go.
///
/// The canvas only records where a link is; the real terminal turns it into an OSC 8
/// hyperlink where it can (``CursesTerminal``), so the whole address can be clicked and
/// copied even when it takes more than one row. With an empty `url` it is no link, only a
/// value longer than a row (a secret, a Callback URL) that the terminal is to wrap itself,
/// so that its selection copies it as one line.
public struct Hyperlink: Sendable, Equatable {
    /// Where the link goes; empty for a value that is only to be wrapped by the terminal.
    public var url: String
    public var x: Int
    public var y: Int
    public var length: Int

    public init(url: String, x: Int, y: Int, length: Int) {
        self.url = url
        self.x = x
        self.y = y
        self.length = length
    }

    /// The last row the link reaches on a canvas `width` columns wide.
    public func lastRow(width: Int) -> Int {
        y + max(0, x + length - 1) / max(1, width)
    }

    /// Whether `url` may go into an OSC 8 sequence: printable ASCII only (a control
    /// character would end the sequence early and let the rest act on the terminal).
    public static func isSafe(_ url: String) -> Bool {
        !url.isEmpty && url.utf8.count <= 2_000 && url.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F }
    }
}

extension Canvas {
    /// Writes `text` from (x, y) to the end of the row and on from column 0 of the rows
    /// below, unbroken and without indentation, as a terminal wraps a long line: a URL or a
    /// secret stays one piece the terminal can select whole. With `link`, the cells are
    /// recorded as a hyperlink to it; without, a value that takes more than one row is
    /// recorded as one for the terminal to wrap (see ``Hyperlink``). Returns the rows used.
    @discardableResult
    public mutating func putFlowing(_ text: String, x: Int, y: Int, role: Role, link: String? = nil) -> Int {
        guard width > 0 else { return 0 }
        let safe = drawable(text)
        var col = max(0, x)
        var row = y
        var cells = 0
        for grapheme in safe {
            let w = DisplayWidth.of(grapheme)
            if w == 0 || w > width { continue }
            if col + w > width {
                // The terminal leaves the last column blank and wraps a wide grapheme whole.
                cells += width - col
                row += 1
                col = 0
            }
            put(String(grapheme), x: col, y: row, role: role, maxWidth: w)
            col += w
            cells += w
        }
        let url = link.flatMap { Hyperlink.isSafe($0) ? $0 : nil } ?? ""
        if cells > 0, !url.isEmpty || row > y {
            addHyperlink(Hyperlink(url: url, x: max(0, x), y: y, length: cells))
        }
        return row - y + 1
    }

    /// The rows `putFlowing` takes for `text` from column `x`.
    public func flowingRows(_ text: String, x: Int) -> Int {
        guard width > 0 else { return 1 }
        return 1 + max(0, max(0, x) + DisplayWidth.of(text) - 1) / width
    }
}
