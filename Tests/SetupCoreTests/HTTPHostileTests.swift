import Foundation
import Testing
@testable import SetupCore

/// The HTTP layer against a server that misbehaves on purpose (``HostileServer``): each
/// attack checks that nothing was sent that should not be, nothing unbounded was kept, and
/// the failure came fast and named for what it was.
@Suite struct HTTPHostileTests {
    /// "At once", in seconds. Alone these answers take well under a second; in the whole
    /// parallel test run on two cores the first request (loading libcurl) waited 3.7 s. The
    /// bound still tells them apart from the 15 s stalls and endless drips they replace.
    static let fast: TimeInterval = 6

    /// One try of `request`, as the clients see it.
    static func outcome(_ request: HTTPRequest, retry: RetryPolicy = .none, timeout: TimeInterval = 3) async -> Result<HTTPResponse, RemoteError> {
        do throws(RemoteError) {
            return .success(try await HTTPClient(retry: retry, timeout: timeout).response(for: request))
        } catch {
            return .failure(error)
        }
    }

    static func error(_ result: Result<HTTPResponse, RemoteError>) -> RemoteError? {
        if case .failure(let error) = result { return error }
        Issue.record("expected an error, got HTTP \((try? result.get())?.status ?? -1)")
        return nil
    }

    static let ok = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n"

    // MARK: Size

    @Test func hugeBodyWithoutLengthStopsAtTheLimit() async throws {
        // 300 MB in 64 KiB writes, no Content-Length: only the running count can stop it.
        let server = try HostileServer { connection in
            guard connection.readHead() != nil else { return }
            connection.write(Self.ok + "\r\n")
            let chunk = [UInt8](repeating: UInt8(ascii: "["), count: 65536)
            for _ in 0..<(300 * 16) where connection.write(chunk) {}
        }
        defer { server.stop() }
        let started = Date()
        let request = HTTPRequest(service: .clerkPlatform, url: server.url("/v1/applications"))
        let error = try #require(Self.error(await Self.outcome(request, timeout: 30)))
        #expect(Date().timeIntervalSince(started) < 5)
        #expect(error.kind == .malformedResponse)
        #expect(error.userMessage.contains("Clerk's Platform API's answer to GET /v1/applications was larger than 1 MiB; bbclerk stopped reading it"))
        // The socket buffers hold a few MiB at most; the rest of the 300 MB was never read.
        try await Task.sleep(nanoseconds: 200_000_000)
        #expect(server.sent < 32 << 20)
    }

    @Test func declaredHugeLengthIsRefusedBeforeTheBody() async throws {
        let server = try HostileServer { connection in
            guard connection.readHead() != nil else { return }
            connection.write("HTTP/1.1 200 OK\r\nContent-Length: 314572800\r\n\r\n")
            let chunk = [UInt8](repeating: 0x20, count: 65536)
            for _ in 0..<(300 * 16) where connection.write(chunk) {}
        }
        defer { server.stop() }
        var request = HTTPRequest(service: .bitbucket, url: server.url("/2.0/user"))
        request.maxBodyBytes = 4096
        let error = try #require(Self.error(await Self.outcome(request)))
        #expect(error.kind == .malformedResponse)
        #expect(error.userMessage.contains("larger than 4 KiB"))
    }

    @Test func bodyExactlyAtTheLimitIsRead() async throws {
        let body = String(repeating: "x", count: 4096)
        let server = try HostileServer { connection in
            guard connection.readHead() != nil else { return }
            connection.write("HTTP/1.1 200 OK\r\nContent-Length: 4096\r\nConnection: close\r\n\r\n" + body)
        }
        defer { server.stop() }
        var request = HTTPRequest(service: .bitbucket, url: server.url("/2.0/user"))
        request.maxBodyBytes = 4096
        let response = try await Self.outcome(request).get()
        #expect(response.body.count == 4096)
    }

