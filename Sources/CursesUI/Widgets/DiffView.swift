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

/// A before/after view ("- enabled: false" / "+ enabled: true"), drawn only: the lines come
/// from `ConfigDiff` (SetupCore), and the Sync screen shows them whole. Markers are drawn as
/// well as colours, so it reads without colour.
public struct DiffView: Sendable {
    public var lines: [DiffLine]

    public init(lines: [DiffLine]) {
        self.lines = lines
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
        for (row, line) in rows(width: rect.width).prefix(rect.height).enumerated() {
            canvas.put(line.text, x: rect.x, y: rect.y + row, role: line.role, maxWidth: rect.width)
        }
    }
}
