import Foundation
import Sandbox
import TestSupport
@testable import SetupCore

/// A sandbox on a free loopback port, with clients pointed at it. Each test starts its own,
/// so fault injections, request counts and Clerk config versions never leak between tests.
struct SandboxFixture: Sendable {
    let sandbox: RunningSandbox
    let endpoints: Endpoints

    var info: SandboxInfo { sandbox.info }

    /// Runs `body` against a fresh sandbox and stops it afterwards, whatever happens.
    static func with<T: Sendable>(
        _ options: SandboxOptions = SandboxOptions(port: 0), _ body: (SandboxFixture) async throws -> T
    ) async throws -> T {
        try await withSandbox(options) { sandbox in
            try await body(SandboxFixture(sandbox: sandbox, endpoints: Endpoints(sandbox: sandbox.info)))
        }
    }

    func verifier(retry: RetryPolicy = .fast, timeout: TimeInterval = 5) -> ConsumerVerifier {
        ConsumerVerifier(endpoints: endpoints, retry: retry, timeout: timeout)
    }

    func bitbucket(token: String? = nil, retry: RetryPolicy = .fast, timeout: TimeInterval = 5) -> BitbucketClient {
        BitbucketClient(
            endpoints: endpoints,
            credentials: BitbucketCredentials(email: info.bitbucket_email, token: Secret(token ?? info.bitbucket_api_token)),
            retry: retry, timeout: timeout)
    }

    func clerk(platformKey: String? = nil, secretKey: String? = nil, retry: RetryPolicy = .fast, timeout: TimeInterval = 5) -> ClerkClient {
        ClerkClient(
            endpoints: endpoints, platformKey: Secret(platformKey ?? info.clerk_platform_api_key),
            secretKey: Secret(secretKey ?? info.clerk_secret_key), retry: retry, timeout: timeout)
    }

    /// The seeded consumer named `name`.
    func consumer(_ name: String) -> ConsumerCredentials {
        let seeded = info.consumers.first { $0.name == name }!
        return ConsumerCredentials(key: seeded.key, secret: Secret(seeded.secret))
    }

    /// The seeded production instance of the application named `name`.
    func productionInstance(of name: String) -> SandboxInstanceInfo {
        info.clerk_instances.first { $0.application_name == name && $0.environment_type == "production" }!
    }
}

extension RetryPolicy {
    /// Retries with waits of milliseconds: the retry logic runs, the test stays fast.
    static let fast = RetryPolicy(maxAttempts: 3, baseDelay: 0.01, maxDelay: 0.05)
}

/// The RemoteError a throwing call produced, or nil when it succeeded.
func remoteError<T>(_ body: () async throws(RemoteError) -> T) async -> RemoteError? {
    do {
        _ = try await body()
        return nil
    } catch {
        return error
    }
}
