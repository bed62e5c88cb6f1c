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

    public func render(into canvas: inout Canvas, at rect: Rect, focused: Bool) {
        for row in 0..<rect.height where row < lines.count {
            let line = lines[row]
            let (marker, role): (String, Role) = switch line.kind {
            case .same: ("  ", .normal)
            case .added: ("+ ", .diffAdded)
            case .removed: ("- ", .diffRemoved)
            }
            canvas.put(marker + line.text, x: rect.x, y: rect.y + row, role: role, maxWidth: rect.width)
        }
    }
}
