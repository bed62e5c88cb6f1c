#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Cleaning of text that came over the network before it goes into a message: no C0/C1
/// controls (so no escape sequences), no bidi overrides, whitespace collapsed, length cut.
///
/// Kept here rather than shared with the terminal's sanitiser on purpose: error messages are
/// built in the core and must already be safe when a front end logs or prints them.
enum RemoteText {
    static func sanitized(_ text: String, limit: Int = 300) -> String {
        // DisplayText removes escape sequences whole (not just their ESC); runs of spaces
        // it leaves from line breaks are folded here.
        let clean = DisplayText.sanitize(text, limit: Int.max)
        let folded = clean.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        return folded.count > limit ? String(folded.prefix(limit - 1)) + "…" : folded
    }

    /// The text without its final full stop, to be embedded in a longer sentence.
    static func clause(_ text: String) -> String {
        var result = sanitized(text)
        while let last = result.last, last == "." || last == " " { result.removeLast() }
        return result
    }
}
