import Foundation

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
    /// Seconds to wait, or nil when the header is absent or unreadable. A date in the past
    /// gives 0.
    static func seconds(from header: String?, now: Date = Date()) -> TimeInterval? {
        guard let text = header?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        if let seconds = Double(text), seconds.isFinite, seconds >= 0 { return seconds }
        for format in formats {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "GMT")
            formatter.dateFormat = format
            if let date = formatter.date(from: text) { return max(0, date.timeIntervalSince(now)) }
        }
        return nil
    }

    /// IMF-fixdate first, then the two obsolete forms recipients must still accept.
    private static let formats = ["EEE, dd MMM yyyy HH:mm:ss zzz", "EEEE, dd-MMM-yy HH:mm:ss zzz", "EEE MMM d HH:mm:ss yyyy"]
}
