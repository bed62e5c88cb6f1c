import Foundation
@testable import Sandbox
import XCTest

final class FaultTests: SandboxTestCase {
    var auth: [String: String] { basic(info.bitbucket_email, info.bitbucket_api_token) }

    func testInjectedFaultsAnswerAsScheduled() async throws {
        await sandbox.inject(.rateLimited, pathPrefix: "/user", count: 2)
        await sandbox.inject(.rateLimitedNoRetryAfter, pathPrefix: "/platform/applications")
        let first = try await client.get(info.bitbucket_api_url + "/user", headers: auth)
        XCTAssertEqual(first.status, 429)
        XCTAssertEqual(first.headers["retry-after"], "1")
        let second = try await client.get(info.bitbucket_api_url + "/user/workspaces", headers: auth)
        XCTAssertEqual(second.status, 429)
        let third = try await client.get(info.bitbucket_api_url + "/user", headers: auth)
        XCTAssertEqual(third.status, 200)
        let clerk = try await client.get(info.clerk_api_url + "/platform/applications", headers: bearer(info.clerk_platform_api_key))
        XCTAssertEqual(clerk.status, 429)
        XCTAssertNil(clerk.headers["retry-after"])
        XCTAssertEqual(clerkErrorCode(clerk), "too_many_requests")

        let userCalls = await sandbox.requestCount(pathPrefix: "/user")
        XCTAssertEqual(userCalls, 3)
        let allCalls = await sandbox.requestCount(pathPrefix: "")
        XCTAssertEqual(allCalls, 4)

        for (fault, status) in [(SandboxFault.serverError, 500), (.badGateway, 502), (.unavailable, 503), (.htmlErrorPage, 502), (.malformedJSON, 200)] {
            await sandbox.inject(fault, pathPrefix: "/user")
            let reply = try await client.get(info.bitbucket_api_url + "/user", headers: auth)
            XCTAssertEqual(reply.status, status, fault.rawValue)
            if fault == .malformedJSON {
                XCTAssertNil(try? JSONSerialization.jsonObject(with: reply.body))
            }
            if fault == .htmlErrorPage {
                XCTAssertTrue(reply.text.contains("<html>"))
            }
        }
    }

    func testDroppedConnectionGetsNoAnswer() async throws {
        await sandbox.inject(.dropConnection, pathPrefix: "/user")
        // A fresh session: nothing to retry on a reused connection.
        let fresh = HTTPTestClient.make(timeout: 5)
        defer { fresh.session.invalidateAndCancel() }
        do {
            let reply = try await fresh.get(info.bitbucket_api_url + "/user", headers: auth)
            XCTFail("expected a transport error, got \(reply.status)")
        } catch {
            // Expected: the socket closed without a response.
        }
        let next = try await fresh.get(info.bitbucket_api_url + "/user", headers: auth)
        XCTAssertEqual(next.status, 200)
    }

    func testSlowAnswerDoesNotBlockOthers() async throws {
        await sandbox.inject(.slow, pathPrefix: "/user")
        let impatient = HTTPTestClient.make(timeout: 1)
        defer { impatient.session.invalidateAndCancel() }
        let auth = self.auth
        let url = info.bitbucket_api_url + "/user"
        let slow = Task { try await impatient.get(url, headers: auth) }
        try await Task.sleep(for: .milliseconds(100))
        let started = ContinuousClock.now
        let other = try await client.get(info.clerk_api_url + "/platform/applications", headers: bearer(info.clerk_platform_api_key))
        XCTAssertEqual(other.status, 200)
        XCTAssertLessThan(ContinuousClock.now - started, .milliseconds(800))
        do {
            _ = try await slow.value
            XCTFail("the slow answer should not arrive within a second")
        } catch {
            // Expected: the client timed out.
        }
    }

    func testSandboxControlEndpointsAreNeverFaulted() async throws {
        await sandbox.inject(.serverError, pathPrefix: "", count: 1)
        var headers = basic(info.bitbucket_email, info.bitbucket_api_token)
        headers["Content-Type"] = "application/json"
        let created = try await client.send("POST", info.bitbucket_web_url + "/_sandbox/acme-store/oauth-consumers", headers: headers,
                                            body: jsonBody(["name": "x", "private": true, "scopes": ["account"]]))
        XCTAssertEqual(created.status, 201)
        let faulted = try await client.get(info.bitbucket_api_url + "/user", headers: auth)
        XCTAssertEqual(faulted.status, 500)
    }

    func testRandomFaultsAreReproducibleFromTheSeed() async {
        func draw(_ seed: UInt64) async -> [SandboxFault?] {
            let injector = FaultInjector(plan: FaultPlan(seed: seed, rate: 0.3))
            var faults: [SandboxFault?] = []
            for _ in 0..<400 { faults.append(await injector.admit(path: "/user", exempt: false)) }
            return faults
        }
        let first = await draw(42)
        let again = await draw(42)
        XCTAssertEqual(first, again)
        let share = Double(first.compactMap { $0 }.count) / Double(first.count)
        XCTAssertEqual(share, 0.3, accuracy: 0.08)
        let other = await draw(43)
        XCTAssertNotEqual(other, first)
    }
}

final class LatencyTests: SandboxTestCase {
    override var options: SandboxOptions { SandboxOptions(latencyMs: 250) }

    func testLatencyIsAddedToEveryAnswer() async throws {
        for url in [info.bitbucket_api_url + "/user", info.clerk_api_url + "/platform/applications"] {
            let started = ContinuousClock.now
            _ = try await client.get(url)
            XCTAssertGreaterThanOrEqual(ContinuousClock.now - started, .milliseconds(250))
        }
    }
}

final class ControlEndpointTests: SandboxTestCase {
    func testFaultsCanBeScheduledOverHTTP() async throws {
        let origin = info.bitbucket_api_url.replacingOccurrences(of: "/bitbucket-api/2.0", with: "")
        let scheduled = try await client.send("POST", origin + "/_sandbox/faults", headers: ["Content-Type": "application/json"],
                                              body: jsonBody(["fault": "unavailable", "path_prefix": "/user", "count": 1]))
        XCTAssertEqual(scheduled.status, 204)
        let auth = basic(info.bitbucket_email, info.bitbucket_api_token)
        let faulted = try await client.get(info.bitbucket_api_url + "/user", headers: auth)
        XCTAssertEqual(faulted.status, 503)
        let count = try await client.get(origin + "/_sandbox/requests?path_prefix=/user")
        XCTAssertEqual(count.json?["count"] as? Int, 1)
        let bad = try await client.send("POST", origin + "/_sandbox/faults", body: jsonBody(["fault": "gremlins"]))
        XCTAssertEqual(bad.status, 400)
    }
}
