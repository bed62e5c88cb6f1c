// A plain search for a run of elements, for text bbclerk scans before its first frame: the
// standard library's `firstRange(of:)` for strings is _StringProcessing's generic search,
// whose first use cost about a tenth of a millisecond there.

extension Collection where Element: Equatable {
    /// How many elements from the start `pattern` first starts, at or after the `start`-th
    /// element, or nil. An empty pattern is found at `start`. Works on a string's `utf8` in
    /// place, without copying it into an array.
    @inlinable
    public func offset<Pattern: Collection>(of pattern: Pattern, from start: Int = 0) -> Int? where Pattern.Element == Element {
        guard start >= 0, var index = self.index(startIndex, offsetBy: start, limitedBy: endIndex) else { return nil }
        var offset = start
        while true {
            if self[index...].starts(with: pattern) { return offset }
            guard index != endIndex else { return nil }
            formIndex(after: &index)
            offset += 1
        }
    }
}
