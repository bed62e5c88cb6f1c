import Foundation
import XCTest

/// Every usage error exits with 2 (DESIGN's exit codes), whether bbclerk or the argument
/// parser found it, and says what to type instead.
final class UsageErrorTests: XCTestCase {
    func testUnknownOptionsAndBadValuesExit2() throws {
        let binary = try Products.bbclerk.path
        for arguments in [["apply", "--bogus"], ["--bogus"], ["sandbox", "--workspaces", "0"], ["sandbox", "--fault-rate", "2"]] {
            let result = try Subprocess.run(binary, arguments, timeout: 20)
            XCTAssertEqual(result.status, 2, "bbclerk \(arguments.joined(separator: " ")): \(result.error)")
            XCTAssertTrue(result.error.contains("Usage") || result.error.contains("Error"), result.error)
        }
        let help = try Subprocess.run(binary, ["--help"], timeout: 20)
        XCTAssertEqual(help.status, 0)
        XCTAssertTrue(help.output.contains("SUBCOMMANDS"), help.output)
    }
}
