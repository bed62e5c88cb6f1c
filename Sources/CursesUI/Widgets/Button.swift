/// A push button ("[ Continue ]"). Enter or Space submits.
public struct Button: Widget {
    public var title: String
    /// A disabled button ignores keys and is drawn muted.
    public var isEnabled: Bool

    public init(title: String, isEnabled: Bool = true) {
        self.title = title
        self.isEnabled = isEnabled
    }

    /// Columns the button occupies.
    public var width: Int { DisplayWidth.of(title) + 4 }

    public mutating func handle(_ key: KeyEvent) -> WidgetOutcome {
        guard isEnabled else { return .ignored }
        switch key {
        case .enter, .character(" "): return .submitted
        default: return .ignored
        }
    }

    public func render(into canvas: inout Canvas, at rect: Rect, focused: Bool) {
        guard !rect.isEmpty else { return }
        let role: Role = !isEnabled ? .muted : (focused ? .buttonFocused : .button)
        canvas.put("[ \(title) ]", x: rect.x, y: rect.y, role: role, maxWidth: rect.width)
    }

    public var helpKeys: [KeyHint] { isEnabled ? [("Enter", title.lowercased())] : [] }
}
