import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The process's one URLSession: ephemeral, with no cookies, no cache, no credential
/// storage, and no redirects.
///
/// Redirects are refused because the clients set the Authorization header themselves and
/// a redirect could carry it to another host; a 3xx is reported like any unexpected status.
/// One shared session (not one per client) keeps connections warm across clients and
/// avoids leaking a session per client, since a session holds its delegate until invalidated.
enum HTTPSession {
    /// The 401s answered to a challenge, by task, until the task's completion picks them up.
    static let challenged = ChallengedResponses()

    /// One request on the shared session. Like `URLSession.data(for:)`, except that a 401
    /// whose HTTP authentication challenge was declined comes back as that 401 (with an
    /// empty body: FoundationNetworking drops it) instead of as a cancellation.
    static func data(for request: URLRequest) async throws -> (Data, URLResponse) {
        let box = TaskBox()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<(Data, URLResponse), any Error>) in
                let task = shared.dataTask(with: request) { data, response, error in
                    box.finish()
                    if let error {
                        if (error as? URLError)?.code == .cancelled, let declined = challenged.take(box.identifier) {
                            continuation.resume(returning: (Data(), declined))
                        } else {
                            continuation.resume(throwing: error)
                        }
                    } else if let response {
                        continuation.resume(returning: (data ?? Data(), response))
                    } else {
                        continuation.resume(throwing: URLError(.badServerResponse))
                    }
                }
                box.start(task)
            }
        } onCancel: {
            box.cancel()
        }
    }

    static let shared: URLSession = {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpCookieStorage = nil
        configuration.httpShouldSetCookies = false
        configuration.httpCookieAcceptPolicy = .never
        configuration.urlCache = nil
        configuration.urlCredentialStorage = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalAndRemoteCacheData
        configuration.httpAdditionalHeaders = ["User-Agent": "bbclerk"]
        return URLSession(configuration: configuration, delegate: RefuseRedirects(), delegateQueue: nil)
    }()
}

/// Answers every redirect with "don't follow", so the 3xx itself comes back, and every
/// HTTP authentication challenge with "no credential", so a 401 comes back as it is.
///
/// Without the second, FoundationNetworking on Linux never completes a request whose 401
/// carries `WWW-Authenticate: Basic realm="Bitbucket.org HTTP"` (as Bitbucket's does): the
/// task waits for a credential nobody supplies. Server-trust challenges keep the default
/// handling, so TLS is verified as always.
private final class RefuseRedirects: NSObject, URLSessionTaskDelegate, Sendable {
    func urlSession(
        _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
        newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void
    ) {
        completionHandler(nil)
    }

    func urlSession(
        _ session: URLSession, task: URLSessionTask, didReceive challenge: URLAuthenticationChallenge,
        completionHandler: @escaping @Sendable (URLSession.AuthChallengeDisposition, URLCredential?) -> Void
    ) {
        switch challenge.protectionSpace.authenticationMethod {
        case NSURLAuthenticationMethodHTTPBasic, NSURLAuthenticationMethodHTTPDigest, NSURLAuthenticationMethodDefault:
            // Every other disposition hangs or traps here; this one cancels the task, and
            // `HTTPSession.data(for:)` turns that back into the 401 it was.
            if let response = challenge.failureResponse as? HTTPURLResponse {
                HTTPSession.challenged.put(response, for: task.taskIdentifier)
            }
            completionHandler(.cancelAuthenticationChallenge, nil)
        default:
            completionHandler(.performDefaultHandling, nil)
        }
    }
}

/// The declined challenges' 401s, by task identifier.
final class ChallengedResponses: @unchecked Sendable {
    private let lock = NSLock()
    private var responses: [Int: HTTPURLResponse] = [:]

    func put(_ response: HTTPURLResponse, for task: Int) {
        lock.lock(); defer { lock.unlock() }
        responses[task] = response
    }

    func take(_ task: Int?) -> HTTPURLResponse? {
        guard let task else { return nil }
        lock.lock(); defer { lock.unlock() }
        return responses.removeValue(forKey: task)
    }
}

/// The task of one `HTTPSession.data(for:)`, so a cancellation that comes before the task
/// exists still cancels it.
private final class TaskBox: @unchecked Sendable {
    private let lock = NSLock()
    private var task: URLSessionDataTask?
    private var cancelled = false
    private(set) var identifier: Int?

    func start(_ task: URLSessionDataTask) {
        lock.lock()
        self.task = task
        identifier = task.taskIdentifier
        let cancel = cancelled
        lock.unlock()
        task.resume()
        if cancel { task.cancel() }
    }

    func cancel() {
        lock.lock()
        cancelled = true
        let task = self.task
        lock.unlock()
        task?.cancel()
    }

    func finish() {
        lock.lock(); defer { lock.unlock() }
        task = nil
    }
}
