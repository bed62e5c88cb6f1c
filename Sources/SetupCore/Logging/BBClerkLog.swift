import Basics
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Logging

/// bbclerk's process-wide logger. Nothing is logged until ``start(file:verbose:)`` is called
/// (the executable does, with `$XDG_STATE_HOME/bbclerk/bbclerk.log` or `--log-file`), so
/// tests and library use stay silent.
///
/// Levels: wizard steps and remote errors at `info`; with `--verbose`, each HTTP request at
/// `debug` (method, path without the query, status, duration; never headers or bodies).
public enum BBClerkLog {
    private static let lock = ThreadLock()
    nonisolated(unsafe) private static var current = Logger(label: "bbclerk", factory: { _ in SwiftLogNoOpLogHandler() })

    /// The logger in use. Reads and writes are locked; `Logger` is a value.
    public static var logger: Logger {
        get { lock.withLock { current } }
        set { lock.withLock { current = newValue } }
    }

    /// Starts logging to `file` (created 0600, appended to): `info` and up, `debug` too
    /// when `verbose`.
    public static func start(file: URL, verbose: Bool) {
        logger = Logger(label: "bbclerk") { _ in FileLogHandler(file: file, level: verbose ? .debug : .info) }
    }

    /// Logs one HTTP exchange at `debug`: `GET /2.0/user → 200 (123 ms)`. `path` is the
    /// URL's path only; the query can carry ids and is never logged.
    public static func request(method: String, path: String, status: Int?, seconds: TimeInterval, failure: String? = nil) {
        let log = logger
        guard log.logLevel <= .debug else { return }
        let outcome = status.map { "\($0)" } ?? failure ?? "no answer"
        log.debug("\(method) \(path) → \(outcome) (\(Int((seconds * 1000).rounded())) ms)")
    }

    /// Logs a remote error's ``RemoteError/logDetail`` (which never holds a secret) at `info`.
    public static func remoteError(_ error: RemoteError) {
        guard !error.isCancellation else { return }
        logger.info("\(error.service.rawValue) error: \(error.logDetail)")
    }
}
