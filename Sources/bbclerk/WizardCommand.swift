import ArgumentParser
import Basics
import CursesUI
import Dispatch
import LineMode
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Sandbox
import SetupCore

/// `bbclerk` / `bbclerk --sandbox`: the ncurses wizard.
struct WizardCommand: ParsableCommand {
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

    /// The launch these options ask for (`Entry` runs it on the main thread).
    var launch: WizardLaunch {
        WizardLaunch(sandbox: sandbox, theme: theme, accessible: accessible, verbose: verbose, logFile: logFile)
    }

    /// What ArgumentParser asks for; `Entry` runs a parsed wizard command itself, on the main thread.
    func run() throws {
        try launch.run()
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

    /// Runs the wizard on the calling thread, which must not be one of Swift's cooperative
    /// pool (the line mode is waited for here). `Entry` runs it on the main thread before any
    /// other exists, so the full-screen wizard's first frame is drawn before any thread
    /// starts (see `WizardApp.run`). Throws what stops the start (a refused URL override or
    /// config file, a sandbox that cannot listen), and `ExitCode` for any end but a finished
    /// setup.
    func run() throws {
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
        // Seeded and bound here, without a thread: its URLs and credentials are on the first
        // frame. It answers from just after that frame (`serve`); a request cannot come sooner
        // (the checks start after it), and one would wait in the listen backlog.
        let sandbox = self.sandbox ? try SandboxServer.bind(SandboxOptions()) : nil
        let session = { () -> (state: WizardState, runner: EffectRunner) in
            var (endpoints, credentials, mode) = (endpoints, credentials, WizardState.Mode.live)
            if let sandbox {
                (endpoints, credentials) = SandboxSession.endpointsAndCredentials(sandbox.info)
                mode = .sandbox
            }
            var state = WizardState(mode: mode, endpoints: endpoints, credentials: credentials)
            config.preselect(&state)
            if let problem = configProblems.first { state.status = .init(.warning, "Setting ignored: \(problem)") }
            // Workspace names are cached across runs, except the in-process sandbox's.
            var runner = EffectRunner(endpoints: endpoints,
                                      workspaceNames: sandbox != nil ? nil : WorkspaceNameStore(file: paths.workspaceNameCacheFile))
            if sandbox == nil { runner.clerkCLISignIn = { ClerkCLISignIn.lookUp(environment: environment) } }
            return (state, runner)
        }
        // The draft and the audit log, kept the same way by both front ends.
        let files = SessionFiles(paths: paths)
        var note: String?
        if !LineModeApp.isWanted(flag: accessible, environment: environment) {
            do {
                let outcome = try WizardApp.run(themePath: config.themeRequest(flag: theme, environment: environment),
                                                environment: environment, files: files, session: session,
                                                afterFirstFrame: { sandbox?.serve() })
                return try Self.finish(outcome)
            } catch let error as CursesTerminalError {
                note = "The full-screen wizard could not start (\(error.description)), so bbclerk asks with plain prompts."
            }
        }
        sandbox?.serve()
        let (state, runner) = session()
        try Self.finish(waitHere { [note] in await LineModeApp.run(state: state, runner: runner, files: files, note: note) })
    }

    private static func finish(_ outcome: WizardOutcome) throws {
        if outcome != .done { throw ExitCode(outcome.exitCode) }
    }
}

/// Waits on this thread for `operation`, run on Swift's global executor. Never on one of the
/// executor's own threads: there are as few as cores, and it could end up waiting for itself.
private func waitHere<T: Sendable>(_ operation: @escaping @Sendable () async -> T) -> T {
    let (done, result) = (DispatchSemaphore(value: 0), Awaited<T>())
    Task.detached {
        result.value = await operation()
        done.signal()
    }
    done.wait()
    return result.value!
}

/// What `waitHere` waited for: written before its semaphore is signalled, read after.
private final class Awaited<T>: @unchecked Sendable {
    var value: T?
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
