import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif
import Sandbox
import SetupCore

/// `bbclerk sandbox`: runs the loopback emulator of Bitbucket and Clerk on its own.
struct SandboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sandbox",
        abstract: "Run the loopback emulator of Bitbucket and Clerk.",
        discussion: """
            Prints one JSON line with its base URLs and seeded credentials once it is listening, \
            then serves until interrupted. Point bbclerk at it with BBCLERK_BITBUCKET_API_URL, \
            BBCLERK_BITBUCKET_WEB_URL, BBCLERK_CLERK_API_URL and BBCLERK_CLERK_FRONTEND_URL, or \
            let the shell set them all: eval "$(bbclerk sandbox --env &)" starts it in the \
            background and exports them (kill "$BBCLERK_SANDBOX_PID" stops it).
            """
    )

    @Flag(help: "Print `export NAME='value'` lines (the URLs, the seeded credentials and BBCLERK_SANDBOX_PID) instead of JSON, then close standard output, so eval \"$(bbclerk sandbox --env &)\" returns.")
    var env = false

    @Option(help: "Port to listen on (0 picks a free one).")
    var port: UInt16 = 0

    @Option(name: .customLong("latency-ms"), help: "Milliseconds added to every answer.")
    var latencyMs: Int = 0

    @Option(help: "Number of seeded Bitbucket workspaces.")
    var workspaces: Int = 14

    @Flag(help: "Inject random faults: rate limits, 5xx answers, slow answers, dropped connections, malformed bodies.")
    var faults = false

    @Option(name: .customLong("fault-seed"), help: "Seed for --faults, so a run can be repeated.")
    var faultSeed: UInt64 = 1

    @Option(name: .customLong("fault-rate"), help: "Share of requests that get a fault with --faults (0 to 1).")
    var faultRate: Double = 0.2

    @Option(name: .customLong("read-lag-ms"), help: "Milliseconds during which Clerk config reads (and the Frontend API) still show the state before a write, as the real service's reads may lag.")
    var readLagMs = 0

    @Flag(name: .customLong("unverified-domain"), help: "The first application's production domain has unverified DNS: its status says so and its Frontend API host does not answer.")
    var unverifiedDomain = false

    @Flag(name: .customLong("numeric-config-version"), help: "The first application's instances send config_version as a JSON number.")
    var numericConfigVersion = false

    func validate() throws {
        guard readLagMs >= 0 else { throw ValidationError("--read-lag-ms cannot be negative.") }
        guard workspaces >= 1 else { throw ValidationError("--workspaces needs at least 1, as in --workspaces 300.") }
        guard (0...1).contains(faultRate) else { throw ValidationError("--fault-rate is a share from 0 to 1, as in --fault-rate 0.2.") }
        guard latencyMs >= 0 else { throw ValidationError("--latency-ms cannot be negative.") }
    }

    func run() async throws {
        var options = SandboxOptions()
        options.port = port
        options.latencyMs = latencyMs
        options.workspaceCount = workspaces
        options.faults = faults ? FaultPlan(seed: faultSeed, rate: faultRate) : nil
        options.readLagMs = readLagMs
        options.unverifiedDomain = unverifiedDomain
        options.numericConfigVersion = numericConfigVersion
        let sandbox = try await SandboxServer.start(options)
        // Written straight to the file descriptor: a pipe reader must see the line at once.
        if env {
            SystemIO.writeAll(1, Self.exports(sandbox.info, pid: getpid()))
            // End of file for `$(…)`: the sandbox serves on with its output on /dev/null.
            let null = open("/dev/null", O_WRONLY)
            if null >= 0 { _ = dup2(null, 1); _ = close(null) }
        } else {
            SystemIO.writeAll(1, sandbox.info.jsonLine() + "\n")
        }
        _ = await SignalWatcher.next(of: [SIGINT, SIGTERM])
        await sandbox.stop()
    }

    /// What `--env` prints: one `export` line per variable, each value in single quotes (a
    /// quote inside closed, escaped and reopened), so any shell reads them back unchanged.
    static func exports(_ info: SandboxInfo, pid: Int32) -> String {
        let variables: [(String, String)] = [
            ("BBCLERK_BITBUCKET_API_URL", info.bitbucket_api_url),
            ("BBCLERK_BITBUCKET_WEB_URL", info.bitbucket_web_url),
            ("BBCLERK_CLERK_API_URL", info.clerk_api_url),
            ("BBCLERK_CLERK_FRONTEND_URL", info.clerk_frontend_url),
            ("BITBUCKET_EMAIL", info.bitbucket_email),
            ("BITBUCKET_API_TOKEN", info.bitbucket_api_token),
            ("CLERK_PLATFORM_API_KEY", info.clerk_platform_api_key),
            ("BBCLERK_SANDBOX_PID", String(pid)),
        ]
        return variables.map { name, value in
            "export \(name)='" + value.replacing("'", with: "'\\''") + "'\n"
        }.joined()
    }
}
