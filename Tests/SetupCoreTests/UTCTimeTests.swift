import Foundation
import Testing
@testable import SetupCore

/// The hand-made UTC formatting and HTTP-date parsing that replaced `DateFormatter` (not in
/// FoundationEssentials), held to what `DateFormatter` itself writes and reads.
@Suite struct UTCTimeTests {
    static func formatter(_ format: String) -> DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = format
        return formatter
    }

    /// Moments from before 1970 to after 2100, leap days and ends of years included.
    static let moments: [Date] = {
        var seconds: [TimeInterval] = [0, -1, 59.999, 951_782_400, 951_868_799, 1_709_164_800, 4_107_542_399, -2_208_988_800,
                                       253_402_300_799, 784_111_777]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<300 { seconds.append(TimeInterval(Int64.random(in: -3_000_000_000...8_000_000_000, using: &generator)) + 0.5) }
        return seconds.map(Date.init(timeIntervalSince1970:))
    }()

    @Test func formatsAsDateFormatterDid() {
        let minute = Self.formatter("yyyy-MM-dd HH:mm 'UTC'")
        let compact = Self.formatter("yyyyMMdd'T'HHmmss'Z'")
        for date in Self.moments {
            #expect(UTCTime(date).minuteText == minute.string(from: date), "\(date.timeIntervalSince1970)")
            #expect(UTCTime(date).compactStamp == compact.string(from: date), "\(date.timeIntervalSince1970)")
        }
    }

    @Test func fieldsRoundTrip() {
        for date in Self.moments {
            let whole = Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down))
            #expect(UTCTime(date).date == whole)
        }
        #expect(UTCTime(year: 2023, month: 2, day: 29).date == nil)
        #expect(UTCTime(year: 2024, month: 2, day: 29).date != nil)
        #expect(UTCTime(year: 2024, month: 1, day: 1, hour: 24).date == nil)
    }

    @Test func readsTheThreeHTTPDateForms() {
        let imf = Self.formatter("EEE, dd MMM yyyy HH:mm:ss 'GMT'")
        let rfc850 = Self.formatter("EEEE, dd-MMM-yy HH:mm:ss 'GMT'")
        let asctime = Self.formatter("EEE MMM d HH:mm:ss yyyy")
        for date in Self.moments where (0...4_000_000_000).contains(date.timeIntervalSince1970) {
            let whole = Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down))
            #expect(HTTPDate.parse(imf.string(from: date)) == whole, "\(imf.string(from: date))")
            var spaced = asctime.string(from: date)
            if let day = spaced.split(separator: " ").dropFirst(2).first, day.count == 1 {
                spaced = spaced.replacingOccurrences(of: " \(day) ", with: "  \(day) ")
            }
            #expect(HTTPDate.parse(spaced) == whole, "\(spaced)")
            let short = rfc850.string(from: date)
            let read = Self.formatter("EEEE, dd-MMM-yy HH:mm:ss zzz").date(from: short)
            #expect(HTTPDate.parse(short) == read, "\(short)")
        }
        for text in ["", "Sun, 06 Nov 1994 08:49:37", "Sun, 31 Feb 1994 08:49:37 GMT", "Sun, 06 Foo 1994 08:49:37 GMT",
                     "Sun, 06 Nov 1994 8:49:37 GMT", "Sun, 06 Nov 94 08:49:37 GMT", "Sunday, 06-Nov-1994 08:49:37 GMT",
                     "Sun Nov 6 08:49:37", "tomorrow"] {
            #expect(HTTPDate.parse(text) == nil, "\(text)")
        }
    }

    @Test func oneDecimalAsPrintf() {
        let fixed: [Double] = [0, 0.04, 0.05, 0.15, 0.25, 0.35, 1.45, 2.25, 2.35, 9.95, 10, 15, 29.99, 30, 120.5, 3600, 1e14 + 0.05,
                               -0.04, -2.25]
        let random: [Double] = (0..<300).map { _ in Double.random(in: 0..<1000) }
        for value in fixed + random {
            #expect(RemoteErrors.oneDecimal(value) == String(format: "%.1f", value), "\(value)")
        }
    }
}
