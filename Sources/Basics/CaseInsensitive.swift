// Case- and diacritic-insensitive comparison without Foundation's string options.

// The standard library's canonical decomposition (NFD), public but behind an SPI; the
// string-processing library uses it too.
@_spi(_Unicode) import Swift

extension StringProtocol {
    /// The text with case differences folded away: upper-cased, then lower-cased, so "ß" and
    /// "SS", "ς" and "Σ", "ﬁ" and "FI" all fold to the same text, as Unicode case folding
    /// (what Foundation's `.caseInsensitive` uses) has it for all but a few characters.
    public var caseFolded: String {
        uppercased().lowercased()
    }

    /// Whether this and `other` are the same text ignoring case, as Foundation's
    /// `caseInsensitiveCompare(_:) == .orderedSame`; canonically equivalent spellings ("é"
    /// precomposed or as "e" and a combining accent) are equal, as for `==`.
    public func equalsIgnoringCase<Other: StringProtocol>(_ other: Other) -> Bool {
        caseFolded == other.caseFolded
    }

    /// Whether `other` occurs in this text ignoring case, as Foundation's
    /// `range(of: other, options: .caseInsensitive) != nil`: whole characters only, and
    /// false for an empty `other`.
    public func containsIgnoringCase<Other: StringProtocol>(_ other: Other) -> Bool {
        !other.isEmpty && caseFolded.contains(other.caseFolded)
    }

    /// Whether `other` occurs in this text ignoring case and accents, as Foundation's
    /// `range(of: other, options: [.caseInsensitive, .diacriticInsensitive]) != nil`:
    /// "Peña" contains "PENA" and "Ångström" "angstrom" (marks of a canonical decomposition
    /// are ignored; "ø" and "ł", which have none, keep theirs); false for an empty `other`.
    public func containsIgnoringCaseAndDiacritics<Other: StringProtocol>(_ other: Other) -> Bool {
        !other.isEmpty && Self.withoutMarks(caseFolded).contains(Self.withoutMarks(other.caseFolded))
    }

    private static func withoutMarks(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text._nfd {
            switch scalar.properties.generalCategory {
            case .nonspacingMark, .spacingMark, .enclosingMark: continue
            default: scalars.append(scalar)
            }
        }
        return String(scalars)
    }
}