    @Test func endlessHeadersStopAtTheLimit() async throws {
        let server = try HostileServer { connection in
            guard connection.readHead() != nil else { return }
            guard connection.write("HTTP/1.1 200 OK\r\n") else { return }
            let line = "X-Pad: " + String(repeating: "a", count: 1000) + "\r\n"
            for _ in 0..<1_000_000 where connection.write(line) {}
        }
        defer { server.stop() }
        let started = Date()
        let error = try #require(Self.error(await Self.outcome(HTTPRequest(service: .bitbucket, url: server.url("/2.0/user")), timeout: 20)))
        #expect(Date().timeIntervalSince(started) < 5)
        #expect(error.kind == .malformedResponse)
        #expect(error.userMessage.contains("more than 64 KiB of headers"))
    }

    @Test func deeplyNestedBodyFailsFast() async throws {
        let body = String(repeating: "[", count: 100_000)
        let server = try HostileServer { connection in
            guard connection.readHead() != nil else { return }
            connection.write(Self.ok + "Content-Length: \(body.utf8.count)\r\n\r\n" + body)
        }
        defer { server.stop() }
        let started = Date()
        let client = HTTPClient(retry: .none, timeout: 3)
        let error = await remoteError { () async throws(RemoteError) in
            try await client.json(for: HTTPRequest(service: .clerkFrontend, url: server.url("/v1/environment")))
        }
        #expect(error?.kind == .malformedResponse)
        #expect(Date().timeIntervalSince(started) < Self.fast)
    }

    // MARK: Time

    @Test func slowDripHitsTheDeadline() async throws {
        // Headers at once, then one byte a second: every read succeeds, the whole never ends.
        let server = try HostileServer { connection in
            guard connection.readHead() != nil else { return }
            guard connection.write(Self.ok + "Content-Length: 1000\r\n\r\n") else { return }
            for _ in 0..<1000 {
                guard connection.write("[") else { return }
                Thread.sleep(forTimeInterval: 1)
            }
        }
        defer { server.stop() }
        let started = Date()
        let error = try #require(Self.error(await Self.outcome(HTTPRequest(service: .clerkBackend, url: server.url("/v1/instance")), timeout: 1.5)))
        let elapsed = Date().timeIntervalSince(started)
        #expect(error.kind == .timeout)
        #expect(elapsed >= 1.4 && elapsed < 1.5 + Self.fast)
        #expect(error.userMessage.contains("did not answer within 2 seconds"))
    }

