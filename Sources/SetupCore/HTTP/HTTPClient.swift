import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
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
    /// Throws only for transport failures, cancellation and exhausted retries.
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
            return try JSONDecoder().decode(T.self, from: body)
        } catch {
            throw RemoteErrors.malformed(request, status: 200, reason: "\(T.self): \(DecodingProblem.describe(error))")
        }
    }

    /// A 2xx answer as a ``JSONValue``.
    func json(for request: HTTPRequest) async throws(RemoteError) -> JSONValue {
        try await decode(JSONValue.self, for: request)
    }

    // MARK: One try

    private func send(_ request: HTTPRequest) async -> Result<HTTPResponse, RemoteError> {
        var urlRequest = URLRequest(url: request.url, cachePolicy: .reloadIgnoringLocalAndRemoteCacheData, timeoutInterval: timeout)
        urlRequest.httpMethod = request.method.rawValue
        urlRequest.httpShouldHandleCookies = false
        for (name, value) in request.headers { urlRequest.setValue(value, forHTTPHeaderField: name) }
        urlRequest.httpBody = request.body
        let started = Date()
        do {
            let (body, response) = try await Self.data(for: urlRequest, deadline: timeout)
            guard let http = response as? HTTPURLResponse else {
                return .failure(RemoteErrors.malformed(request, status: nil, reason: "not an HTTP response"))
            }
            var headers: [String: String] = [:]
            for (name, value) in http.allHeaderFields {
                if let name = name as? String, let value = value as? String { headers[name.lowercased()] = value }
            }
            BBClerkLog.request(method: request.method.rawValue, path: request.url.path, status: http.statusCode,
                               seconds: Date().timeIntervalSince(started))
            return .success(HTTPResponse(status: http.statusCode, headers: headers, body: body))
        } catch {
            BBClerkLog.request(method: request.method.rawValue, path: request.url.path, status: nil,
                               seconds: Date().timeIntervalSince(started), failure: error is DeadlinePassed ? "timed out" : Task.isCancelled ? "cancelled" : "no answer")
            if Task.isCancelled || error is CancellationError { return .failure(RemoteErrors.cancelled(request)) }
            if error is DeadlinePassed {
                return .failure(RemoteErrors.transport(URLError(.timedOut), request: request, timeout: timeout, elapsed: timeout))
            }
            let elapsed = Date().timeIntervalSince(started)
            return .failure(RemoteErrors.transport(error, request: request, timeout: timeout, elapsed: elapsed))
        }
    }
}

extension HTTPClient {
    /// URLSession's data call raced against a deadline. FoundationNetworking on Linux does
    /// not enforce `timeoutInterval` for a server that accepts and then stays silent, so the
    /// deadline is kept here; the loser is cancelled, which cancels the URLSession task.
    static func data(for request: URLRequest, deadline seconds: TimeInterval) async throws -> (Data, URLResponse) {
        try await withThrowingTaskGroup(of: (Data, URLResponse).self) { group in
            group.addTask { try await HTTPSession.data(for: request) }
            group.addTask {
                try await Task.sleep(nanoseconds: UInt64(max(0.001, seconds) * 1_000_000_000))
                throw DeadlinePassed()
            }
            defer { group.cancelAll() }
            guard let first = try await group.next() else { throw CancellationError() }
            return first
        }
    }
}

/// The deadline of one try passed before an answer arrived.
struct DeadlinePassed: Error {}

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
