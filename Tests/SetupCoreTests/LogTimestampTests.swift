import Foundation
import Testing
@testable import SetupCore

/// The log's timestamps are made without ICU; they must read as ISO 8601 did.
struct LogTimestampTests {
    @Test(arguments: [0, 1.5, 951_782_400.999, 1_738_324_800.25, 1_767_225_599.9999, 4_102_444_800.001])
    func matchesISO8601WithMilliseconds(_ seconds: Double) {
        let date = Date(timeIntervalSince1970: seconds)
        let expected = Date.ISO8601FormatStyle(includingFractionalSeconds: true).format(date)
        #expect(FileLogHandler.timestamp(date) == expected)
    }
}
