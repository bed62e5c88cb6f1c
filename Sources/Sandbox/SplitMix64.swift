#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A tiny seeded PRNG (SplitMix64): the seed data and random faults must be reproducible,
/// which `SystemRandomNumberGenerator` is not.
struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Random strings in the shapes the vendors use.
enum RandomText {
    // Bytes, not Characters: `--sandbox` seeds before its first frame, and a Character is a
    // String of its own (building the seed's strings from them was a quarter of the seeding, perf).
    static let alphanumerics = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".utf8)
    static let base64URL = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)
    static let hexDigits = Array("0123456789abcdef".utf8)

    /// `count` characters of the ASCII `alphabet`, one draw each.
    static func string(_ count: Int, from alphabet: [UInt8], using generator: inout some RandomNumberGenerator) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count)
        for _ in 0..<count { bytes.append(alphabet[Int.random(in: 0..<alphabet.count, using: &generator)]) }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func alphanumeric(_ count: Int, using generator: inout some RandomNumberGenerator) -> String {
        string(count, from: alphanumerics, using: &generator)
    }

    static func hex(_ count: Int, using generator: inout some RandomNumberGenerator) -> String {
        string(count, from: hexDigits, using: &generator)
    }

    /// Bitbucket's `{xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx}` UUID, braces included.
    static func braceUUID(using generator: inout some RandomNumberGenerator) -> String {
        "{\(hex(8, using: &generator))-\(hex(4, using: &generator))-4\(hex(3, using: &generator))-a\(hex(3, using: &generator))-\(hex(12, using: &generator))}"
    }

    /// A Clerk-style object id: prefix, then "2" and 26 base62 characters.
    static func clerkID(_ prefix: String, using generator: inout some RandomNumberGenerator) -> String {
        "\(prefix)_2\(alphanumeric(26, using: &generator))"
    }
}
