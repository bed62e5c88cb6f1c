// A plain search for a run of elements, for text bbclerk scans before its first frame: the
// standard library's `firstRange(of:)` for strings is _StringProcessing's generic search,
// whose first use cost about a tenth of a millisecond there.

extension Array where Element: Equatable {
    /// Where `pattern` first starts at or after `start`, or nil. An empty pattern is found
    /// at `start`.
    @inlinable
    public func offset(of pattern: [Element], from start: Int = 0) -> Int? {
        guard start >= 0, count - start >= pattern.count else { return nil }
        return (start...(count - pattern.count)).first { self[$0..<($0 + pattern.count)].elementsEqual(pattern) }
    }
}
