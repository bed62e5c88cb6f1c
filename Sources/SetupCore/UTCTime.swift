import Basics
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A moment's calendar fields in UTC (proleptic Gregorian), computed by hand: the fixed
/// formats bbclerk writes and the HTTP dates it reads need no locale, time-zone database or
/// `DateFormatter` (which is not in FoundationEssentials and links ICU).
struct UTCTime: Equatable, Sendable {
    var year: Int
    /// 1–12.
    var month: Int
    /// 1–31.
    var day: Int
    var hour: Int
    var minute: Int
    var second: Int

    init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0) {
        self.year = year
        self.month = month
        self.day = day
        self.hour = hour
        self.minute = minute
        self.second = second
    }

    /// The fields of `date`, its fraction of a second dropped (as a formatter shows it).
    init(_ date: Date) {
        let total = Int(date.timeIntervalSince1970.rounded(.down))
        let (days, secondOfDay) = total.quotientAndRemainder(dividingBy: 86_400)
        let dayNumber = secondOfDay < 0 ? days - 1 : days
        let seconds = secondOfDay < 0 ? secondOfDay + 86_400 : secondOfDay
        (year, month, day) = Self.civil(fromDays: dayNumber)
        hour = seconds / 3600
        minute = seconds % 3600 / 60
        second = seconds % 60
    }

    /// The moment these fields name; nil when one is out of its range (31 February, 24:00).
    var date: Date? {
        guard (1...12).contains(month), (1...Self.daysIn(month: month, year: year)).contains(day),
              (0...23).contains(hour), (0...59).contains(minute), (0...60).contains(second) else { return nil }
        let days = Self.days(fromCivil: year, month, day)
        return Date(timeIntervalSince1970: TimeInterval(days * 86_400 + hour * 3600 + minute * 60 + second))
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 of a civil date (Howard Hinnant's `days_from_civil`).
    private static func days(fromCivil year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The civil date of a day number since 1970-01-01 (`civil_from_days`).
    private static func civil(fromDays days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// "2026-03-14 09:26 UTC", as `DateFormatter`'s `yyyy-MM-dd HH:mm 'UTC'` wrote it.
    var minuteText: String {
        "\(year.zeroPadded(4))-\(month.zeroPadded(2))-\(day.zeroPadded(2)) \(hour.zeroPadded(2)):\(minute.zeroPadded(2)) UTC"
    }

    /// "20260314T092653Z", as `DateFormatter`'s `yyyyMMdd'T'HHmmss'Z'` wrote it.
    var compactStamp: String {
        year.zeroPadded(4) + month.zeroPadded(2) + day.zeroPadded(2) + "T"
            + hour.zeroPadded(2) + minute.zeroPadded(2) + second.zeroPadded(2) + "Z"
    }
}

/// HTTP dates (RFC 9110 §5.6.7): IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT"), and the two
/// obsolete forms recipients must still accept, RFC 850 ("Sunday, 06-Nov-94 08:49:37 GMT")
/// and asctime ("Sun Nov  6 08:49:37 1994").
enum HTTPDate {
    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    private static let shortDays = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    private static let longDays = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]

    /// The moment `text` names, or nil when it is none of the three forms. Names of days and
    /// months are matched ignoring case; the day of the week is not checked against the date.
    /// A two-digit year is one of 1950–2049, as the formatter that read these dates before
    /// placed it.
    static func parse(_ text: String) -> Date? {
        let words = text.split(separator: " ").map { $0.lowercased() }
        if words.count == 6, words[0].hasSuffix(","), shortDays.contains(String(words[0].dropLast())), words[5] == "gmt" || words[5] == "utc" {
            // IMF-fixdate: day-name "," SP day SP month SP year SP time SP "GMT"
            guard let day = number(words[1], digits: 1...2), let month = month(words[2]),
                  let year = number(words[3], digits: 4...4) else { return nil }
            return at(year, month, day, time: words[4])
        }
        if words.count == 4, words[0].hasSuffix(","), longDays.contains(String(words[0].dropLast())), words[3] == "gmt" || words[3] == "utc" {
            // RFC 850: day-name-l "," SP day "-" month "-" 2DIGIT SP time SP "GMT"
            let parts = words[1].split(separator: "-", omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 3, let day = number(parts[0], digits: 1...2), let month = month(parts[1]),
                  let short = number(parts[2], digits: 2...2) else { return nil }
            return at(short < 50 ? 2000 + short : 1900 + short, month, day, time: words[2])
        }
        if words.count == 5, shortDays.contains(words[0]) {
            // asctime: day-name SP month SP ( 2DIGIT / ( SP DIGIT )) SP time SP year
            guard let month = month(words[1]), let day = number(words[2], digits: 1...2),
                  let year = number(words[4], digits: 4...4) else { return nil }
            return at(year, month, day, time: words[3])
        }
        return nil
    }

    private static func month(_ word: String) -> Int? {
        months.firstIndex(of: word).map { $0 + 1 }
    }

    private static func number(_ word: some StringProtocol, digits: ClosedRange<Int>) -> Int? {
        guard digits.contains(word.utf8.count), word.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else {
            return nil
        }
        return Int(word)
    }

    private static func at(_ year: Int, _ month: Int, _ day: Int, time: String) -> Date? {
        let fields = time.split(separator: ":", omittingEmptySubsequences: false)
        guard fields.count == 3, let hour = number(fields[0], digits: 2...2), let minute = number(fields[1], digits: 2...2),
              let second = number(fields[2], digits: 2...2) else { return nil }
        return UTCTime(year: year, month: month, day: day, hour: hour, minute: minute, second: second).date
    }
}
