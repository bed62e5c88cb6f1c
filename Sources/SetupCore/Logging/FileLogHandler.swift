#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Logging
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A swift-log handler that appends one line per event to a file created 0600 (through
/// ``SecureFile/appendLine(_:to:)``), every line passed through ``SecretRedactor`` first.
///
/// Line format: `2025-01-31T12:00:00.000Z info message key=value …`. Line breaks in the
/// message or metadata are written as `\n` so one event stays one line. A write that fails
/// (read-only home, full disk) is dropped: the log must never disturb the wizard.
public struct FileLogHandler: LogHandler {
    public let file: URL
    public let redactor: SecretRedactor
    public var logLevel: Logger.Level
    public var metadata: Logger.Metadata = [:]

    public init(file: URL, level: Logger.Level = .info, redactor: SecretRedactor = .shared) {
        self.file = file
        self.logLevel = level
        self.redactor = redactor
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        try? SecureFile.appendLine(line(for: event, at: Date()), to: file)
    }

    /// The redacted line written for `event`.
    func line(for event: LogEvent, at date: Date) -> String {
        var merged = metadata
        if let extra = event.metadata { merged.merge(extra) { _, new in new } }
        var text = "\(Self.timestamp(date)) \(event.level) \(event.message)"
        for key in merged.keys.sorted() { text += " \(key)=\(merged[key]!)" }
        return redactor.redact(Self.oneLine(text))
    }

    /// `date` in UTC as `2025-01-31T12:00:00.000Z` (milliseconds truncated), from
    /// ``UTCTime``: `Date.ISO8601FormatStyle` gives the same text but loads ICU's time zone
    /// data (about 2 ms and its pages) for the first line.
    static func timestamp(_ date: Date) -> String {
        let time = UTCTime(date)
        let seconds = date.timeIntervalSince1970.rounded(.down)
        let millis = min(999, max(0, Int((date.timeIntervalSince1970 - seconds) * 1000)))
        return "\(time.year.zeroPadded(4))-\(time.month.zeroPadded(2))-\(time.day.zeroPadded(2))"
            + "T\(time.hour.zeroPadded(2)):\(time.minute.zeroPadded(2)):\(time.second.zeroPadded(2)).\(millis.zeroPadded(3))Z"
    }

    /// `text` with line breaks and other control characters escaped.
    static func oneLine(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += " "
            default:
                if DisplayText.isControl(scalar) || scalar.properties.isBidiControl
                    || scalar == "\u{2028}" || scalar == "\u{2029}" {
                    out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}
