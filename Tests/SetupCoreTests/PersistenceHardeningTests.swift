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

/// The process-wide protections bbclerk turns on at start.
final class ProcessProtectionTests: XCTestCase {
    /// Turns the test process itself non-dumpable (harmless here: core dumps are off above,
    /// and the end-to-end test shows what it stops: another process of the user reading
    /// /proc/<pid>/mem). The flag reads back through prctl(PR_GET_DUMPABLE).
    func testDisableDumpingClearsTheDumpableFlag() throws {
        #if os(Linux)
        XCTAssertTrue(ProcessHardening.disableDumping())
        XCTAssertEqual(ProcessHardening.isDumpable, false)
        // Not dumpable: the kernel hands the process's /proc files to root.
        var info = stat()
        XCTAssertEqual(stat("/proc/self/mem", &info), 0)
        XCTAssertEqual(info.st_uid, 0)
        #else
        XCTAssertFalse(ProcessHardening.disableDumping())
        #endif
    }

    /// SIGUSR1/SIGUSR2 are caught by a handler that does nothing: raising them leaves the
    /// process running, and they are not SIG_IGN (which programs started later would inherit).
    func testUserSignalsAreCaughtAndDropped() throws {
        SignalWatcher.ignoreUserSignals()
        for number in SignalWatcher.userDefined {
            var current = sigaction()
            XCTAssertEqual(sigaction(number, nil, &current), 0)
            #if os(Linux)
            let handler = unsafeBitCast(current.__sigaction_handler.sa_handler, to: Int.self)
            #else
            let handler = unsafeBitCast(current.__sigaction_u.__sa_handler, to: Int.self)
            #endif
            XCTAssertNotEqual(handler, 0, "not SIG_DFL")
            XCTAssertNotEqual(handler, 1, "not SIG_IGN")
            // Were the default action still in place, this would end the test run.
            XCTAssertEqual(raise(number), 0)
        }
    }
}
