import Dispatch
import Foundation

/// Hands signals (Ctrl-C, SIGTERM, a dropped link's SIGHUP) to `handler` on a private queue
/// instead of their default action, which would end the process without giving the terminal
/// back or stopping a server cleanly. Every front end and `bbclerk sandbox` use this one.
public final class SignalWatcher: @unchecked Sendable {
    /// The signals a terminal program must handle to exit cleanly.
    public static let termination: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGQUIT]

    private let numbers: [Int32]
    private let sources: [any DispatchSourceSignal]  // set once in init, only cancelled after

    /// Starts watching `numbers`; `handler` runs for each one received, on `queue`.
    public init(_ numbers: [Int32] = SignalWatcher.termination, queue: DispatchQueue = DispatchQueue(label: "bbclerk.signals"),
                handler: @escaping @Sendable (Int32) -> Void) {
        self.numbers = numbers
        sources = numbers.map { number in
            // A dispatch source only sees a signal whose default action is turned off.
            signal(number, SIG_IGN)
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
    private let lock = NSLock()
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
