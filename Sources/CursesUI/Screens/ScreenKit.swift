import SetupCore

/// Moves focus among a screen's items (Tab / Shift-Tab, ↓ / ↑ when the widget does not use them).
struct FocusRing: Equatable {
    var index = 0
    var count: Int

    mutating func next() { index = min(count - 1, index + 1) }
    mutating func previous() { index = max(0, index - 1) }
    var isLast: Bool { index == count - 1 }

    /// Handles the keys that move focus; true when it used the key. Tab and Shift-Tab wrap
    /// around (Shift-Tab on the first field reaches Continue); the arrows stop at the ends.
    mutating func move(_ key: KeyEvent) -> Bool {
        switch key {
        case .tab: index = (index + 1) % max(1, count)
        case .backTab: index = (index - 1 + max(1, count)) % max(1, count)
        case .down: next()
        case .up: previous()
        default: return false
        }
        return true
    }
}

/// Shared drawing of the screens: headings, wrapped paragraphs, labelled fields.
enum ScreenKit {
    static let margin = 2
    static let labelWidth = 22

    static func heading(_ text: String, y: Int, into canvas: inout Canvas) {
        canvas.put(text, x: margin, y: y, role: .title)
    }

    /// Writes `text` wrapped to the canvas width; returns the rows used. A word too long for
    /// a row (a URL, a key) is never cut or indented mid-word: it goes on rows of its own
    /// from column 0, as the terminal would wrap it. Web addresses become hyperlinks.
    @discardableResult
    static func paragraph(_ text: String, x: Int = margin, y: Int, role: Role = .hint, into canvas: inout Canvas) -> Int {
        let width = max(10, canvas.width - x - margin)
        let lines = TextWrap.wrap(text, width: width, breaksLongWords: false)
        var rows = 0
        for line in lines {
            if DisplayWidth.of(line) > width {
                let link = Self.links(in: line).first.map(\.url)
                rows += canvas.putFlowing(line, x: 0, y: y + rows, role: role, link: link)
            } else {
                canvas.put(line, x: x, y: y + rows, role: role)
                // Columns as drawn: under LANG=C "→" before a link takes two ("->").
                for link in Self.links(in: canvas.glyphs.spelled(line)) {
                    canvas.addHyperlink(Hyperlink(url: link.url, x: x + link.column, y: y + rows, length: DisplayWidth.of(link.url)))
                }
                rows += 1
            }
        }
        return rows
    }

    /// A step page's line: its mark as ✓/⚠/✗ and its tone as a role. Returns the rows used.
    static func line(_ line: PageLine, x: Int = margin, y: Int, into canvas: inout Canvas) -> Int {
        let g = canvas.glyphs
        let mark = line.mark.map { mark in
            switch mark {
            case .check: "\(g.check) "
            case .warning: "\(g.warning) "
            case .cross: "\(g.cross) "
            }
        } ?? ""
        let role: Role = switch line.tone {
        case .hint: .hint
        case .notice: .notice
        case .success: .success
        case .warning: .warning
        case .error: .error
        case .muted: .muted
        }
        return paragraph(mark + line.text, x: x, y: y, role: role, into: &canvas)
    }

    /// The web addresses in `line` and the column each starts at, without the punctuation
    /// that ends a sentence around them.
    static func links(in line: String) -> [(url: String, column: Int)] {
        // Searched for byte by byte, not with the generic substring search (its first use
        // cost a tenth of a millisecond per frame); most lines hold no link and end here.
        guard line.utf8.offset(of: "http".utf8) != nil else { return [] }
        var found: [(url: String, column: Int)] = []
        var column = 0
        for word in line.split(separator: " ", omittingEmptySubsequences: false) {
            defer { column += DisplayWidth.of(String(word)) + 1 }
            guard let offset = word.utf8.offset(of: "http://".utf8) ?? word.utf8.offset(of: "https://".utf8) else { continue }
            let start = word.utf8.index(word.utf8.startIndex, offsetBy: offset)
            var url = String(word[start...])
            while let last = url.last, ".,;:)\"'".contains(last) { url.removeLast() }
            guard Hyperlink.isSafe(url), url.count > 8 else { continue }
            found.append((url, column + DisplayWidth.of(String(word[..<start]))))
        }
        return found
    }

