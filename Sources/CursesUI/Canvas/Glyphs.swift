import SetupCore

/// The symbols widgets draw, in a Unicode set and an ASCII fallback (for non-UTF-8 locales).
///
/// Status glyphs (✓ ✗ ›) are drawn whatever the theme, so focus and errors stay visible
/// under `NO_COLOR` and on monochrome terminals.
public struct Glyphs: Sendable, Equatable {
    public var bullet: Character
    public var ellipsis: Character
    public var check: Character
    public var cross: Character
    public var warning: Character
    public var pointer: Character
    public var separator: Character
    public var progressDone: Character
    public var progressTodo: Character
    public var horizontal: Character
    public var vertical: Character
    public var topLeft: Character
    public var topRight: Character
    public var bottomLeft: Character
    public var bottomRight: Character
    public var lock: Character
    public var spinnerFrames: [Character]
    /// Text on this surface is spelled in ASCII too (``ASCIIFallback``): no UTF-8 locale.
    public var spellsASCII: Bool

    /// `text` as this surface draws it: in ASCII where it has no UTF-8 locale. What a
    /// caller measures must be spelled so ("→" takes two columns as "->").
    public func spelled(_ text: String) -> String { spellsASCII ? ASCIIFallback.text(text, columns: DisplayWidth.of) : text }

    public static let unicode = Glyphs(
        bullet: "•", ellipsis: "…", check: "✓", cross: "✗", warning: "!", pointer: "›",
        separator: "·", progressDone: "━", progressTodo: "─", horizontal: "─", vertical: "│",
        topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘", lock: "*",
        spinnerFrames: ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"], spellsASCII: false)

    public static let ascii = Glyphs(
        bullet: "*", ellipsis: "~", check: "+", cross: "X", warning: "!", pointer: ">",
        separator: "-", progressDone: "=", progressTodo: "-", horizontal: "-", vertical: "|",
        topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+", lock: "*",
        spinnerFrames: ["|", "/", "-", "\\"], spellsASCII: true)
}
