import Basics
import Dispatch
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif
import SetupCore

extension WizardApp {
    /// Runs the wizard on the real terminal, on the calling thread: picks the theme
    /// (`NO_COLOR` always wins), takes the alternate screen, and gives the terminal back on
    /// every exit path, including SIGTERM and SIGHUP (a dropped SSH link).
    ///
    /// The first frame is drawn before anything here starts a thread (the signal watchers
    /// start libdispatch's; creating threads cost some tenths of a millisecond each on a
    /// small server, and their page faults cost more): the watchers, then `afterFirstFrame`
    /// (say, a sandbox starting to answer), then the effects the start asked for. Until the
    /// watchers start, a resize waits for them (`SignalWatcher.hold`) and a request to stop
    /// gives the terminal back and exits (`CursesTerminal.stopOnSignalsUntilWatched`).
    ///
    /// `session` gives the wizard's state and effect runner once the terminal is set up; an
    /// error it throws ends the run after the terminal is given back. `files` (the draft and
    /// the audit log, nil for none) are read before the terminal is set up and given to the
    /// runner.
    public static func run(themePath: String?, environment: [String: String], files: SessionFiles?,
                           session: () throws -> (state: WizardState, runner: EffectRunner),
                           afterFirstFrame: () -> Void = {}) throws -> WizardOutcome {
        let (outcome, farewell) = try runOnScreen(themePath: themePath, environment: environment, files: files,
                                                  session: session, afterFirstFrame: afterFirstFrame)
        // After the alternate screen has closed, so it stays in the scrollback (as gh does).
        if let farewell { SystemIO.writeAll(1, DisplayText.terminalLines(farewell) + "\n") }
        return outcome
    }

    private static func runOnScreen(themePath: String?, environment: [String: String], files: SessionFiles?,
                                    session: () throws -> (state: WizardState, runner: EffectRunner),
                                    afterFirstFrame: () -> Void) throws -> (WizardOutcome, String?) {
        let (theme, themeProblem) = ThemeChoice.resolve(path: themePath, environment: environment)
        // Files first, while Ctrl-C still works the ordinary way: nothing in the state folder
        // is touched once the screen is raw (reads never block, see SecureFile, but a slow
        // disk should stall a normal terminal, not a blank raw one).
        let start = files?.readStart()
        // Until the watchers start, after the first frame: a resize waits for them, a request
        // to stop gives the terminal back and exits as they would.
        SignalWatcher.hold([SIGWINCH])
        CursesTerminal.stopOnSignalsUntilWatched()
        let terminal = try CursesTerminal(theme: theme, environment: environment)
        let signals = TerminalSignals(terminal: terminal)
        defer {
            signals.cancel()
            terminal.shutdown()
        }
        let (state, runner) = try session()
        var sessionRunner = runner
        sessionRunner.files = files
        let app = WizardApp(state: state, runner: sessionRunner, terminal: terminal, environment: environment,
                            start: start, stopSignal: { signals.received })
        if let themeProblem { app.dispatch(.notify(.init(.warning, themeProblem))) }
        let outcome = app.run {
            signals.watch()
            terminal.watchResizes()
            afterFirstFrame()
        }
        var farewell = DonePage.farewell(outcome, state: app.state, draftKept: files?.drafts.isKept ?? false)
        // Spelled as the screens were: without a UTF-8 locale ✓ and · are not drawn either.
        farewell = farewell.map(terminal.glyphs.spelled)
        return (outcome, farewell.map { wrapped($0, columns: terminal.size.columns) })
    }

    /// The summary's lines wrapped at spaces to the terminal's width, continuation rows under
    /// the text: the terminal would break them mid-word. A link or key longer than a row
    /// stays whole on a row of its own (the terminal wraps it, and a selection copies it).
    static func wrapped(_ text: String, columns: Int) -> String {
        guard columns > 20 else { return text }
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            let leading = line.prefix { $0 == " " }.count
            let body = String(line.dropFirst(leading))
            // A command to copy stays one line (the terminal wraps it if it must).
            if body.hasPrefix("bbclerk ") { return String(line) }
            let marked = ["✓ ", "! ", "+ "].contains { body.hasPrefix($0) }
            let indent = String(repeating: " ", count: leading + (marked ? 2 : 0))
            let rows = TextWrap.wrap(body, width: columns - indent.count, breaksLongWords: false)
            guard !rows.isEmpty else { return String(line) }
            return rows.enumerated().map { ($0.offset == 0 ? String(repeating: " ", count: leading) : indent) + $0.element }
                .joined(separator: "\n")
        }.joined(separator: "\n")
    }
}

/// Gives the terminal back when bbclerk is told to stop, then exits with the signal's code.
/// Turns SIGTERM, SIGHUP, SIGINT and SIGQUIT into a request the app loop sees at once (it
/// wakes the terminal's wait), so the terminal is given back on the loop's own thread:
/// ncurses is never called from two threads. Should the loop not end within two seconds,
/// the terminal is restored from here and the process exits anyway.
final class TerminalSignals: @unchecked Sendable {
    /// The signals that ask bbclerk to stop.
    static let watched = SignalWatcher.termination

    private let terminal: CursesTerminal
    private let lock = ThreadLock()
    private var number: Int32?
    private var watcher: SignalWatcher?

    init(terminal: CursesTerminal) {
        self.terminal = terminal
    }

    /// Starts watching (the watcher starts libdispatch's threads: after the first frame), on
    /// the loop's thread, which the watcher then keeps the signals from.
    func watch() {
        let queue = DispatchQueue(label: "bbclerk.terminal-signals")
        let (terminal, wake) = (terminal, terminal.waker)
        let watcher = SignalWatcher(Self.watched, queue: queue) { [weak self] number in
            self?.lock.withLock { if self?.number == nil { self?.number = number } }
            wake()
            queue.asyncAfter(deadline: .now() + 2) {
                terminal.shutdown()
                exit(128 + number)
            }
        }
        lock.withLock { self.watcher = watcher }
    }

    /// The first signal received, if any.
    var received: Int32? { lock.withLock { number } }

    func cancel() { lock.withLock { watcher }?.cancel() }
}