    /// "Label   [field…]" on row `y`; returns the cursor position when focused.
    static func field(_ label: String, _ field: TextField, y: Int, focused: Bool, into canvas: inout Canvas,
                      note: String? = nil, invalid: Bool = false) -> CursorPosition? {
        fieldRows(label, field, y: y, focused: focused, into: &canvas, note: note, invalid: invalid, overflowsBelow: false).cursor
    }

    /// A field as ``field(_:_:y:focused:into:note:invalid:)`` draws it; with
    /// `overflowsBelow`, an unfocused value wider than the field is shown whole on the rows
    /// below its label (a URL is never cut with an ellipsis). Returns the cursor position
    /// when focused and the rows used.
    static func fieldRows(_ label: String, _ field: TextField, y: Int, focused: Bool, into canvas: inout Canvas,
                          note: String? = nil, invalid: Bool = false, overflowsBelow: Bool) -> (cursor: CursorPosition?, rows: Int) {
        // A secret shown in clear (^R) says so beside it, not only in the help bar, which a
        // narrow terminal may cut: what is typed next is readable over the shoulder.
        let note = field.isMasked && field.isRevealed ? [note, "shown"].compactMap { $0?.isEmpty == false ? $0 : nil }.joined(separator: ", ") : note
        let g = canvas.glyphs
        canvas.put(focused ? "\(g.pointer) " : "  ", x: margin - 2 + 2, y: y, role: focused ? .focusRow : .normal)
        // The focused field's label carries the highlight (its text stays plain: see fieldFocused).
        canvas.put(label, x: margin + 2, y: y, role: invalid ? .error : (focused ? .focusRow : .label), maxWidth: labelWidth - 3)
        let noteWidth = note.map { DisplayWidth.of($0) + 2 } ?? 0
        let rect = Rect(x: margin + labelWidth, y: y, width: max(8, canvas.width - margin * 2 - labelWidth - noteWidth - 2), height: 1)
        // An unfocused field shows the start of its value, where URLs differ most.
        var shown = field
        var below: String?
        if !focused {
            shown.moveCursor(to: 0)
            if !field.isMasked, DisplayWidth.of(field.text) > rect.width {
                if overflowsBelow {
                    below = field.text
                    shown.text = ""
                } else {
                    // Cut with an ellipsis, so a long URL never looks like a complete shorter one.
                    shown.text = DisplayWidth.truncate(field.text, to: rect.width, ellipsis: g.ellipsis)
                }
            }
        }
        if below == nil { shown.render(into: &canvas, at: rect, focused: focused) }
        if invalid { canvas.put(String(g.cross), x: rect.maxX + 1, y: y, role: .error) }
        if let note { canvas.put(note, x: rect.maxX + 3, y: y, role: .muted, maxWidth: noteWidth) }
        var rows = 1
        if let below {
            let x = DisplayWidth.of(below) <= canvas.width - margin * 2 - 4 ? margin + 4 : 0
            rows += canvas.putFlowing(below, x: x, y: y + 1, role: .fieldText)
        }
        return (focused ? field.cursorPosition(in: rect) : nil, rows)
    }

    /// The width a field gets in ``field(_:_:y:focused:into:note:invalid:)``.
    static func fieldWidth(columns: Int, noteWidth: Int = 0) -> Int {
        max(8, columns - margin * 2 - labelWidth - (noteWidth > 0 ? noteWidth + 2 : 0) - 2)
    }

