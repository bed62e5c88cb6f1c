import FlyingFox
import FlyingSocks
import Foundation

/// Starts the loopback emulator of Bitbucket and Clerk: one port, one path prefix per service.
public enum SandboxServer {
    /// Errors starting the sandbox.
    public enum StartError: Error, CustomStringConvertible {
        case listenFailed(String)
        case timedOut

        public var description: String {
            switch self {
            case .listenFailed(let reason): "The sandbox could not listen: \(reason)"
            case .timedOut: "The sandbox did not start listening within 10 seconds"
            }
        }
    }

    /// Binds (port 0 picks a free port), seeds the state and returns once requests are served.
    public static func start(_ options: SandboxOptions = .init()) async throws -> RunningSandbox {
        var seed = SeedData(workspaceCount: options.workspaceCount, hostileNames: options.hostileNames)
        seed.applyClerkOptions(options)
        let state = SandboxState(seed: seed, readLag: .milliseconds(max(options.readLagMs, 0)))
        let faults = FaultInjector(plan: options.faults)
        let latency = Duration.milliseconds(max(options.latencyMs, 0))
        let handler = SandboxHTTPHandler(state: state, faults: faults, latency: latency)

        let host = options.host == "localhost" ? "127.0.0.1" : options.host
        let address: any SocketAddress = host.contains(":")
            ? try sockaddr_in6.inet6(ip6: host, port: options.port)
            : try sockaddr_in.inet(ip4: host, port: options.port)
        // FlyingFox's per-request timeout must outlast the slow fault plus the added latency.
        let timeout = 60 + Double(max(options.latencyMs, 0)) / 1000 + Double(SandboxHTTPHandler.slowDelay.components.seconds)
        let server = HTTPServer(config: HTTPServer.Configuration(address: address, timeout: timeout, pool: NoDelayPool(inner: HTTPServer.defaultPool()), logger: .disabled), handler: handler)

        let failure = StartFailure()
        let runTask = Task {
            do { try await server.run() } catch { await failure.record(error) }
        }
        let deadline = ContinuousClock.now + .seconds(10)
        while await !server.isListening {
            if let error = await failure.error {
                throw StartError.listenFailed(String(describing: error))
            }
            guard ContinuousClock.now < deadline else {
                runTask.cancel()
                throw StartError.timedOut
            }
            try await Task.sleep(for: .milliseconds(2))
        }
        var port = options.port
        switch await server.listeningAddress {
        case .ip4(_, let bound)?, .ip6(_, let bound)?: port = bound
        default: break
        }
        let origin = "http://\(host.contains(":") ? "[\(host)]" : host):\(port)"
        await state.setOrigin(origin)

        let info = await makeInfo(origin: origin, seed: seed, state: state)
        return RunningSandbox(info: info, server: server, state: state, faults: faults, runTask: runTask)
    }

    private static func makeInfo(origin: String, seed: SeedData, state: SandboxState) async -> SandboxInfo {
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
            clerk_secret_key: primary.secretKey,
            clerk_publishable_key: primary.publishableKey,
            clerk_instances: instances,
            consumers: seed.consumers.map(\.info)
        )
    }
}

/// Where the server task leaves its error if binding fails, so `start` can throw it.
private actor StartFailure {
    private(set) var error: (any Error)?
    func record(_ error: any Error) { self.error = error }
}
