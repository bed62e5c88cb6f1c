import Foundation
import Sandbox
import Testing
@testable import SetupCore

/// HTTPClient's timeouts, retries and error mapping, with faults injected in the sandbox.
@Suite struct HTTPFaultTests {
    static let user = "/user"

    @Test func getRetriesAfter429WithoutRetryAfter() async throws {
        try await SandboxFixture.with { fixture in
            await fixture.sandbox.inject(.rateLimitedNoRetryAfter, pathPrefix: Self.user, count: 2)
            let user = try await fixture.bitbucket().currentUser()
            #expect(user.displayName == "Ada Lovelace")
            #expect(await fixture.sandbox.requestCount(pathPrefix: Self.user) == 3)
        }
    }

    @Test func getHonoursRetryAfter() async throws {
        try await SandboxFixture.with { fixture in
            // The sandbox sends Retry-After: 1; a policy whose cap allows it waits it out.
            await fixture.sandbox.inject(.rateLimited, pathPrefix: Self.user, count: 1)
            let started = Date()
            let client = fixture.bitbucket(retry: RetryPolicy(maxAttempts: 2, baseDelay: 0.01, maxDelay: 2))
            _ = try await client.currentUser()
            #expect(Date().timeIntervalSince(started) >= 0.95)
            #expect(await fixture.sandbox.requestCount(pathPrefix: Self.user) == 2)
        }
    }

    @Test func retryAfterBeyondTheCapIsReportedNotWaited() async throws {
        try await SandboxFixture.with { fixture in
            await fixture.sandbox.inject(.rateLimited, pathPrefix: Self.user, count: 1)
            let client = fixture.bitbucket()
            let error = try #require(await remoteError { () async throws(RemoteError) in try await client.currentUser() })
            #expect(error.kind == .rateLimited(retryAfter: 1))
            #expect(error.userMessage.contains("wait 1 second"))
            #expect(await fixture.sandbox.requestCount(pathPrefix: Self.user) == 1)
        }
    }

    @Test func rateLimitOutlastingTheRetriesIsReported() async throws {
        try await SandboxFixture.with { fixture in
            await fixture.sandbox.inject(.rateLimitedNoRetryAfter, pathPrefix: Self.user, count: 10)
            let client = fixture.bitbucket()
            let error = try #require(await remoteError { () async throws(RemoteError) in try await client.currentUser() })
            #expect(error.kind == .rateLimited(retryAfter: nil))
            #expect(error.status == 429)
            #expect(await fixture.sandbox.requestCount(pathPrefix: Self.user) == RetryPolicy.fast.maxAttempts)
        }
    }

    @Test(arguments: [SandboxFault.serverError, .badGateway, .unavailable, .htmlErrorPage])
    func getRetriesServerErrors(_ fault: SandboxFault) async throws {
        try await SandboxFixture.with { fixture in
            await fixture.sandbox.inject(fault, pathPrefix: Self.user, count: 1)
            _ = try await fixture.bitbucket().currentUser()
            #expect(await fixture.sandbox.requestCount(pathPrefix: Self.user) == 2)
        }
    }

    @Test func htmlErrorPageWithoutRetryIsAServerError() async throws {
        try await SandboxFixture.with { fixture in
            await fixture.sandbox.inject(.htmlErrorPage, pathPrefix: Self.user, count: 1)
            let client = fixture.bitbucket(retry: .none)
            let error = try #require(await remoteError { () async throws(RemoteError) in try await client.currentUser() })
            #expect(error.kind == .server(status: 502))
            #expect(error.logDetail.contains("not JSON"))
            #expect(error.logDetail.contains("text/html"))
            #expect(!error.userMessage.contains("<"))
            #expect(error.userMessage.contains("try again"))
        }
    }

    @Test func malformedJSONIsReportedNotRetried() async throws {
        try await SandboxFixture.with { fixture in
            await fixture.sandbox.inject(.malformedJSON, pathPrefix: Self.user, count: 1)
            let client = fixture.bitbucket()
            let error = try #require(await remoteError { () async throws(RemoteError) in try await client.currentUser() })
            #expect(error.kind == .malformedResponse)
            #expect(error.status == 200)
            #expect(await fixture.sandbox.requestCount(pathPrefix: Self.user) == 1)
        }
    }

