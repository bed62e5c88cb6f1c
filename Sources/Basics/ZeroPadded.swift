extension BinaryInteger {
    /// The decimal digits padded with zeros to `width` ("7" → "07"), a minus sign before them:
    /// what `%0Nd` wrote, without String(format:) (not in FoundationEssentials).
    public func zeroPadded(_ width: Int) -> String {
        let digits = String(magnitude)
        return (self < 0 ? "-" : "") + String(repeating: "0", count: Swift.max(0, width - digits.count)) + digits
    }
}
