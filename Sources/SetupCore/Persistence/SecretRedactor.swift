import Basics
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The last line of defence before text reaches a log or an error report: replaces every
/// registered secret value, and anything shaped like a Clerk or Atlassian credential, with
/// ``Secret/mask``.
///
/// ``Secret`` already keeps values out of interpolation; this catches the ways a value can
/// slip out anyway (a server echoing a token in an error body, a pasted key in a URL).
/// Thread-safe: effects register secrets while the UI thread redacts.
public final class SecretRedactor: @unchecked Sendable {
    /// The process-wide registry the executable feeds and its loggers use.
    public static let shared = SecretRedactor()

    /// Values shorter than this are not registered: replacing every "abc" would mangle
    /// ordinary text, and no real credential is that short.
    public static let minimumLength = 6

    // Guards `values`. A lock rather than Mutex: Mutex needs macOS 15, the package targets 13.
    private let lock = ThreadLock()
    private var values: Set<String> = []
    /// Longest first, so a secret that contains another registered one is masked whole.
    private var ordered: [String] = []

    public init() {}

    /// Remembers `secret`'s value (and its percent-encoded form, as it appears in form
    /// bodies and query strings) so ``redact(_:)`` masks it.
    public func register(_ secret: Secret) {
        let value = secret.exposed
        guard value.count >= Self.minimumLength else { return }
        var forms = [value]
        let encoded = value.percentEncoded(keeping: .alphanumerics)
        if encoded != value {
            forms.append(encoded)
        }
        lock.lock()
        defer { lock.unlock() }
        for form in forms where values.insert(form).inserted {
            ordered.append(form)
        }
        ordered.sort { $0.count > $1.count }
    }

    /// `line` with every registered value and credential-shaped token replaced by bullets.
    public func redact(_ line: String) -> String {
        let registered = lock.withLock { ordered }
        var result = line
        for value in registered where result.contains(value) {
            result = result.replacing(value, with: Secret.mask)
        }
        return CredentialShapes.masked(result)
    }
}

/// Finds text shaped like a credential by hand, in one pass over the bytes. A regular
/// expression engine (ICU's, behind NSRegularExpression) cost 3.3 ms to compile on the first
/// log line, before the first paint; these two shapes need none:
/// - Clerk Platform API keys (`ak_…`) and secret keys (`sk_live_…`, `sk_test_…`): `ak_` or
///   `sk_` not preceded by a letter or digit (so "task_…" stays), then 10 or more of
///   `[A-Za-z0-9_-]`. Not `pk_`: publishable keys are public.
/// - Atlassian API tokens: `ATATT`, then 10 or more of `[A-Za-z0-9_-+/=]` (base64url and the
///   `=` checksum).
enum CredentialShapes {
    static func masked(_ text: String) -> String {
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        var index = 0
        var copiedUpTo = 0
        while index < bytes.count {
            if let end = match(bytes, at: index) {
                out += bytes[copiedUpTo..<index]
                out += Array(Secret.mask.utf8)
                index = end
                copiedUpTo = end
            } else {
                index += 1
            }
        }
        guard copiedUpTo > 0 else { return text }
        out += bytes[copiedUpTo...]
        return String(decoding: out, as: UTF8.self)
    }

    /// The end of a credential-shaped run starting at `start`, or nil.
    private static func match(_ bytes: [UInt8], at start: Int) -> Int? {
        let byte = bytes[start]
        if byte == UInt8(ascii: "a") || byte == UInt8(ascii: "s") {
            guard start + 2 < bytes.count, bytes[start + 1] == UInt8(ascii: "k"), bytes[start + 2] == UInt8(ascii: "_") else { return nil }
            if start > 0, isAlphanumeric(bytes[start - 1]) { return nil }
            return run(bytes, from: start + 3) { isAlphanumeric($0) || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-") }
        }
        if byte == UInt8(ascii: "A"), bytes[start...].starts(with: "ATATT".utf8) {
            return run(bytes, from: start + 5) {
                isAlphanumeric($0) || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "+")
                    || $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "=")
            }
        }
        return nil
    }

    /// The end of the run of `allowed` bytes from `from`, when it is at least 10 long.
    private static func run(_ bytes: [UInt8], from: Int, _ allowed: (UInt8) -> Bool) -> Int? {
        var end = from
        while end < bytes.count, allowed(bytes[end]) { end += 1 }
        return end - from >= 10 ? end : nil
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }
}
