import Dispatch
import Basics
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif

/// Hands signals (Ctrl-C, SIGTERM, a dropped link's SIGHUP) to `handler` on a private queue
/// instead of their default action, which would end the process without giving the terminal
/// back or stopping a server cleanly. Every front end and `bbclerk sandbox` use this one.
public final class SignalWatcher: @unchecked Sendable {
    /// The signals a terminal program must handle to exit cleanly.
    public static let termination: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGQUIT]

    private let numbers: [Int32]
    private let sources: [any DispatchSourceSignal]  // set once in init, only cancelled after

    /// Starts watching `numbers`; `handler` runs for each one received, on `queue`. Holds
    /// them first (see `hold`): blocked in the calling thread, so that one arriving before the
    /// sources are registered waits for them, and their default action off, so that none
    /// ends the process.
    public init(_ numbers: [Int32] = SignalWatcher.termination, queue: DispatchQueue = DispatchQueue(label: "bbclerk.signals"),
                handler: @escaping @Sendable (Int32) -> Void) {
        self.numbers = numbers
        Self.hold(numbers)
        sources = numbers.map { number in
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler { handler(number) }
            source.resume()
            return source
        }
    }

    /// Stops watching and gives the signals their default action back.
    public func cancel() {
        sources.forEach { $0.cancel() }
        for number in numbers { signal(number, SIG_DFL) }
    }

    /// The signals that mean nothing to bbclerk yet end a process by default.
    public static let userDefined: [Int32] = [SIGUSR1, SIGUSR2]

    /// Makes SIGUSR1 and SIGUSR2 harmless: they are caught and dropped, so a stray
    /// `kill -USR1` (a log rotator, a mistyped pid, a monitoring tool asking for a status dump)
    /// cannot end a session and throw away what the user typed. Ignoring rather than stopping
    /// like SIGTERM, because nobody sends USR1/USR2 to ask a program to quit: TERM, INT and HUP
    /// say that, and those stop bbclerk cleanly. Caught with a handler that does nothing
    /// rather than set to SIG_IGN, because an ignored signal stays ignored in every program
    /// bbclerk starts (the browser), while a caught one goes back to its default there.
    /// `SA_RESTART`, so a read or write it interrupts carries on.
    public static func ignoreUserSignals() {
        catchWithoutAction(userDefined)
    }

    /// Holds `numbers` back from the calling thread, and from every thread it starts, until a
    /// watcher takes them: for a program that sets its watchers up only after its first frame
    /// (starting their threads before it cost time). One that arrives meanwhile stays
    /// pending, and the watcher's dispatch source reads it at once (libdispatch reads
    /// signals from a signalfd, which wants them blocked in every thread).
    ///
    /// Call it on the main thread while the only other threads are libdispatch's (which block
    /// every signal): a thread started elsewhere before it would still take them. Blocked
    /// first, then their default action turned off, so that none is lost in between.
    /// libdispatch installs its own handler only for the first watcher of a signal, so watch
    /// each held signal once. Caught rather than ignored: setting SIG_IGN would discard one
    /// already pending.
    public static func hold(_ numbers: [Int32]) {
        var blocked = sigset_t()
        sigemptyset(&blocked)
        for number in numbers { sigaddset(&blocked, number) }
        pthread_sigmask(SIG_BLOCK, &blocked, nil)
        catchWithoutAction(numbers)
    }

    /// Installs a handler that does nothing (`SA_RESTART`, so a read or write it interrupts
    /// carries on) for each of `numbers`.
    private static func catchWithoutAction(_ numbers: [Int32]) {
        for number in numbers {
            var action = sigaction()
            #if os(Linux)
            action.__sigaction_handler.sa_handler = { _ in }
            action.sa_flags = Int32(SA_RESTART)
            #else
            action.__sigaction_u.__sa_handler = { _ in }
            action.sa_flags = SA_RESTART
            #endif
            sigemptyset(&action.sa_mask)
            sigaction(number, &action, nil)
        }
    }

    /// Suspends until one of `numbers` arrives and returns it (their default action stays off,
    /// so the caller can stop cleanly).
    public static func next(of numbers: [Int32] = [SIGINT, SIGTERM]) async -> Int32 {
        let first = FirstSignal()
        return await withCheckedContinuation { continuation in
            first.arm(continuation, watching: numbers)
        }
    }
}

/// Resumes its continuation on the first signal only.
private final class FirstSignal: @unchecked Sendable {
    private let lock = ThreadLock()
    private var continuation: CheckedContinuation<Int32, Never>?
    private var watcher: SignalWatcher?

    func arm(_ continuation: CheckedContinuation<Int32, Never>, watching numbers: [Int32]) {
        lock.withLock { self.continuation = continuation }
        let watcher = SignalWatcher(numbers) { [self] number in
            lock.withLock {
                self.continuation?.resume(returning: number)
                self.continuation = nil
            }
        }
        lock.withLock { self.watcher = watcher }
    }
}
