#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The one place that sends requests: timeout, retries where they are safe, JSON decoding,
/// and the mapping of statuses and error bodies to ``RemoteError``.
struct HTTPClient: Sendable {
    var retry: RetryPolicy
    var timeout: TimeInterval

    init(retry: RetryPolicy, timeout: TimeInterval) {
        self.retry = retry
        self.timeout = timeout
    }

    /// The answer to `request` whatever its status, after the retries its method allows.
    /// Throws when no complete answer came (transport, TLS, an answer over its limits, a
    /// header refused before sending) and on cancellation.
    func response(for request: HTTPRequest) async throws(RemoteError) -> HTTPResponse {
        var attempt = 1
        while true {
            if Task.isCancelled { throw RemoteErrors.cancelled(request) }
            let outcome: Result<HTTPResponse, RemoteError> = await send(request)
            let waitSeconds: TimeInterval?
            switch outcome {
            case .success(let response):
                guard request.mayRetry(status: response.status) else { return response }
                let retryAfter = RetryAfter.seconds(from: response.header("Retry-After"))
                waitSeconds = retry.delay(afterAttempt: attempt, retryAfter: retryAfter)
                guard waitSeconds != nil else { return response }
            case .failure(let error):
                guard request.mayRetry(transport: error.kind) else { throw error }
                waitSeconds = retry.delay(afterAttempt: attempt, retryAfter: nil)
                guard waitSeconds != nil else { throw error }
            }
            do {
                try await Task.sleep(nanoseconds: UInt64((waitSeconds ?? 0) * 1_000_000_000))
            } catch {
                throw RemoteErrors.cancelled(request)
            }
            attempt += 1
        }
    }

    /// The body of a 2xx answer; any other status becomes the service's ``RemoteError``.
    func data(for request: HTTPRequest) async throws(RemoteError) -> Data {
        let response = try await response(for: request)
        guard response.isSuccess else { throw RemoteErrors.from(response, for: request) }
        return response.body
    }

    /// A 2xx answer decoded as `T`; an undecodable body is ``RemoteError/Kind/malformedResponse``.
    func decode<T: Decodable>(_ type: T.Type, for request: HTTPRequest) async throws(RemoteError) -> T {
        let body = try await data(for: request)
        do {
            try JSONValue.checkNesting(body)
            return try JSONDecoder().decode(T.self, from: body)
        } catch {
            throw RemoteErrors.malformed(request, status: 200, reason: "\(T.self): \(DecodingProblem.describe(error))")
        }
    }

    /// A 2xx answer as a ``JSONValue``.
    func json(for request: HTTPRequest) async throws(RemoteError) -> JSONValue {
        let body = try await data(for: request)
        do {
            return try JSONValue(parsing: body)
        } catch {
            throw RemoteErrors.malformed(request, status: 200, reason: "JSONValue: \(DecodingProblem.describe(error))")
        }
    }

    // MARK: One try

    private func send(_ request: HTTPRequest) async -> Result<HTTPResponse, RemoteError> {
        let started = Date()
        let outcome: Result<CurlTransport.Answer, CurlTransport.Failure>
        switch request.headerLines() {
        case .failure(let refusal):
            // Refused before sending: dropping the header would send a different request.
            outcome = .failure(.badHeader(name: refusal.name))
        case .success(let lines):
            outcome = await CurlTransport.perform(CurlTransport.Exchange(
                method: request.method.rawValue, url: request.url.absoluteString, headerLines: lines, body: request.body,
                timeout: timeout, maxBodyBytes: request.maxBodyBytes, maxHeaderBytes: CurlTransport.maxHeaderBytes))
        }
        let seconds = Date().timeIntervalSince(started)
        switch outcome {
        case .success(let answer):
            BBClerkLog.request(method: request.method.rawValue, path: request.url.path, status: answer.status, seconds: seconds)
            return .success(HTTPResponse(status: answer.status, headers: answer.headers, body: answer.body))
        case .failure(let failure):
            let error = RemoteErrors.transport(failure, request: request, timeout: timeout)
            BBClerkLog.request(method: request.method.rawValue, path: request.url.path, status: nil, seconds: seconds,
                               failure: error.kind.auditName.replacing("_", with: " "))
            return .failure(error)
        }
    }
}

/// A short description of a decoding failure for the log (never the body, which could
/// hold a token).
enum DecodingProblem {
    static func describe(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return "not JSON" }
        switch error {
        case .keyNotFound(let key, let context): return "missing \(path(context.codingPath + [key]))"
        case .typeMismatch(_, let context), .valueNotFound(_, let context): return "unexpected type at \(path(context.codingPath))"
        case .dataCorrupted(let context): return context.codingPath.isEmpty ? "not JSON" : "bad value at \(path(context.codingPath))"
        @unknown default: return "undecodable"
        }
    }

    private static func path(_ keys: [any CodingKey]) -> String {
        keys.isEmpty ? "top level" : keys.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
    }
}
