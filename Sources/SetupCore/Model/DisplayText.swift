/// Makes a string from the network safe to draw: a workspace name or an error message must
/// not be able to move the cursor, change colours, set the window title or reverse the text.
public enum DisplayText {
    /// C0 controls, DEL and C1 controls (ESC and CSI among them): the one test for "a control
    /// character" wherever text is cleaned, escaped or refused.
    public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }

    /// Bidi embeddings, overrides, isolates and marks, which can reverse how text reads.
    public static func isBidiControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C: true
        default: false
        }
    }

    /// `text` with C0/C1 controls, DEL and escape sequences removed, tabs and newlines turned
    /// into spaces, bidi overrides and isolates dropped, and cut to `limit` characters with
    /// an ellipsis.
    public static func sanitize(_ text: String, limit: Int = 200) -> String {
        var out = String.UnicodeScalarView()
        var scalars = text.unicodeScalars.makeIterator()
        while let scalar = scalars.next() {
            switch scalar.value {
            case 0x1B, 0x9B:
                // Skip an escape sequence whole: ESC [ params final, ESC ] … BEL/ST, or ESC x.
                skipEscape(after: scalar, in: &scalars)
            case 0x09, 0x0A, 0x0D:
                out.append(" ")
            default:
                if isControl(scalar) || isBidiControl(scalar) { continue }
                out.append(scalar)
            }
        }
        let clean = String(out)
        guard clean.count > limit else { return clean }
        return String(clean.prefix(max(0, limit - 1))) + "…"
    }

    /// Text about to be printed to a terminal by a command (`apply`, `doctor`, `themes`, their
    /// errors): every line sanitised as by ``sanitize(_:limit:)`` but not cut, the line
    /// breaks kept. Nothing from outside (a server's error body, a file's contents, an id)
    /// can then set the window title, write the clipboard or move the cursor.
    public static func terminalLines(_ text: String) -> String {
        var lines: [String] = []
        var line = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if scalar == "\n" {
                lines.append(sanitize(String(line), limit: .max))
                line = String.UnicodeScalarView()
            } else {
                line.append(scalar)
            }
        }
        lines.append(sanitize(String(line), limit: .max))
        return lines.joined(separator: "\n")
    }

    private static func skipEscape(after start: Unicode.Scalar, in scalars: inout String.UnicodeScalarView.Iterator) {
        var kind: UInt32 = start.value == 0x9B ? 0x5B : 0
        if kind == 0 {
            guard let next = scalars.next() else { return }
            kind = next.value
            guard kind == 0x5B || kind == 0x5D || kind == 0x50 || kind == 0x5F || kind == 0x5E else { return }
        }
        if kind == 0x5B {  // CSI: parameters and intermediates, then one final byte 0x40–0x7E
            while let s = scalars.next() { if (0x40...0x7E).contains(s.value) { return } }
        } else {  // OSC, DCS, APC, PM: up to BEL or ESC \
            while let s = scalars.next() {
                if s.value == 0x07 || s.value == 0x9C { return }
                if s.value == 0x1B { _ = scalars.next(); return }
            }
        }
    }
}
