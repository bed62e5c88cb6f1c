import Foundation
import SetupCore

extension WizardApp {
    /// Runs the wizard on the real terminal: picks the theme (`NO_COLOR` always wins), takes
    /// the alternate screen, and gives the terminal back on every exit path, including
    /// SIGTERM and SIGHUP (a dropped SSH link).
    public static func run(state: WizardState, runner: EffectRunner, themePath: String?,
                           environment: [String: String]) throws -> WizardOutcome {
        let (theme, themeProblem) = ThemeChoice.resolve(path: themePath, environment: environment)
        let terminal = try CursesTerminal(theme: theme, environment: environment)
        let signals = TerminalSignals(terminal: terminal)
        defer {
            signals.cancel()
            terminal.shutdown()
        }
        let app = WizardApp(state: state, runner: runner, terminal: terminal, environment: environment,
                            recorder: SessionRecorder(paths: StatePaths(environment: environment)))
        if let themeProblem { app.state.status = .init(.warning, themeProblem) }
        return app.run()
    }
}

/// Gives the terminal back when bbclerk is told to stop, then exits with the signal's code.
final class TerminalSignals {
    private let sources: [any DispatchSourceSignal]

    init(terminal: CursesTerminal) {
        let queue = DispatchQueue(label: "bbclerk.terminal-signals")
        sources = [SIGTERM, SIGHUP, SIGINT, SIGQUIT].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler {
                terminal.shutdown()
                exit(128 + number)
            }
            source.resume()
            return source
        }
    }

    func cancel() { sources.forEach { $0.cancel() } }
}
