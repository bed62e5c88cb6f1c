import Basics
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif
import SetupCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns a terminal's echo off while a secret is typed, and back on afterwards, on every
/// exit path: ``restore()`` is safe to call from a signal watcher on another thread and
/// more than once.
public final class EchoOff: @unchecked Sendable {
    /// The echo of standard input.
    public static let standardInput = EchoOff(fileDescriptor: STDIN_FILENO)

    public let fileDescriptor: Int32
    private let lock = ThreadLock()
    private var saved: termios?

    public init(fileDescriptor: Int32) { self.fileDescriptor = fileDescriptor }

    /// Whether echo is off now (between ``disable()`` and ``restore()``).
    public var isDisabled: Bool { lock.withLock { saved != nil } }

    /// Turns echo off (the line discipline still edits the line); returns false when the
    /// file is not a terminal. Typed-ahead input is kept.
    @discardableResult
    public func disable() -> Bool {
        lock.withLock {
            guard saved == nil else { return true }
            var settings = termios()
            guard isatty(fileDescriptor) == 1, tcgetattr(fileDescriptor, &settings) == 0 else { return false }
            var quiet = settings
            quiet.c_lflag &= ~tcflag_t(ECHO)
            guard tcsetattr(fileDescriptor, TCSANOW, &quiet) == 0 else { return false }
            saved = settings
            return true
        }
    }

    /// Puts the settings from before ``disable()`` back; does nothing when echo is on.
    public func restore() {
        lock.withLock {
            guard var settings = saved else { return }
            _ = tcsetattr(fileDescriptor, TCSANOW, &settings)
            saved = nil
        }
    }
}

/// While the line mode runs: SIGINT (Ctrl-C), SIGTERM, SIGHUP and SIGQUIT turn echo back on,
/// say why bbclerk stops, and exit with 128 + the signal's number (130 for Ctrl-C).
final class LineModeSignals {
    private let watcher: SignalWatcher

    init(echo: EchoOff, farewell: @escaping @Sendable (Int32) -> String) {
        watcher = SignalWatcher { number in
            echo.restore()
            SystemIO.writeAll(1, "\n" + farewell(number) + "\n")
            exit(128 + number)
        }
    }

    func cancel() { watcher.cancel() }
}
