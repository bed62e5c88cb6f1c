import SetupCore

/// "Label   value   c copy": a value the user copies into another site (Bitbucket's form,
/// Clerk's dashboard), drawn only: `c`, `o` and `r` on it are the screen's bindings (the
/// reveal lives in the wizard's state). The label column has a fixed width so rows line up.
public struct ValueRow: Sendable {
    public var label: String
    public var value: String
    /// Draw the value as bullets until revealed (the copy still carries the real value).
    public var isSecret: Bool
    public var isRevealed: Bool = false
    /// A link can be opened with `o`.
    public var isLink: Bool
    /// Columns for the label (including the gap after it).
    public var labelWidth: Int

    public init(label: String, value: String, isSecret: Bool = false, isLink: Bool = false, labelWidth: Int = 22) {
        self.label = label
        self.value = value
        self.isSecret = isSecret
        self.isLink = isLink
        self.labelWidth = labelWidth
    }

    public func render(into canvas: inout Canvas, at rect: Rect, focused: Bool) {
        guard !rect.isEmpty else { return }
        let rowRole: Role = focused ? .focusRow : .normal
        if focused { canvas.fill(rect.row(0), role: rowRole) }
        var x = rect.x
        x += canvas.put(focused ? "\(canvas.glyphs.pointer) " : "  ", x: x, y: rect.y, role: rowRole)
        canvas.put(label, x: x, y: rect.y, role: focused ? rowRole : .label, maxWidth: min(labelWidth - 1, rect.maxX - x))
        x += labelWidth
        let hint = focused ? (isLink ? "  o open  c copy" : "  c copy") : ""
        let hintWidth = DisplayWidth.of(hint)
        let shown = isSecret && !isRevealed ? String(repeating: canvas.glyphs.bullet, count: Secret.maskLength) : value
        let role: Role = focused ? rowRole : (isSecret ? .secret : (isLink ? .link : .fieldText))
        let room = rect.maxX - x - hintWidth
        if isLink, !isSecret, DisplayWidth.of(shown) <= room {
            canvas.addHyperlink(Hyperlink(url: value, x: x, y: rect.y, length: DisplayWidth.of(shown)))
        }
        x += canvas.put(shown, x: x, y: rect.y, role: role, maxWidth: room)
        if focused { canvas.put(hint, x: x, y: rect.y, role: rowRole, maxWidth: rect.maxX - x) }
    }
}
