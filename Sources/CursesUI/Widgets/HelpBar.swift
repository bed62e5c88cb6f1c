/// The key hints at the bottom of every screen ("Enter next · Esc back · ? help").
///
/// When the hints do not fit the width, the least important are dropped first (the rest
/// keep their order); if even the most important one does not fit, it is cut with "…".
public struct HelpBar: Sendable {
    /// One hint; a higher `priority` is kept longer.
    public struct Item: Sendable, Equatable {
        public var key: String
        public var action: String
        public var priority: Int

        public init(key: String, action: String, priority: Int) {
            self.key = key
            self.action = action
            self.priority = priority
        }
    }

    public var items: [Item]

    public init(items: [Item]) {
        self.items = items
    }

    /// Hints in importance order: the first is the most important.
    public init(_ keys: [KeyHint]) {
        self.items = keys.enumerated().map { Item(key: $1.key, action: $1.action, priority: keys.count - $0) }
    }

    static let gap = "  "

    /// The items that fit in `width` columns as `glyphs` spell them (on an ASCII surface
    /// "↑↓" takes five columns as "Up/Dn"), in display order.
    public func visibleItems(width: Int, glyphs: Glyphs = .unicode) -> [Item] {
        var kept = items
        while kept.count > 1 && Self.width(of: kept, glyphs: glyphs) > width {
            // Drop the least important; among equals, the rightmost.
            let lowest = kept.map(\.priority).min()!
            let index = kept.lastIndex { $0.priority == lowest }!
            kept.remove(at: index)
        }
        return kept
    }

    static func width(of items: [Item], glyphs: Glyphs = .unicode) -> Int {
        items.reduce(0) { $0 + DisplayWidth.of(glyphs.spelled($1.key)) + 1 + DisplayWidth.of(glyphs.spelled($1.action)) }
            + max(0, items.count - 1) * gap.count
    }

    public func render(into canvas: inout Canvas, at rect: Rect) {
        guard !rect.isEmpty else { return }
        var x = rect.x
        for (i, item) in visibleItems(width: rect.width, glyphs: canvas.glyphs).enumerated() {
            if i > 0 { x += canvas.put(Self.gap, x: x, y: rect.y, role: .helpText, maxWidth: rect.maxX - x) }
            x += canvas.put(item.key, x: x, y: rect.y, role: .helpKey, maxWidth: rect.maxX - x)
            x += canvas.put(" " + item.action, x: x, y: rect.y, role: .helpText, maxWidth: rect.maxX - x)
            if x >= rect.maxX { break }
        }
    }
}
