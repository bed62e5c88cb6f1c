/// An on/off switch with a label ("[x] This is a private consumer"), drawn only: Space
/// and Enter on it are the screen's bindings (the value lives in the wizard's state).
public struct Toggle: Sendable {
    public var title: String
    public var isOn: Bool
    /// Shown dimmed after the title.
    public var detail: String

    public init(title: String, isOn: Bool = false, detail: String = "") {
        self.title = title
        self.isOn = isOn
        self.detail = detail
    }

    public func render(into canvas: inout Canvas, at rect: Rect, focused: Bool) {
        guard !rect.isEmpty else { return }
        let role: Role = focused ? .focusRow : .normal
        if focused { canvas.fill(rect.row(0), role: role) }
        var x = rect.x
        x += canvas.put(focused ? "\(canvas.glyphs.pointer) " : "  ", x: x, y: rect.y, role: role)
        x += canvas.put(isOn ? "[x] " : "[ ] ", x: x, y: rect.y, role: focused ? role : .checkbox)
        x += canvas.put(title, x: x, y: rect.y, role: focused ? role : .label, maxWidth: rect.maxX - x)
        if !detail.isEmpty, x + 3 < rect.maxX {
            canvas.put(detail, x: x + 2, y: rect.y, role: focused ? role : .muted, maxWidth: rect.maxX - x - 2)
        }
    }
}