    /// A value row; a value too long for the row goes below in full, since these values are
    /// read and typed elsewhere exactly: prose wrapped at its spaces, a URL, key or secret in
    /// one piece (indented when it fits a row, else from column 0, so the terminal's
    /// selection takes it whole). A link becomes a hyperlink. Returns the rows used.
    static func valueRow(_ label: String, _ value: String, y: Int, focused: Bool, into canvas: inout Canvas,
                         isSecret: Bool = false, isRevealed: Bool = false, isLink: Bool = false) -> Int {
        let width = canvas.width - margin * 2
        var row = ValueRow(label: label, value: value, isSecret: isSecret, isLink: isLink, labelWidth: labelWidth - 2)
        row.isRevealed = isRevealed
        // Pointer (2) + label column (labelWidth - 2) + value + "  c copy" (8; a link's
        // "  o open  c copy", 16).
        let fits = isSecret && !isRevealed || labelWidth + DisplayWidth.of(value) + (isLink ? 16 : 8) <= width
        if fits {
            row.render(into: &canvas, at: Rect(x: margin, y: y, width: width, height: 1), focused: focused)
            return 1
        }
        row.value = ""
        row.render(into: &canvas, at: Rect(x: margin, y: y, width: width, height: 1), focused: focused)
        let role: Role = focused ? .focusRow : (isLink ? .link : .fieldText)
        if value.contains(" ") {
            let lines = TextWrap.wrap(value, width: max(10, width - 4))
            for (offset, line) in lines.enumerated() {
                if focused { canvas.fill(Rect(x: margin, y: y + 1 + offset, width: width, height: 1), role: .focusRow) }
                canvas.put(line, x: margin + 4, y: y + 1 + offset, role: role)
            }
            return 1 + lines.count
        }
        let x = DisplayWidth.of(value) <= width - 4 ? margin + 4 : 0
        let rows = canvas.flowingRows(value, x: x)
        if focused { canvas.fill(Rect(x: min(x, margin), y: y + 1, width: canvas.width - min(x, margin), height: rows), role: .focusRow) }
        canvas.putFlowing(value, x: x, y: y + 1, role: role, link: isLink ? value : nil)
        return 1 + rows
    }

    /// The consumer's key and secret as two value rows (the secret masked unless revealed),
    /// under the names the reader knows them by. Returns the rows used and, when one of the
    /// two rows has the focus (`focus` 0 or 1), the row it is drawn on.
    static func keyAndSecret(_ state: WizardState, labels: (key: String, secret: String), focus: Int?, y start: Int,
                             into canvas: inout Canvas) -> (rows: Int, focusRow: Int?) {
        let credentials = state.consumerCredentials
        var y = start
        let keyRow = y
        y += valueRow(labels.key, credentials?.key ?? "", y: y, focused: focus == 0, into: &canvas)
        let secretRow = y
        y += valueRow(labels.secret, credentials?.secret.exposed ?? "", y: y, focused: focus == 1, into: &canvas,
                      isSecret: true, isRevealed: state.secretRevealed)
        return (y - start, focus.map { $0 == 0 ? keyRow : secretRow })
    }

    /// A button on row `y`.
    static func button(_ title: String, y: Int, x: Int = margin + 2, focused: Bool, into canvas: inout Canvas) -> Int {
        let button = Button(title: title)
        button.render(into: &canvas, at: Rect(x: x, y: y, width: button.width, height: 1), focused: focused)
        return button.width
    }

    /// "✓ text" / "✗ text" / spinner, for a remote check.
    static func check<Value>(_ status: RemoteStatus<Value>, loading: String, loaded: (Value) -> String,
                             good: (Value) -> Bool = { _ in true },
                             y: Int, tick: Int, into canvas: inout Canvas) -> Int {
        let g = canvas.glyphs
        switch status {
        case .idle:
            return 0
        case .loading:
            canvas.put("\(Spinner.frame(tick, glyphs: g)) \(loading)", x: margin + 2, y: y, role: .spinner)
            return 1
        case .loaded(let value) where good(value):
            return line(PageLine(loaded(value), .success, mark: .check), x: margin + 2, y: y, into: &canvas)
        case .loaded(let value):
            // Never a ✓ beside what did not hold.
            return line(PageLine(loaded(value), .warning, mark: .warning), x: margin + 2, y: y, into: &canvas)
        case .failed(let error):
            return line(PageLine(error.userMessage, .error, mark: .cross), x: margin + 2, y: y, into: &canvas)
        }
    }
}
