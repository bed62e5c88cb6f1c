/// A centred dialog over the screen: title, body text (wrapped), and buttons.
/// Used for help (`?`), "quit?" confirmations and error details.
///
/// Its keys are the app's (`OverlayKeys`): ↑ ↓ PgUp PgDn scroll a long body; the buttons
/// show what the keys do (`selectedButton` is the one Enter or any key means).
public struct Overlay: Sendable {
    public var title: String
    public var body: [String]
    public var buttons: [String]
    /// Index of the focused button.
    public var selectedButton: Int
    /// The role of the body text (e.g. `.error` for an error dialog).
    public var bodyRole: Role
    /// First body line shown, for long bodies.
    public private(set) var scroll: Int = 0

    public init(title: String, body: [String], buttons: [String] = ["OK"], selectedButton: Int = 0, bodyRole: Role = .overlay) {
        self.title = title
        self.body = body
        self.buttons = buttons
        self.selectedButton = min(max(0, selectedButton), max(0, buttons.count - 1))
        self.bodyRole = bodyRole
    }

    /// Scrolls a long body (↑ ↓ by a line, PgUp PgDn by ten); false for any other key. The
    /// dialog's other keys are the app's bindings (`OverlayKeys`): its buttons are drawn,
    /// not chosen.
    public mutating func scroll(_ key: KeyEvent) -> Bool {
        switch key {
        case .up: scroll = max(0, scroll - 1)
        case .down: scroll += 1
        case .pageUp: scroll = max(0, scroll - 10)
        case .pageDown: scroll += 10
        default: return false
        }
        return true
    }

    /// The dialog's rectangle inside `rect` (the whole screen).
    public func frame(in rect: Rect) -> Rect {
        let maxWidth = max(10, min(rect.width - 4, 72))
        let natural = body.map { DisplayWidth.of($0) }.max() ?? 0
        let buttonsWidth = buttons.reduce(0) { $0 + DisplayWidth.of($1) + 5 }
        // Wrap at the width the dialog will really have, so render() sees the same lines.
        let textWidth = min(maxWidth - 4, max(natural, DisplayWidth.of(title) + 4, buttonsWidth))
        let lines = body.flatMap { TextWrap.wrap($0, width: max(1, textWidth)) }
        let height = min(rect.height - 2, lines.count + (buttons.isEmpty ? 2 : 4))
        return rect.centered(width: textWidth + 4, height: max(3, height))
    }

    public func render(into canvas: inout Canvas, at rect: Rect, focused: Bool) {
        let box = frame(in: rect)
        guard box.width >= 4, box.height >= 3 else { return }
        // The dialog's rows are cleared across the whole width, with a row above and below
        // where that leaves the header (3 rows) and the status and help rows (2) alone, so it
        // never sits among cut-off words of the screen behind it.
        let top = box.y - 1 >= 3 ? box.y - 1 : box.y
        let bottom = box.maxY + 1 <= canvas.height - 2 ? box.maxY + 1 : box.maxY
        canvas.fill(Rect(x: 0, y: top, width: canvas.width, height: bottom - top), role: .normal)
        canvas.fill(box, role: .overlay)
        canvas.box(box, role: .border, title: title)
        let inner = box.inset(top: 1, left: 2, bottom: 1, right: 2)
        let lines = body.flatMap { TextWrap.wrap($0, width: inner.width) }
        let bodyRows = max(0, inner.height - (buttons.isEmpty ? 0 : 2))
        let first = min(scroll, max(0, lines.count - bodyRows))
        for row in 0..<bodyRows where first + row < lines.count {
            canvas.put(lines[first + row], x: inner.x, y: inner.y + row, role: bodyRole, maxWidth: inner.width)
        }
        if lines.count > bodyRows && bodyRows > 0 {
            canvas.put("\(first + 1)–\(first + bodyRows)/\(lines.count)", x: box.maxX - 12, y: box.maxY - 1, role: .muted, maxWidth: 10)
        }
        guard !buttons.isEmpty else { return }
        var x = inner.x
        for (i, title) in buttons.enumerated() {
            let button = Button(title: title)
            button.render(into: &canvas, at: Rect(x: x, y: inner.maxY - 1, width: inner.maxX - x, height: 1),
                          focused: focused && i == selectedButton)
            x += button.width + 1
        }
    }
}
