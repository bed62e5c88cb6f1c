/// One line of a `DiffView`.
public struct DiffLine: Sendable, Equatable, Hashable {
    public enum Kind: Sendable, Equatable, Hashable { case same, added, removed }
    public var kind: Kind
    public var text: String

    public init(_ kind: Kind, _ text: String) {
        self.kind = kind
        self.text = text
    }
}

/// A before/after view ("- enabled: false" / "+ enabled: true"), scrollable with ↑ ↓ PgUp
/// PgDn Home End. Markers are drawn as well as colours, so it reads without colour.
public struct DiffView: Widget {
    public var lines: [DiffLine]
    public private(set) var scroll: Int = 0
    /// Rows shown at once, for paging (set by the screen).
    public var pageSize: Int = 10

    public init(lines: [DiffLine]) {
        self.lines = lines
    }

    /// Builds a line diff of two texts (a simple LCS; the configs compared are small).
    public static func lines(before: [String], after: [String]) -> [DiffLine] {
        let n = before.count, m = after.count
        var lcs = Array(repeating: Array(repeating: 0, count: m + 1), count: n + 1)
        for i in stride(from: n - 1, through: 0, by: -1) {
            for j in stride(from: m - 1, through: 0, by: -1) {
                lcs[i][j] = before[i] == after[j] ? lcs[i + 1][j + 1] + 1 : max(lcs[i + 1][j], lcs[i][j + 1])
            }
        }
        var result: [DiffLine] = []
        var i = 0, j = 0
        while i < n || j < m {
            if i < n, j < m, before[i] == after[j] {
                result.append(DiffLine(.same, before[i])); i += 1; j += 1
            } else if i < n, j == m || lcs[i + 1][j] >= lcs[i][j + 1] {
                // Removed lines first, as `diff` shows them: old value, then new value.
                result.append(DiffLine(.removed, before[i])); i += 1
            } else {
                result.append(DiffLine(.added, after[j])); j += 1
            }
        }
        return result
    }

    public mutating func handle(_ key: KeyEvent) -> WidgetOutcome {
        let maxScroll = max(0, lines.count - pageSize)
        switch key {
        case .up: guard scroll > 0 else { return .ignored }; scroll -= 1
        case .down: guard scroll < maxScroll else { return .ignored }; scroll += 1
        case .pageUp: scroll = max(0, scroll - pageSize)
        case .pageDown: scroll = min(maxScroll, scroll + pageSize)
        case .home: scroll = 0
        case .end: scroll = maxScroll
        default: return .ignored
        }
        return .handled
    }

    /// The rows the lines take at `width`: a line too long for it goes on under its text
    /// (the marker column left blank), so a value or its note is read in full, not cut.
    public func rows(width: Int) -> [(text: String, role: Role)] {
        var rows: [(text: String, role: Role)] = []
        for line in lines {
            let (marker, role): (String, Role) = switch line.kind {
            case .same: ("  ", .normal)
            case .added: ("+ ", .diffAdded)
            case .removed: ("- ", .diffRemoved)
            }
            let wrapped = TextWrap.wrap(line.text, width: max(8, width - 2))
            for (index, part) in wrapped.enumerated() {
                rows.append(((index == 0 ? marker : "  ") + (index == 0 ? "" : "  ") + part, role))
            }
        }
        return rows
    }

    public func render(into canvas: inout Canvas, at rect: Rect, focused: Bool) {
        let all = rows(width: rect.width)
        let first = min(scroll, max(0, all.count - rect.height))
        for row in 0..<rect.height where first + row < all.count {
            let line = all[first + row]
            canvas.put(line.text, x: rect.x, y: rect.y + row, role: line.role, maxWidth: rect.width)
        }
    }

    public var helpKeys: [KeyHint] { lines.count > pageSize ? [("↑↓", "scroll")] : [] }
}
