/// One sentence a step shows, and how it reads: what a step's page (``ConsumerPage``,
/// ``CreatePage``, …) hands to both front ends. The ncurses wizard draws the tone as a colour
/// and the mark as ✓/⚠/✗; the line mode says the words (a ✗ as "Problem:").
public struct PageLine: Equatable, Sendable {
    /// How the line reads.
    public enum Tone: Equatable, Sendable {
        /// Explains: secondary text.
        case hint
        /// Worth noticing, not wrong (a development instance's shared credentials).
        case notice
        case success, warning, error
        /// Said for the record (granted scopes, a choice already made).
        case muted
    }

    /// The sign before a line that reports a check.
    public enum Mark: Equatable, Sendable { case check, warning, cross }

    public var text: String
    public var tone: Tone
    public var mark: Mark?

    public init(_ text: String, _ tone: Tone, mark: Mark? = nil) {
        self.text = text
        self.tone = tone
        self.mark = mark
    }
}

/// A label and the value beside it ("Callback URL: https://…"), as a step lists them.
public struct PageValue: Equatable, Sendable {
    public var label: String
    public var value: String

    public init(_ label: String, _ value: String) {
        self.label = label
        self.value = value
    }
}
