import SetupCore

/// A one-line text input, edited by grapheme cluster.
///
/// Keys: printable characters insert; ← → move; Home/End and Ctrl-A/Ctrl-E jump to the
/// ends; Backspace/Delete remove; Ctrl-U clears to the start; Ctrl-K to the end; Ctrl-W
/// deletes the word before the cursor; a paste inserts its trimmed text; Ctrl-R reveals a
/// masked value (when allowed); Enter submits. Everything else is `.ignored`.
///
/// The field scrolls horizontally so the cursor is always visible, measures CJK and emoji
/// as two columns. It refuses what it cannot hold (`rejection`); whether a value is
/// right is the reducer's (`ConsumerForm`'s issues), shown by the screen, not a validator here.
/// Invariant: `0 <= cursor <= text.count`.
public struct TextField: Widget {
    /// The value. Setting it keeps the cursor in range (at most the end).
    public var text: String {
        didSet { cursor = min(cursor, text.count) }
    }
    /// Cursor position in grapheme clusters from the start.
    public private(set) var cursor: Int
    /// Shown dimmed while the field is empty.
    public var placeholder: String
    /// Shows bullets instead of the characters (tokens, secrets).
    public var isMasked: Bool
    /// When masked, whether the characters are shown right now.
    public var isRevealed: Bool = false
    /// Whether Ctrl-R may reveal a masked value.
    public var allowsReveal: Bool
    /// For keys and secrets: refuse typed or pasted text with whitespace or control
    /// characters inside (surrounding whitespace of a paste is trimmed first).
    public var rejectsWhitespaceInside: Bool
    /// Most graphemes accepted; nil for no limit.
    public var maxLength: Int?
    /// Why the last typed or pasted input was refused; cleared by the next accepted edit.
    public private(set) var rejection: String?
    /// The width the field was last laid out at, used to keep the cursor visible while
    /// editing. Screens set it (or call `layout(width:)`); rendering copes without it.
    public private(set) var viewWidth: Int = 0
    /// Index of the first visible grapheme.
    public private(set) var scrollOffset: Int = 0

    public init(text: String = "", placeholder: String = "", isMasked: Bool = false, allowsReveal: Bool = true,
                rejectsWhitespaceInside: Bool = false, maxLength: Int? = nil) {
        self.text = text
        self.cursor = text.count
        self.placeholder = placeholder
        self.isMasked = isMasked
        self.allowsReveal = allowsReveal
        self.rejectsWhitespaceInside = rejectsWhitespaceInside
        self.maxLength = maxLength
    }

    /// Remembers the on-screen width so editing keeps the cursor in view.
    public mutating func layout(width: Int) {
        viewWidth = max(0, width)
        scrollOffset = visibleOffset(width: viewWidth)
    }

    /// Replaces the value from outside (a prefill, a value restored from the state) with the
    /// cursor at its end, where someone continuing to type expects it.
    public mutating func prefill(_ value: String) {
        text = value
        moveCursor(to: text.count)
    }

    /// Moves the cursor (clamped to the text).
    public mutating func moveCursor(to index: Int) {
        cursor = min(max(0, index), text.count)
        scroll()
    }

    public mutating func toggleReveal() {
        if isMasked && allowsReveal { isRevealed.toggle() }
    }

    // MARK: - Keys

    public mutating func handle(_ key: KeyEvent) -> WidgetOutcome {
        let outcome = apply(key)
        scroll()
        return outcome
    }

    private mutating func apply(_ key: KeyEvent) -> WidgetOutcome {
        switch key {
        case .character(let c):
            if c.unicodeScalars.contains(where: SafeText.isUnsafe) { return .ignored }
            if rejectsWhitespaceInside && c.isWhitespace {
                rejection = "Spaces are not allowed here."
                return .handled
            }
            return insert(String(c))
        case .paste(let pasted):
            return paste(pasted)
        case .left:
            cursor = max(0, cursor - 1)
        case .right:
            cursor = min(text.count, cursor + 1)
        case .home, .control("a"):
            cursor = 0
        case .end, .control("e"):
            cursor = text.count
        case .backspace:
            guard cursor > 0 else { return .handled }
            let newCursor = cursor - 1
            replace(newCursor..<cursor, with: "")
            cursor = newCursor
            return edited()
        case .delete, .control("d"):
            guard cursor < text.count else { return .handled }
            replace(cursor..<cursor + 1, with: "")
            return edited()
        case .control("u"):
            guard cursor > 0 else { return .handled }
            replace(0..<cursor, with: "")
            cursor = 0
            return edited()
        case .control("k"):
            guard cursor < text.count else { return .handled }
            replace(cursor..<text.count, with: "")
            return edited()
        case .control("w"):
            let chars = Array(text)
            var start = cursor
            while start > 0 && chars[start - 1].isWhitespace { start -= 1 }
            while start > 0 && !chars[start - 1].isWhitespace { start -= 1 }
            guard start < cursor else { return .handled }
            replace(start..<cursor, with: "")
            cursor = start
            return edited()
        case .control("r"):
            guard isMasked && allowsReveal else { return .ignored }
            isRevealed.toggle()
        case .enter:
            return .submitted
        default:
            return .ignored
        }
        return .handled
    }