    @Test func slowDripIsRetriedForGetAndGivesUpInTime() async throws {
        let server = try HostileServer { connection in
            guard connection.readHead() != nil else { return }
            guard connection.write(Self.ok + "Content-Length: 10\r\n\r\n") else { return }
            for _ in 0..<10 where connection.write("[") { Thread.sleep(forTimeInterval: 1) }
        }
        defer { server.stop() }
        let started = Date()
        let error = try #require(Self.error(await Self.outcome(
            HTTPRequest(service: .bitbucket, url: server.url("/2.0/user")), retry: RetryPolicy(maxAttempts: 2, baseDelay: 0.01, maxDelay: 0.05), timeout: 1)))
        #expect(error.kind == .timeout)
        #expect(server.connections == 2)
        #expect(Date().timeIntervalSince(started) < 2 + Self.fast)
    }

    @Test func cancellationReturnsAtOnceAndStopsTheTransfer() async throws {
        let server = try HostileServer { connection in
            guard connection.readHead() != nil else { return }
            guard connection.write(Self.ok + "Content-Length: 100\r\n\r\n") else { return }
            _ = connection.clientClosed(within: 30)
        }
        defer { server.stop() }
        let task = Task { await Self.outcome(HTTPRequest(service: .bitbucket, url: server.url("/2.0/user")), timeout: 30) }
        for _ in 0..<300 where server.requestHeads.isEmpty { try await Task.sleep(nanoseconds: 10_000_000) }
        let cancelled = Date()
        task.cancel()
        let error = try #require(Self.error(await task.value))
        #expect(error.kind == .cancelled)
        #expect(Date().timeIntervalSince(cancelled) < 0.5)
    }

    // MARK: Resets

    @Test(arguments: [HTTPRequest.Method.post, .patch], [200, 4 << 20])
    func resetDuringAWriteFailsFastAndStaysUncertain(_ method: HTTPRequest.Method, bodySize: Int) async throws {
        // The server reads the head and up to 1000 bytes of the body, then resets: after the
        // whole of a small body (URLSession then waited 60 s, cut to 15 s by the old
        // deadline and called a timeout) or in the middle of a large one.
        let server = try HostileServer { connection in
            guard let head = connection.readHead() else { return }
            connection.readBody(head: head, limit: 1000)
            connection.reset()
        }
        defer { server.stop() }
        let body = Data(repeating: UInt8(ascii: "a"), count: bodySize)
        let request = HTTPRequest(service: .clerkPlatform, method: method, url: server.url("/v1/config"),
                                  headers: ["Content-Type": "application/json", "If-Match": "v1"], body: body)
        let started = Date()
        let error = try #require(Self.error(await Self.outcome(request, retry: RetryPolicy(maxAttempts: 4, baseDelay: 0.01), timeout: 15)))
        let elapsed = Date().timeIntervalSince(started)
        #expect(elapsed < Self.fast, "failed after \(elapsed) s")
        #expect(error.kind == .network)
        #expect(error.userMessage.contains("was reset or closed"))
        #expect(error.leavesWriteUncertain)
        #expect(server.connections == 1)
    }

    @Test(arguments: [HTTPRequest.Method.get, .post])
    func resetMidAnswerFailsFast(_ method: HTTPRequest.Method) async throws {
        let server = try HostileServer { connection in
            guard let head = connection.readHead() else { return }
            connection.readBody(head: head)
            connection.write(Self.ok + "Content-Length: 5000\r\n\r\n" + String(repeating: " ", count: 100))
            Thread.sleep(forTimeInterval: 0.1)
            connection.reset()
        }
        defer { server.stop() }
        let request = HTTPRequest(service: .bitbucketOAuth, method: method, url: server.url("/site/oauth2/access_token"),
                                  body: method == .post ? Data("grant_type=client_credentials".utf8) : nil)
        let started = Date()
        let error = try #require(Self.error(await Self.outcome(request, timeout: 15)))
        #expect(Date().timeIntervalSince(started) < Self.fast)
        #expect(error.kind == .network)
        #expect(error.userMessage.contains("reset or closed"))
    }

    // MARK: Redirects, credentials, headers

    @Test(arguments: [301, 302, 307, 308])
    func redirectIsNotFollowedAndCarriesNoCredentials(_ status: Int) async throws {
        let elsewhere = try HostileServer { connection in
            connection.readHead()
            connection.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}")
        }
        defer { elsewhere.stop() }
        let target = elsewhere.url("/steal").absoluteString
        let server = try HostileServer { connection in
            connection.readHead()
            connection.write("HTTP/1.1 \(status) Moved\r\nLocation: \(target)\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
        }
        defer { server.stop() }
        let request = HTTPRequest(service: .bitbucket, url: server.url("/2.0/user"), headers: ["Authorization": "Basic c2VjcmV0"])
        let response = try await Self.outcome(request).get()
        #expect(response.status == status)
        #expect(response.header("Location") == target)
        try await Task.sleep(nanoseconds: 100_000_000)
        #expect(elsewhere.connections == 0)
        #expect(server.requestHeads.count == 1)
        let head = try #require(server.requestHeads.first)
        #expect(HostileServer.header("Authorization", in: head) == "Basic c2VjcmV0")
        #expect(HostileServer.header("User-Agent", in: head) == "bbclerk")
        #expect(HostileServer.header("Cookie", in: head) == nil)
        #expect(RemoteErrors.from(response, for: request).userMessage.contains("redirect bbclerk does not follow"))
    }

    @Test func cookiesAreNeitherKeptNorSent() async throws {
        let server = try HostileServer { connection in
            connection.readHead()
            connection.write("HTTP/1.1 200 OK\r\nSet-Cookie: session=stolen; Path=/\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}")
        }
        defer { server.stop() }
        for _ in 0..<2 { _ = try await Self.outcome(HTTPRequest(service: .clerkFrontend, url: server.url("/v1/environment"))).get() }
        #expect(server.requestHeads.count == 2)
        #expect(server.requestHeads.allSatisfy { HostileServer.header("Cookie", in: $0) == nil })
    }

    @Test func unauthorizedWithBasicChallengeComesBackAsIs() async throws {
        // FoundationNetworking waited forever for a credential here.
        let body = #"{"type":"error","error":{"message":"Unauthorized"}}"#
        let server = try HostileServer { connection in
            connection.readHead()
            connection.write("HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Basic realm=\"Bitbucket.org HTTP\"\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n\(body)")
        }
        defer { server.stop() }
        let started = Date()
        let response = try await Self.outcome(HTTPRequest(service: .bitbucket, url: server.url("/2.0/user"), headers: ["Authorization": "Basic eDp5"])).get()
        #expect(response.status == 401)
        #expect(String(decoding: response.body, as: UTF8.self) == body)
        #expect(server.connections == 1)
        #expect(Date().timeIntervalSince(started) < Self.fast)
    }

    @Test(arguments: ["v1\r\nX-Injected: 1", "v1\nX-Injected: 1", "v1\r", "v1\u{0}"])
    func headerWithLineBreakIsRefusedBeforeSending(_ value: String) async throws {
        let server = try HostileServer { connection in
            connection.readHead()
            connection.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}")
        }
        defer { server.stop() }
        let request = HTTPRequest(service: .clerkPlatform, method: .patch, url: server.url("/v1/config"), headers: ["If-Match": value], body: Data("{}".utf8))
        let error = try #require(Self.error(await Self.outcome(request)))
        #expect(error.kind == .notSent)
        #expect(error.userMessage.contains("If-Match header"))
        #expect(!error.leavesWriteUncertain)
        try await Task.sleep(nanoseconds: 100_000_000)
        #expect(server.connections == 0)
    }

    @Test func ifMatchFromAHostileConfigVersionIsRefusedThroughTheClerkClient() async throws {
        let server = try HostileServer { connection in
            connection.readHead()
            connection.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}")
        }
        defer { server.stop() }
        let endpoints = Endpoints(bitbucketAPI: server.url("/2.0"), bitbucketWeb: server.url("/"), clerkAPI: server.url("/v1"))
        let clerk = ClerkClient(endpoints: endpoints, platformKey: Secret("ak_test"), secretKey: nil, retry: .none, timeout: 3)
        let patch = ClerkConfigPatch(enabled: true, clientID: "key", clientSecret: Secret("secret"))
        let error = await remoteError { () async throws(RemoteError) in
            try await clerk.patchBitbucketConnection(patch, application: "app_1", instance: "ins_1", ifMatch: "v1\r\nX-Evil: yes", dryRun: false)
        }
        #expect(error?.kind == .notSent)
        #expect(server.connections == 0)
    }

    // MARK: TLS

    @Test func plainHTTPOnAnHTTPSPortIsATLSFailureNotRetried() async throws {
        let server = try HostileServer { connection in
            _ = connection.read(max: 4096, timeout: 2)
            connection.write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")
        }
        defer { server.stop() }
        let request = HTTPRequest(service: .clerkPlatform, url: server.url("/v1/applications", scheme: "https"))
        let error = try #require(Self.error(await Self.outcome(request, retry: RetryPolicy(maxAttempts: 4, baseDelay: 0.01))))
        #expect(error.kind == .tls)
        #expect(error.userMessage.hasPrefix("The TLS connection to 127.0.0.1 failed ("))
        #expect(error.userMessage.contains("CA certificates"))
        #expect(server.connections == 1)
    }

    @Test func garbageHandshakeIsATLSFailure() async throws {
        let server = try HostileServer { connection in
            _ = connection.read(max: 4096, timeout: 2)
            connection.write([0x16, 0x03, 0x03, 0x00, 0x02, 0xFF, 0xFF] + [UInt8](repeating: 0x41, count: 64))
        }
        defer { server.stop() }
        let error = try #require(Self.error(await Self.outcome(HTTPRequest(service: .bitbucket, url: server.url("/2.0/user", scheme: "https")))))
        #expect(error.kind == .tls)
        #expect(!error.leavesWriteUncertain)
    }

    @Test(arguments: ["tls", "503", "429"])
    func commandFixLineFitsTheFailureNotTheKey(_ failure: String) async throws {
        // A TLS failure, a server error or a rate limit on the first Clerk call is not a
        // bad key: the fix must not send the user to make a new one.
        let server = try HostileServer { connection in
            if failure == "tls" {
                _ = connection.read(max: 4096, timeout: 2)
                connection.write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")
            } else {
                connection.readHead()
                connection.write("HTTP/1.1 \(failure) No\r\nRetry-After: 7\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
            }
        }
        defer { server.stop() }
        let endpoints = Endpoints(bitbucketAPI: server.url("/2.0"), bitbucketWeb: server.url("/"),
                                  clerkAPI: server.url("/v1", scheme: failure == "tls" ? "https" : "http"))
        let clerk = ClerkClient(endpoints: endpoints, platformKey: Secret("ak_test"), secretKey: nil, retry: .none, timeout: 3)
        let step = await ClerkLookup.resolve(application: "app_1", instance: .production, client: clerk).credentials
        #expect(step.status == .failed)
        let fix = try #require(step.fix)
        #expect(!fix.contains("CLERK_PLATFORM_API_KEY"), "\(fix)")
        #expect(!fix.lowercased().contains("key"), "\(fix)")
    }

    // MARK: Retry-After

    @Test func retryAfterAsAnHTTPDateIsWaitedOut() async throws {
        let server = try HostileServer { connection in
            connection.readHead()
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "GMT")
            formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
            let date = formatter.string(from: Date().addingTimeInterval(2))
            connection.write("HTTP/1.1 429 Too Many Requests\r\nRetry-After: \(date)\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
        }
        defer { server.stop() }
        let started = Date()
        let client = HTTPClient(retry: RetryPolicy(maxAttempts: 2, baseDelay: 0.01, maxDelay: 5), timeout: 3)
        let error = try #require(await remoteError { () async throws(RemoteError) in
            try await client.data(for: HTTPRequest(service: .bitbucket, url: server.url("/2.0/user")))
        })
        let elapsed = Date().timeIntervalSince(started)
        guard case .rateLimited(let wait) = error.kind else {
            Issue.record("expected a rate limit, got \(error.kind)")
            return
        }
        // Read as a date a second or two ahead, not as the digits of its year.
        #expect((wait ?? 99) <= 2)
        #expect(server.connections == 2)
        #expect(elapsed >= 0.9 && elapsed < 2 + Self.fast, "waited \(elapsed) s")
    }

    @Test func absurdRetryAfterIsCappedInTheMessage() async throws {
        let server = try HostileServer { connection in
            connection.readHead()
            connection.write("HTTP/1.1 429 Too Many Requests\r\nRetry-After: Fri, 31 Dec 2099 23:59:59 GMT\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
        }
        defer { server.stop() }
        let client = HTTPClient(retry: RetryPolicy(maxAttempts: 3, baseDelay: 0.01, maxDelay: 5), timeout: 3)
        let error = try #require(await remoteError { () async throws(RemoteError) in
            try await client.data(for: HTTPRequest(service: .clerkPlatform, url: server.url("/v1/applications")))
        })
        #expect(error.kind == .rateLimited(retryAfter: RetryAfter.maxSeconds))
        #expect(error.userMessage.contains("wait 24 hours"))
        #expect(server.connections == 1)
    }
}
