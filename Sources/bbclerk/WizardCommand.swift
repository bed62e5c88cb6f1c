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

    @Option(help: "Theme file to use instead of the default (TOML).")
    var theme: String?

    func run() async throws {
        ProcessHardening.disableCoreDumps()
        let environment = ProcessInfo.processInfo.environment
        var endpoints = Endpoints.fromEnvironment(environment)
        var credentials = SessionCredentials.fromEnvironment(environment)
        var mode = WizardState.Mode.live
        var running: RunningSandbox?
        if sandbox {
            let started = try await SandboxServer.start(SandboxOptions())
            running = started
            (endpoints, credentials) = SandboxSession.endpointsAndCredentials(started.info)
            mode = .sandbox
        }
        let state = WizardState(mode: mode, endpoints: endpoints, credentials: credentials)
        let outcome = try WizardApp.run(state: state, runner: EffectRunner(endpoints: endpoints),
                                        themePath: theme ?? environment["BBCLERK_THEME"], environment: environment)
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
