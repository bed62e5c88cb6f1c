import ArgumentParser
import Basics
import CursesUI
import LineMode
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
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
        try await WizardLaunch(sandbox: sandbox, theme: theme, accessible: accessible, verbose: verbose, logFile: logFile).run()
    }
}

/// What `bbclerk [wizard]` runs, apart from its argument parsing, so a plain start
/// (``init(plainArguments:)``) can skip the parser.
struct WizardLaunch {
    var sandbox = false
    var theme: String?
    var accessible = false
    var verbose = false
    var logFile: String?

    /// The launch for a command line the parser would read the same way without being asked:
    /// no arguments, or `--sandbox` alone. Nil for anything else, which goes to the parser.
    init?(plainArguments arguments: ArraySlice<String>) {
        switch Array(arguments) {
        case []: break
        case ["--sandbox"]: sandbox = true
        default: return nil
        }
    }

    init(sandbox: Bool, theme: String?, accessible: Bool, verbose: Bool, logFile: String?) {
        self.sandbox = sandbox
        self.theme = theme
        self.accessible = accessible
        self.verbose = verbose
        self.logFile = logFile
    }

    func run() async throws {
        // The sandbox seeds and binds on another thread while this one reads the config and
        // sets up the terminal (first, so that it is ready when the first frame needs its
        // credentials). Nothing is sent before `session` has awaited it, and it listens once
        // start returns, so no request can race its port.
        let sandboxStart = sandbox ? Task { try await SandboxServer.start(SandboxOptions()) } : nil
        ProcessHardening.disableCoreDumps()
        // A stray SIGUSR1/SIGUSR2 must not end a session (see ignoreUserSignals for why not stop).
        SignalWatcher.ignoreUserSignals()
        let environment = ProcessEnvironment.current()
        let paths = StatePaths(environment: environment)
        let (config, configProblems) = BBClerkConfig.load(paths: paths)
        BBClerkLog.start(file: logFile.map { URL(fileURLWithPath: $0) } ?? paths.logFile, verbose: verbose)
        for problem in configProblems { BBClerkLog.logger.warning("config not used: \(problem)") }
        // A refused URL override or an untrusted config.toml stops here, before any request.
        let endpoints = try StartupRefusal.endpoints(environment: environment)
        var credentials = SessionCredentials.fromEnvironment(environment)
        // Not with --sandbox: real credentials never go to the emulator.
        if !sandbox { credentials.borrow(ClerkCLISignIn.lookUp(environment: environment)) }
        // Awaited by the full-screen wizard only once its terminal is set up; repeatable.
        let session = { () async throws -> (state: WizardState, runner: EffectRunner) in
            var (endpoints, credentials, mode) = (endpoints, credentials, WizardState.Mode.live)
            if let sandboxStart {
                (endpoints, credentials) = SandboxSession.endpointsAndCredentials(try await sandboxStart.value.info)
                mode = .sandbox
            }
            var state = WizardState(mode: mode, endpoints: endpoints, credentials: credentials)
            config.preselect(&state)
            if let problem = configProblems.first { state.status = .init(.warning, "Setting ignored: \(problem)") }
            // Workspace names are cached across runs, except the in-process sandbox's.
            var runner = EffectRunner(endpoints: endpoints,
                                      workspaceNames: sandbox ? nil : WorkspaceNameStore(file: paths.workspaceNameCacheFile))
            if !sandbox { runner.clerkCLISignIn = { ClerkCLISignIn.lookUp(environment: environment) } }
            return (state, runner)
        }
        // The draft and the audit log, kept the same way by both front ends.
        let files = SessionFiles(paths: paths)
        let outcome: WizardOutcome
        if LineModeApp.isWanted(flag: accessible, environment: environment) {
            let (state, runner) = try await session()
            outcome = await LineModeApp.run(state: state, runner: runner, files: files)
        } else {
            do {
                outcome = try await WizardApp.run(themePath: config.themeRequest(flag: theme, environment: environment),
                                                  environment: environment, files: files, session: session)
            } catch let error as CursesTerminalError {
                let (state, runner) = try await session()
                outcome = await LineModeApp.run(state: state, runner: runner, files: files,
                                                note: "The full-screen wizard could not start (\(error.description)), so bbclerk asks with plain prompts.")
            }
        }
        if let sandboxStart, let running = try? await sandboxStart.value { await running.stop() }
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
