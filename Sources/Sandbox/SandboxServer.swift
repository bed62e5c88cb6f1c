import Basics
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Starts the loopback emulator of Bitbucket and Clerk: one port, one path prefix per service.
public enum SandboxServer {
    /// Errors starting the sandbox.
    public enum StartError: Error, CustomStringConvertible {
        case listenFailed(String)
        /// The port asked for is taken (another sandbox, or any other server).
        case portInUse(host: String, port: UInt16)
        /// The port asked for needs privileges this user lacks (below 1024 without root).
        case portNotAllowed(host: String, port: UInt16)

        public var description: String {
            switch self {
            case .listenFailed(let reason): "The sandbox could not listen: \(reason)"
            case .portInUse(let host, let port):
                "Port \(port) on \(host) is already in use: choose another with --port, or leave --port out to take a free one."
            case .portNotAllowed(let host, let port):
                "Port \(port) on \(host) needs privileges this user does not have (ports below 1024 need root): choose one above 1024 with --port, or leave --port out to take a free one."
            }
        }
    }

    /// Binds (port 0 picks a free port) and seeds the state; requests are served from the return on.
    public static func start(_ options: SandboxOptions = .init()) async throws -> RunningSandbox {
        try bind(options).serve()
    }

    /// Seeds the state and binds, on the calling thread and without starting one: the port
    /// and the credentials are known, and a client that connects waits in the listen backlog
    /// until `serve()`. The wizard's `--sandbox` paints its first frame between the two.
    public static func bind(_ options: SandboxOptions = .init()) throws -> BoundSandbox {
        var seed = SeedData(workspaceCount: options.workspaceCount, hostileNames: options.hostileNames)
        seed.applyClerkOptions(options)
        let host = options.host == "localhost" ? "127.0.0.1" : options.host
        // An idle kept-alive connection outlasts the slow fault plus the added latency.
        let idle = 60 + max(options.latencyMs, 0) / 1000 + Int(SandboxHTTPHandler.slowDelay.components.seconds)
        let server = try LoopbackHTTPServer(host: host, port: options.port, idleTimeoutSeconds: idle)
        let origin = "http://\(host.contains(":") ? "[\(host)]" : host):\(server.port)"
        let state = SandboxState(seed: seed, origin: origin, readLag: .milliseconds(max(options.readLagMs, 0)))
        let faults = FaultInjector(plan: options.faults)
        let handler = SandboxHTTPHandler(state: state, faults: faults, latency: .milliseconds(max(options.latencyMs, 0)))
        return BoundSandbox(RunningSandbox(info: makeInfo(origin: origin, seed: seed), server: server, state: state, faults: faults),
                            handler: handler)
    }

    private static func makeInfo(origin: String, seed: SeedData) -> SandboxInfo {
        let instances = seed.instances.map(\.info)
        // The first application's production instance: the one a first run sets up.
        let primary = seed.instances.first { $0.isProduction }!
        let members = seed.workspaces.filter { $0.role != nil }
        return SandboxInfo(
            bitbucket_api_url: origin + SandboxService.bitbucketAPI.rawValue,
            bitbucket_web_url: origin + SandboxService.bitbucketWeb.rawValue,
            clerk_api_url: origin + SandboxService.clerkAPI.rawValue,
            clerk_frontend_url: origin + SandboxService.clerkFrontend.rawValue,
            bitbucket_email: seed.user.email,
            bitbucket_api_token: seed.apiToken,
            bitbucket_limited_token: seed.limitedToken,
            bitbucket_username: seed.user.username,
            bitbucket_workspace_count: members.count,
            bitbucket_admin_workspace_count: members.filter(\.administrator).count,
            clerk_platform_api_key: seed.platformAPIKey,
            clerk_platform_readonly_api_key: seed.readOnlyPlatformAPIKey,
            clerk_cli_access_token: seed.clerkCLIAccessToken,
            clerk_secret_key: primary.secretKey,
            clerk_publishable_key: primary.publishableKey,
            clerk_instances: instances,
            consumers: seed.consumers.map(\.info)
        )
    }
}

/// A sandbox seeded and bound but not yet answering (``SandboxServer/bind(_:)``).
public final class BoundSandbox: @unchecked Sendable {  // `serving` is guarded by `lock`
    /// Base URLs and seeded credentials, as the running sandbox will have them.
    public var info: SandboxInfo { sandbox.info }

    /// The sandbox `serve` starts: built at bind, nothing in it runs before.
    private let sandbox: RunningSandbox
    private let handler: SandboxHTTPHandler
    private let lock = ThreadLock()
    private var serving = false

    init(_ sandbox: RunningSandbox, handler: SandboxHTTPHandler) {
        self.sandbox = sandbox
        self.handler = handler
    }

    /// Starts answering on a thread of its own (with one more per connection); once, however
    /// often it is called.
    @discardableResult
    public func serve() -> RunningSandbox {
        lock.withLock {
            guard !serving else { return }
            serving = true
            let handler = handler
            sandbox.server.start { try await handler.handleRequest($0) }
        }
        return sandbox
    }
}