    @Test func slowAnswerTimesOut() async throws {
        try await SandboxFixture.with { fixture in
            await fixture.sandbox.inject(.slow, pathPrefix: Self.user, count: 1)
            let client = fixture.bitbucket(retry: .none, timeout: 0.5)
            let started = Date()
            let error = try #require(await remoteError { () async throws(RemoteError) in try await client.currentUser() })
            #expect(error.kind == .timeout)
            #expect(Date().timeIntervalSince(started) < 5)
            #expect(error.userMessage.contains("did not answer within"))
        }
    }

    @Test func slowAnswerIsRetriedForGet() async throws {
        try await SandboxFixture.with { fixture in
            await fixture.sandbox.inject(.slow, pathPrefix: Self.user, count: 1)
            let user = try await fixture.bitbucket(timeout: 0.5).currentUser()
            #expect(user.displayName == "Ada Lovelace")
        }
    }

    @Test func droppedConnectionIsRetriedForGet() async throws {
        try await SandboxFixture.with { fixture in
            await fixture.sandbox.inject(.dropConnection, pathPrefix: Self.user, count: 1)
            let user = try await fixture.bitbucket().currentUser()
            #expect(user.displayName == "Ada Lovelace")
            #expect(await fixture.sandbox.requestCount(pathPrefix: Self.user) == 2)
        }
    }

    @Test func droppedConnectionWithoutRetryIsANetworkError() async throws {
        try await SandboxFixture.with { fixture in
            await fixture.sandbox.inject(.dropConnection, pathPrefix: Self.user, count: 1)
            let client = fixture.bitbucket(retry: .none)
            let error = try #require(await remoteError { () async throws(RemoteError) in try await client.currentUser() })
            #expect(error.kind == .network)
            #expect(error.status == nil)
        }
    }

    @Test func droppedConnectionOnPostIsNotRetried() async throws {
        try await SandboxFixture.with { fixture in
            await fixture.sandbox.inject(.dropConnection, pathPrefix: "/site/oauth2", count: 1)
            let verdict = await fixture.verifier().verify(fixture.consumer("Acme Store sign-in"))
            guard case .failed(let error) = verdict else {
                Issue.record("expected failed, got \(verdict)")
                return
            }
            #expect(error.kind == .network)
            #expect(await fixture.sandbox.requestCount(pathPrefix: "/site/oauth2") == 1)
        }
    }

    @Test func cancellationIsReportedAsCancelled() async throws {
        try await SandboxFixture.with { fixture in
            await fixture.sandbox.inject(.slow, pathPrefix: Self.user, count: 1)
            let client = fixture.bitbucket(timeout: 10)
            let task = Task { () async -> RemoteError? in
                await remoteError { () async throws(RemoteError) in try await client.currentUser() }
            }
            // Cancel once the request has reached the server (a fixed sleep races a loaded machine).
            for _ in 0..<200 where await fixture.sandbox.requestCount(pathPrefix: Self.user) == 0 {
                try await Task.sleep(nanoseconds: 10_000_000)
            }
            task.cancel()
            let error = await task.value
            #expect(error?.kind == .cancelled)
            #expect(await fixture.sandbox.requestCount(pathPrefix: Self.user) == 1)
        }
    }

    @Test func unreachableHostIsANetworkError() async throws {
        // A port nothing listens on (the sandbox was stopped).
        let endpoints = try await SandboxFixture.with { $0.endpoints }
        let client = BitbucketClient(
            endpoints: endpoints, credentials: BitbucketCredentials(email: "a@example.com", token: Secret("t")), retry: .none, timeout: 2)
        let error = await remoteError { () async throws(RemoteError) in try await client.currentUser() }
        #expect(error?.kind == .network)
        #expect(error?.userMessage.contains("could not reach Bitbucket") == true)
    }
}
