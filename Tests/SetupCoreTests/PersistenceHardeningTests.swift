import XCTest
@testable import SetupCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

final class PersistenceHardeningTests: XCTestCase {
    func testCoreDumpLimitIsZeroAfterTheCall() {
        XCTAssertTrue(ProcessHardening.disableCoreDumps())
        var limit = rlimit()
        #if os(Linux)
        XCTAssertEqual(getrlimit(__rlimit_resource_t(RLIMIT_CORE.rawValue), &limit), 0)
        #else
        XCTAssertEqual(getrlimit(RLIMIT_CORE, &limit), 0)
        #endif
        XCTAssertEqual(limit.rlim_cur, 0)
        XCTAssertEqual(limit.rlim_max, 0)
    }
}
