#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
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
    /// ``disableDumping()`` does the rest: it also stops same-user `ptrace` and
    /// `/proc/<pid>/mem` reads.
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

    /// Marks the process not dumpable (`prctl(PR_SET_DUMPABLE, 0)`, Linux): another process
    /// of the same user can then neither `ptrace` it nor open `/proc/<pid>/mem`, `environ` or
    /// `maps`, so tokens held in memory cannot be read out of a running bbclerk (only root
    /// or a process with `CAP_SYS_PTRACE` can). Also stops core dumps. Programs bbclerk
    /// starts are dumpable again after their `exec`, as usual. Call first thing in `main`.
    ///
    /// Returns whether the flag is now off; false on other systems (macOS has no such flag;
    /// `PT_DENY_ATTACH` would also stop debuggers and crash reporters).
    @discardableResult
    public static func disableDumping() -> Bool {
        #if os(Linux)
        guard let prctl = Self.prctl else { return false }
        return prctl(Self.setDumpable, 0, 0, 0, 0) == 0 && isDumpable == false
        #else
        return false
        #endif
    }

    /// Whether the process may be dumped and read by its owner's other processes
    /// (`PR_GET_DUMPABLE`); nil where that cannot be asked.
    public static var isDumpable: Bool? {
        #if os(Linux)
        guard let prctl = Self.prctl else { return nil }
        let value = prctl(Self.getDumpable, 0, 0, 0, 0)
        return value < 0 ? nil : value != 0
        #else
        return nil
        #endif
    }

    #if os(Linux)
    private static let getDumpable: Int32 = 3 // PR_GET_DUMPABLE in <linux/prctl.h>
    private static let setDumpable: Int32 = 4 // PR_SET_DUMPABLE

    /// `prctl` is variadic in C, which Swift cannot call directly; looked up once and called
    /// with five fixed arguments. On Linux's x86-64 and AArch64 calling conventions a call
    /// with fixed integer arguments passes them exactly as a variadic call does (x86-64's
    /// `%al` vector-register count only decides whether the callee saves vector registers).
    private typealias PrctlFunction = @convention(c) (Int32, UInt, UInt, UInt, UInt) -> Int32
    private static let prctl: PrctlFunction? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "prctl") else { return nil } // RTLD_DEFAULT
        return unsafeBitCast(symbol, to: PrctlFunction.self)
    }()
    #endif
}
