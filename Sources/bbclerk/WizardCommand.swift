import ArgumentParser
import CursesUI
import Foundation
import Sandbox
import SetupCore

/// `bbclerk` / `bbclerk --sandbox`: the ncurses wizard.
struct WizardCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wizard",
        abstract: "Walk through the setup in the terminal (the default)."
    )

    @Flag(help: "Run against a built-in emulator of Bitbucket and Clerk: no account needed.")
    var sandbox = false

    @Option(help: ArgumentHelp("Theme: a name (see bbclerk themes) or a theme file (TOML).", valueName: "name-or-path"))
    var theme: String?

    @Flag(help: "Plain prompts with numbered choices, for screen readers and TERM=dumb (also ACCESSIBLE=1).")
    var accessible = false

    @Flag(help: "Also log each request (method, path, status, time) to the log file.")
    var verbose = false

    @Option(name: .customLong("log-file"), help: ArgumentHelp("Log here instead of $XDG_STATE_HOME/bbclerk/bbclerk.log.", valueName: "path"))
    var logFile: String?

    func run() async throws {
        ProcessHardening.disableCoreDumps()
        // A stray SIGUSR1/SIGUSR2 must not end a session (see ignoreUserSignals for why not stop).
        SignalWatcher.ignoreUserSignals()
        let environment = ProcessInfo.processInfo.environment
        let paths = StatePaths(environment: environment)
        let (config, configProblems) = BBClerkConfig.load(paths: paths)
        BBClerkLog.start(file: logFile.map { URL(fileURLWithPath: $0) } ?? paths.logFile, verbose: verbose)
        for problem in configProblems { BBClerkLog.logger.warning("config not used: \(problem)") }
        // A refused URL override or an untrusted config.toml stops here, before any request.
        var endpoints = try StartupRefusal.endpoints(environment: environment)
        var credentials = SessionCredentials.fromEnvironment(environment)
        var mode = WizardState.Mode.live
        var running: RunningSandbox?
        if sandbox {
            let started = try await SandboxServer.start(SandboxOptions())
            running = started
            (endpoints, credentials) = SandboxSession.endpointsAndCredentials(started.info)
            mode = .sandbox
        }
        var state = WizardState(mode: mode, endpoints: endpoints, credentials: credentials)
        config.preselect(&state)
        if let problem = configProblems.first { state.status = .init(.warning, "Setting ignored: \(problem)") }
        // Workspace names are cached across runs, except the in-process sandbox's.
        let runner = EffectRunner(endpoints: endpoints,
                                  workspaceNames: sandbox ? nil : WorkspaceNameStore(file: paths.workspaceNameCacheFile))
        let outcome: WizardOutcome
        if LineModeApp.isWanted(flag: accessible, environment: environment) {
            outcome = await LineModeApp.run(state: state, runner: runner, environment: environment)
        } else {
            do {
                outcome = try WizardApp.run(state: state, runner: runner,
                                            themePath: config.themeRequest(flag: theme, environment: environment), environment: environment)
            } catch let error as CursesTerminalError {
                outcome = await LineModeApp.run(state: state, runner: runner, environment: environment,
                                                note: "The full-screen wizard could not start (\(error.description)), so bbclerk asks with plain prompts.")
            }
        }
        await running?.stop()
        if outcome != .done { throw ExitCode(outcome.exitCode) }
    }
}

/// What the wizard uses of an in-process sandbox: its URLs and its seeded credentials.
enum SandboxSession {
    static func endpointsAndCredentials(_ info: SandboxInfo) -> (Endpoints, SessionCredentials) {
        let endpoints = Endpoints(
            bitbucketAPI: URL(string: info.bitbucket_api_url)!,
            bitbucketWeb: URL(string: info.bitbucket_web_url)!,
            clerkAPI: URL(string: info.clerk_api_url)!,
            clerkFrontendOverride: URL(string: info.clerk_frontend_url)!
        )
        var credentials = SessionCredentials()
        credentials.bitbucketEmail = info.bitbucket_email
        credentials.bitbucketToken = Secret(info.bitbucket_api_token)
        credentials.clerkPlatformKey = Secret(info.clerk_platform_api_key)
        for name in ["BITBUCKET_EMAIL", "BITBUCKET_API_TOKEN", "CLERK_PLATFORM_API_KEY"] { credentials.sources[name] = .sandbox }
        return (endpoints, credentials)
    }
}
