import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Process-wide settings that keep secrets in memory from reaching disk.
public enum ProcessHardening {
    /// Disables core dumps, so a crash cannot write tokens held in memory to a core file.
    /// Sets both the soft and the hard `RLIMIT_CORE` to 0, so nothing later in the process
    /// (or a child) can raise it again. Call first thing in `main`.
    ///
    /// Not done: `prctl(PR_SET_DUMPABLE, 0)`, which would also stop same-user `ptrace` and
    /// `/proc/<pid>/mem` reads. `prctl` is variadic in C and Swift cannot call variadic C
    /// functions, so it needs a C shim.
    ///
    /// Returns whether the limit was set; a failure is not fatal, the caller may log it.
    @discardableResult
    public static func disableCoreDumps() -> Bool {
        var limit = rlimit(rlim_cur: 0, rlim_max: 0)
        #if os(Linux)
        return setrlimit(__rlimit_resource_t(RLIMIT_CORE.rawValue), &limit) == 0
        #else
        return setrlimit(RLIMIT_CORE, &limit) == 0
        #endif
    }
}
