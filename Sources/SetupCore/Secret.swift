import Basics
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A value that must never be shown, logged or written to disk: an API token, a Platform API
/// key, a consumer secret.
///
/// Its `description`, `debugDescription` and reflection show bullets, so string
/// interpolation, `print`, `dump` and crash output cannot leak it by accident. The value is
/// reachable only through ``exposed``, which reads as what it is at every call site.
public struct Secret: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    private let value: String

    /// Wraps `value`; surrounding whitespace and newlines (a pasted line) are trimmed.
    public init(_ value: String) {
        self.value = value.trimmingWhitespaceAndNewlines()
    }

    /// The secret itself. Call only where it is sent over the wire or revealed on request.
    public var exposed: String { value }

    public var isEmpty: Bool { value.isEmpty }

    /// How many bullets stand for any secret, wherever one is masked: a fixed number, so the
    /// mask does not reveal the secret's length either.
    public static let maskLength = 8
    /// The mask in text (logs, descriptions).
    public static let mask = String(repeating: "•", count: maskLength)

    public var description: String { Self.mask }
    public var debugDescription: String { "Secret(\(Self.mask))" }
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}
