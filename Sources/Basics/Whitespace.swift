// Whitespace trimming without Foundation's CharacterSet (FoundationEssentials has none).

extension Unicode.Scalar {
    /// Whether this is whitespace as Foundation's `CharacterSet.whitespaces` has it: Unicode
    /// general category Zs (space separators, including U+00A0 and U+3000), the tab U+0009,
    /// and U+200B ZERO WIDTH SPACE (a space separator in old Unicode versions, still in
    /// Foundation's set). Newlines are not whitespace here.
    @inlinable
    public var isHorizontalWhitespace: Bool {
        value == 0x09 || value == 0x200B || properties.generalCategory == .spaceSeparator
    }

    /// Whether this is in Foundation's `CharacterSet.whitespacesAndNewlines`: general category Z*
    /// (Zs, Zl U+2028, Zp U+2029), U+000A through U+000D, U+0085 (NEL) and, as in
    /// ``isHorizontalWhitespace``, U+200B.
    @inlinable
    public var isWhitespaceOrNewline: Bool {
        switch value {
        case 0x09...0x0D, 0x85, 0x200B: return true
        default:
            switch properties.generalCategory {
            case .spaceSeparator, .lineSeparator, .paragraphSeparator: return true
            default: return false
            }
        }
    }
}

// Inlinable, so callers get a version specialized for their String or Substring: the generic
// one made the runtime build the metadata of its slice types on first use, which took a
// tenth of a millisecond before the first frame.
extension StringProtocol {
    /// The text without the leading and trailing Unicode scalars for which `predicate` holds,
    /// as Foundation's `trimmingCharacters(in:)` (which also works on scalars, not characters).
    @inlinable
    public func trimmingScalars(where predicate: (Unicode.Scalar) -> Bool) -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !predicate($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !predicate($0) })!
        // Nothing to trim (the usual case): no scalar-by-scalar copy.
        if first == scalars.startIndex, scalars.index(after: last) == scalars.endIndex { return String(self) }
        return String(String.UnicodeScalarView(scalars[first...last]))
    }

    /// The text without leading and trailing spaces and tabs (``Unicode/Scalar/isHorizontalWhitespace``),
    /// as Foundation's `trimmingCharacters(in: .whitespaces)`; line breaks stay.
    @inlinable
    public func trimmingWhitespace() -> String {
        trimmingScalars(where: \.isHorizontalWhitespace)
    }

    /// The text without leading and trailing whitespace and line breaks
    /// (``Unicode/Scalar/isWhitespaceOrNewline``), as Foundation's
    /// `trimmingCharacters(in: .whitespacesAndNewlines)`.
    @inlinable
    public func trimmingWhitespaceAndNewlines() -> String {
        trimmingScalars(where: \.isWhitespaceOrNewline)
    }
}
