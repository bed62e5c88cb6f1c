// A mutual-exclusion lock without Foundation's NSLock.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A non-recursive lock over a POSIX mutex, used as Foundation's `NSLock` was: `lock()` and
/// `unlock()` on the same thread, or ``withLock(_:)``. (The standard library's `Mutex` would
/// do, but needs macOS 15 and owns the state it guards.)
public final class ThreadLock: @unchecked Sendable {
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>

    /// A new, unlocked lock.
    public init() {
        mutex = .allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        pthread_mutex_init(mutex, nil)
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deinitialize(count: 1)
        mutex.deallocate()
    }

    /// Waits until this thread holds the lock.
    public func lock() {
        pthread_mutex_lock(mutex)
    }

    /// Releases the lock this thread holds.
    public func unlock() {
        pthread_mutex_unlock(mutex)
    }

    /// The result of `body`, run while holding the lock (released when it returns or throws).
    public func withLock<Result>(_ body: () throws -> Result) rethrows -> Result {
        lock()
        defer { unlock() }
        return try body()
    }
}