    private mutating func paste(_ pasted: String) -> WidgetOutcome {
        let trimmed = Self.trimmed(pasted)
        if trimmed.isEmpty { return .handled }
        let hasInsideJunk = trimmed.contains { $0.isWhitespace || $0.unicodeScalars.contains(where: SafeText.isUnsafe) }
        if rejectsWhitespaceInside && hasInsideJunk {
            rejection = "The pasted text has spaces, line breaks or control characters inside; paste the value alone."
            return .handled
        }
        // A one-line field: line breaks and tabs become spaces, other controls are dropped.
        var clean = ""
        for g in trimmed {
            if g.isNewline || g == "\t" { clean.append(" ") }
            else if !g.unicodeScalars.contains(where: SafeText.isUnsafe) { clean.append(g) }
        }
        return insert(clean)
    }

    private mutating func insert(_ piece: String) -> WidgetOutcome {
        if let maxLength, text.count + piece.count > maxLength {
            rejection = "At most \(maxLength) characters here, so that was not taken."
            return .handled
        }
        let chars = Array(text)
        let head = String(chars[..<cursor]) + piece
        let tail = String(chars[cursor...])
        text = head + tail
        // A combining mark merges with the grapheme before it, so count on the result.
        cursor = min(head.count, text.count)
        return edited()
    }

    private mutating func replace(_ range: Range<Int>, with piece: String) {
        let chars = Array(text)
        text = String(chars[..<range.lowerBound]) + piece + String(chars[range.upperBound...])
    }

    private mutating func edited() -> WidgetOutcome {
        rejection = nil
        cursor = min(cursor, text.count)
        return .changed
    }

    static func trimmed(_ s: String) -> String {
        var chars = Substring(s)
        while let f = chars.first, f.isWhitespace || f.unicodeScalars.allSatisfy(SafeText.isUnsafe) { chars.removeFirst() }
        while let l = chars.last, l.isWhitespace || l.unicodeScalars.allSatisfy(SafeText.isUnsafe) { chars.removeLast() }
        return String(chars)
    }

    // MARK: - Layout

    private var showsBullets: Bool { isMasked && !isRevealed }

    private func columns(_ g: Character) -> Int {
        showsBullets ? 1 : DisplayWidth.of(g)
    }

    private mutating func scroll() {
        if viewWidth > 0 { scrollOffset = visibleOffset(width: viewWidth) } else { scrollOffset = min(scrollOffset, cursor) }
    }

    /// The first visible grapheme for a box `width` columns wide: the stored offset, moved
    /// just enough that the cursor cell is inside the box, and pulled back when text was
    /// deleted so the box does not show needless blank space.
    func visibleOffset(width: Int) -> Int {
        guard width > 0 else { return cursor }
        let chars = Array(text)
        var offset = min(scrollOffset, cursor)
        var used = chars[offset..<cursor].reduce(0) { $0 + columns($1) }
        while used > width - 1 && offset < cursor {
            used -= columns(chars[offset])
            offset += 1
        }
        var shown = chars[offset...].reduce(0) { $0 + columns($1) } + 1
        while offset > 0 && shown + columns(chars[offset - 1]) <= width {
            offset -= 1
            shown += columns(chars[offset])
        }
        return offset
    }

    /// Where the terminal cursor goes when this field is focused and drawn in `rect`.
    public func cursorPosition(in rect: Rect) -> CursorPosition {
        // A masked value is drawn as a fixed mask: the cursor waits after it.
        if showsBullets { return CursorPosition(x: rect.x + min(text.isEmpty ? 0 : Secret.maskLength, max(0, rect.width - 1)), y: rect.y) }
        let chars = Array(text)
        let offset = visibleOffset(width: rect.width)
        let col = chars[offset..<cursor].reduce(0) { $0 + columns($1) }
        return CursorPosition(x: rect.x + min(col, max(0, rect.width - 1)), y: rect.y)
    }

    // MARK: - Rendering

    public func render(into canvas: inout Canvas, at rect: Rect, focused: Bool) {
        guard !rect.isEmpty else { return }
        let line = rect.row(0)
        let role: Role = focused ? .fieldFocused : .fieldText
        canvas.fill(line, role: role)
        if text.isEmpty {
            if !placeholder.isEmpty {
                canvas.put(placeholder, x: line.x, y: line.y, role: .placeholder, maxWidth: line.width)
            }
        } else if showsBullets {
            // A fixed number of bullets, not one per character: the length is not shown either.
            canvas.put(String(repeating: canvas.glyphs.bullet, count: Secret.maskLength), x: line.x, y: line.y,
                       role: focused ? .fieldFocused : .secret, maxWidth: line.width)
        } else {
            let offset = visibleOffset(width: line.width)
            var visible = ""
            var used = 0
            for g in Array(text)[offset...] {
                let w = columns(g)
                if used + w > line.width { break }
                visible.append(g)
                used += w
            }
            canvas.put(visible, x: line.x, y: line.y, role: role, maxWidth: line.width)
        }
    }
}

/// A masked field holds a token or a secret as plain text while it is edited: reflection
/// (`dump`, crash reports, debuggers' summaries) shows bullets in its place, as ``Secret`` does.
extension TextField: CustomReflectable, CustomDebugStringConvertible {
    public var customMirror: Mirror {
        Mirror(self, children: ["text": isMasked ? "••••••••" : text, "cursor": cursor], displayStyle: .struct)
    }

    public var debugDescription: String {
        "TextField(\(isMasked ? "••••••••" : text.debugDescription), cursor: \(cursor))"
    }
}
