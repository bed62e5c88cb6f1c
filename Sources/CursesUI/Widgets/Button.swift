/// A push button ("[ Continue ]"), drawn only: what Enter and Space do on it is the
/// screen's binding (a button sends a different action on each screen).
public struct Button: Sendable {
    public var title: String

    public init(title: String) {
        self.title = title
    }

    /// Columns the button occupies.
    public var width: Int { DisplayWidth.of(title) + 4 }

    public func render(into canvas: inout Canvas, at rect: Rect, focused: Bool) {
        guard !rect.isEmpty else { return }
        canvas.put("[ \(title) ]", x: rect.x, y: rect.y, role: focused ? .buttonFocused : .button, maxWidth: rect.width)
    }
}
