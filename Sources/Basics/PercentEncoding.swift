// Percent-encoding (RFC 3986 section 2.1) without Foundation's CharacterSet.

/// A set of ASCII characters, for the bytes percent-encoding leaves as they are. Only ASCII:
/// Foundation's `addingPercentEncoding(withAllowedCharacters:)` encodes every byte of a
/// non-ASCII character whatever the set holds, and so does ``Swift/StringProtocol/percentEncoded(keeping:)``.
public struct ASCIISet: Sendable, Hashable {
    private var low: UInt64
    private var high: UInt64

    /// The set of the ASCII characters in `characters`; anything else in it is ignored.
    public init(_ characters: String) {
        low = 0
        high = 0
        for byte in characters.utf8 where byte < 0x80 { insert(byte) }
    }

    private mutating func insert(_ byte: UInt8) {
        if byte < 64 { low |= 1 << UInt64(byte) } else { high |= 1 << UInt64(byte - 64) }
    }

    /// Whether `byte` is one of the set's characters (never for a byte of 0x80 or above).
    public func contains(_ byte: UInt8) -> Bool {
        byte < 64 ? low & (1 << UInt64(byte)) != 0 : byte < 128 && high & (1 << UInt64(byte - 64)) != 0
    }

    /// Whether `scalar` is one of the set's characters.
    public func contains(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII && contains(UInt8(scalar.value))
    }

    /// The characters of this set and of `other`.
    public func union(_ other: ASCIISet) -> ASCIISet {
        var result = self
        result.low |= other.low
        result.high |= other.high
        return result
    }

    /// The characters of this set that are not in `other`.
    public func subtracting(_ other: ASCIISet) -> ASCIISet {
        var result = self
        result.low &= ~other.low
        result.high &= ~other.high
        return result
    }

    /// A–Z, a–z and 0–9: what `CharacterSet.alphanumerics` leaves unencoded.
    public static let alphanumerics = ASCIISet("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")

    /// RFC 3986's unreserved characters: ALPHA, DIGIT, "-", ".", "_" and "~".
    public static let unreserved = alphanumerics.union(ASCIISet("-._~"))

    /// What `CharacterSet.urlPathAllowed` holds: RFC 3986's pchar and "/", without ";" (and
    /// without "%": an escape is never left as it is).
    public static let urlPathAllowed = unreserved.union(ASCIISet("!$&'()*+,/:=@"))
}

extension StringProtocol {
    /// The text with every UTF-8 byte outside `allowed` written as "%XX" (uppercase hex), as
    /// Foundation's `addingPercentEncoding(withAllowedCharacters:)` (which gives nil only for
    /// text that is not valid Unicode, which a Swift string always is).
    public func percentEncoded(keeping allowed: ASCIISet) -> String {
        let hex: [UInt8] = Array("0123456789ABCDEF".utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count)
        for byte in utf8 {
            if allowed.contains(byte) {
                bytes.append(byte)
            } else {
                bytes.append(UInt8(ascii: "%"))
                bytes.append(hex[Int(byte >> 4)])
                bytes.append(hex[Int(byte & 0x0F)])
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The text with every "%XX" escape replaced by the byte it stands for, as Foundation's
    /// `removingPercentEncoding`: nil when a "%" is not followed by two hex digits or the bytes
    /// are not valid UTF-8. A "+" stays a "+" (form decoding turns it into a space first).
    public var percentDecoded: String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count)
        var iterator = utf8.makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                continue
            }
            guard let high = iterator.next().flatMap(Self.hexValue), let low = iterator.next().flatMap(Self.hexValue) else {
                return nil
            }
            bytes.append(high << 4 | low)
        }
        return Self.validUTF8(bytes)
    }

    /// `bytes` as text when they are valid UTF-8 (`String(validating:as:)` needs macOS 15).
    private static func validUTF8(_ bytes: [UInt8]) -> String? {
        var decoder = UTF8()
        var iterator = bytes.makeIterator()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue: continue
            case .emptyInput: return String(decoding: bytes, as: UTF8.self)
            case .error: return nil
            }
        }
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        default: return nil
        }
    }
}
