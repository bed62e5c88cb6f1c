import Basics
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif

/// How often and how patiently a safe request is repeated: capped exponential backoff that
/// honours `Retry-After` (seconds or an HTTP date) when the service sends one.
///
/// A `Retry-After` longer than `maxDelay` is not waited out: the error is reported at once,
/// with the wait, so the user decides rather than looking at a spinner for minutes.
public struct RetryPolicy: Sendable, Equatable {
    /// Tries in all, the first included; 1 means no retry.
    public var maxAttempts: Int
    /// The wait before the first retry; each further retry doubles it.
    public var baseDelay: TimeInterval
    /// No wait is longer than this, whether computed or asked for by `Retry-After`.
    public var maxDelay: TimeInterval

    public init(maxAttempts: Int = 4, baseDelay: TimeInterval = 0.5, maxDelay: TimeInterval = 8) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = max(0, baseDelay)
        self.maxDelay = max(0, maxDelay)
    }

    /// One try only.
    public static let none = RetryPolicy(maxAttempts: 1)

    /// The wait before try number `attempt + 1` after try `attempt` (1-based) failed, or nil
    /// when no further try should be made.
    func delay(afterAttempt attempt: Int, retryAfter: TimeInterval?) -> TimeInterval? {
        guard attempt < maxAttempts else { return nil }
        if let retryAfter {
            return retryAfter <= maxDelay ? max(0, retryAfter) : nil
        }
        let exponential = baseDelay * pow(2, Double(attempt - 1))
        return min(maxDelay, exponential)
    }
}

/// Parsing of the `Retry-After` header: delta-seconds or an HTTP date (RFC 9110 §10.2.3).
enum RetryAfter {
    /// No wait read from the header is longer: a server asking for more (a date decades
    /// ahead, 2300092327 seconds) is broken, and the user is told "wait 24 hours" at most.
    static let maxSeconds: TimeInterval = 24 * 3600

    /// Seconds to wait, or nil when the header is absent or unreadable. A date in the past
    /// gives 0; anything beyond ``maxSeconds`` gives ``maxSeconds``.
    static func seconds(from header: String?, now: Date = Date()) -> TimeInterval? {
        guard let text = header?.trimmingWhitespace(), !text.isEmpty, text.count <= 64 else { return nil }
        // delta-seconds is 1*DIGIT: no sign, fraction, exponent, "nan" or "inf".
        if text.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) {
            guard let seconds = Double(text), seconds.isFinite else { return maxSeconds }
            return min(seconds, maxSeconds)
        }
        // IMF-fixdate, or the two obsolete forms recipients must still accept (RFC 850 with
        // a two-digit year, and asctime's space-padded day).
        guard let date = HTTPDate.parse(text) else { return nil }
        return min(maxSeconds, max(0, date.timeIntervalSince(now)))
    }
}
