import Foundation
import Sandbox
import SetupCore

extension Endpoints {
    /// The endpoints that point the clients at a sandbox: its Bitbucket API and web URLs,
    /// its Clerk API and its Clerk Frontend API (as `bbclerk --sandbox` sets them).
    public init(sandbox info: SandboxInfo) {
        self.init(bitbucketAPI: URL(string: info.bitbucket_api_url)!, bitbucketWeb: URL(string: info.bitbucket_web_url)!,
                  clerkAPI: URL(string: info.clerk_api_url)!, clerkFrontendOverride: URL(string: info.clerk_frontend_url)!)
    }
}

extension SessionCredentials {
    /// A sandbox's seeded credentials (Bitbucket email and API token, Clerk Platform API
    /// key), each marked as coming from the sandbox, as `bbclerk --sandbox` gives them to
    /// the wizard.
    public init(sandbox info: SandboxInfo) {
        self.init()
        bitbucketEmail = info.bitbucket_email
        bitbucketToken = Secret(info.bitbucket_api_token)
        clerkPlatformKey = Secret(info.clerk_platform_api_key)
        for name in ["BITBUCKET_EMAIL", "BITBUCKET_API_TOKEN", "CLERK_PLATFORM_API_KEY"] { sources[name] = .sandbox }
    }
}

/// Starts an in-process sandbox with `options` (a free loopback port unless they name
/// one), runs `body` against it and stops it afterwards, whatever happens. Each test
/// starts its own, so fault injections, request counts and Clerk config versions never
/// leak between tests.
public func withSandbox<T: Sendable>(_ options: SandboxOptions = SandboxOptions(port: 0),
                                     _ body: (RunningSandbox) async throws -> T) async throws -> T {
    let sandbox = try await SandboxServer.start(options)
    do {
        let result = try await body(sandbox)
        await sandbox.stop()
        return result
    } catch {
        await sandbox.stop()
        throw error
    }
}
