import Dispatch
import Foundation

/// Helpers for the `bbclerk sandbox` subcommand, which lives in the executable: start the
/// sandbox, print its JSON line, and keep serving until SIGINT or SIGTERM.
public enum SandboxCommandSupport {
    /// Starts a sandbox, writes `info.jsonLine()` and a newline to standard output (unbuffered,
    /// so a parent process reading the pipe sees it at once), serves until SIGINT or SIGTERM,
    /// stops, and returns the signal's number.
    public static func run(_ options: SandboxOptions = .init()) async throws -> Int32 {
        ignoreTerminationSignals()
        let sandbox = try await SandboxServer.start(options)
        FileHandle.standardOutput.write(Data((sandbox.info.jsonLine() + "\n").utf8))
        let received = await waitForTerminationSignal()
        await sandbox.stop()
        return received
    }

    /// Suspends until the process receives SIGINT or SIGTERM and returns which one. Their
    /// default action (ending the process at once) is turned off for good, so the caller can
    /// stop cleanly.
    public static func waitForTerminationSignal() async -> Int32 {
        ignoreTerminationSignals()
        let gate = SignalGate()
        return await withCheckedContinuation { continuation in
            gate.arm(continuation)
        }
    }

    private static func ignoreTerminationSignals() {
        // Dispatch sources only see signals whose default action is disabled.
        signal(SIGINT, SIG_IGN)
        signal(SIGTERM, SIG_IGN)
    }
}

/// Resumes its continuation once, on the first of SIGINT or SIGTERM.
private final class SignalGate: @unchecked Sendable {
    // Guards `continuation` and `sources`, touched from the dispatch queue and the caller.
    private let lock = NSLock()
    private var continuation: CheckedContinuation<Int32, Never>?
    private var sources: [any DispatchSourceSignal] = []

    func arm(_ continuation: CheckedContinuation<Int32, Never>) {
        lock.lock()
        defer { lock.unlock() }
        self.continuation = continuation
        for number in [SIGINT, SIGTERM] {
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [self] in fire(number) }
            source.resume()
            sources.append(source)
        }
    }

    private func fire(_ number: Int32) {
        lock.lock()
        let pending = continuation
        continuation = nil
        let finished = sources
        sources = []
        lock.unlock()
        finished.forEach { $0.cancel() }
        pending?.resume(returning: number)
    }
}
