import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Builds ``RemoteError``s: transport failures here, answers with an error status through
/// the service's own error format (``BitbucketErrorBody``, ``ClerkErrorBody``).
enum RemoteErrors {
    /// Maps a non-2xx answer to the error of the service the request was for.
    static func from(_ response: HTTPResponse, for request: HTTPRequest) -> RemoteError {
        switch request.service {
        case .bitbucket, .bitbucketOAuth: BitbucketErrorBody.error(for: response, request: request)
        case .clerkPlatform, .clerkBackend, .clerkFrontend: ClerkErrorBody.error(for: response, request: request)
        }
    }

    static func cancelled(_ request: HTTPRequest) -> RemoteError {
        RemoteError(
            service: request.service, kind: .cancelled,
            userMessage: "The request to \(request.service.displayName) was cancelled: run it again when you are ready.",
            logDetail: "\(request.logLabel): cancelled")
    }

    static func malformed(_ request: HTTPRequest, status: Int?, reason: String) -> RemoteError {
        RemoteError(
            service: request.service, kind: .malformedResponse, status: status,
            userMessage: "\(request.service.displayName) sent an answer bbclerk cannot read: try again in a moment, and if it keeps happening, report it with the log file.",
            logDetail: "\(request.logLabel) → \(status.map { "HTTP \($0)" } ?? "no status"): malformed answer (\(RemoteText.sanitized(reason, limit: 200)))")
    }

    /// A failure before any answer: timeout, no route, connection dropped.
    static func transport(_ error: any Error, request: HTTPRequest, timeout: TimeInterval, elapsed: TimeInterval) -> RemoteError {
        let code = (error as? URLError)?.code
        let name = request.service.displayName
        let host = request.url.host ?? "?"
        let codeText = code.map { "URLError \($0.rawValue)" } ?? String(describing: type(of: error))
        // Some platforms report an expired request timer as a generic failure; the clock says
        // what happened.
        if code == .timedOut || elapsed >= timeout * 0.95 {
            return RemoteError(
                service: request.service, kind: .timeout,
                userMessage: "\(name) did not answer within \(seconds(timeout)): check your network connection or proxy and try again.",
                logDetail: "\(request.logLabel): timed out after \(String(format: "%.1f", elapsed)) s (\(codeText))")
        }
        return RemoteError(
            service: request.service, kind: .network,
            userMessage: "bbclerk could not reach \(name) at \(host), or the connection dropped: check your network connection, proxy or firewall, and try again.",
            logDetail: "\(request.logLabel): transport failure (\(codeText))")
    }

    /// The parts every service maps the same way, given the service's message and code.
    static func generic(status: Int, request: HTTPRequest, retryAfter: TimeInterval?) -> (RemoteError.Kind, String)? {
        let name = request.service.displayName
        switch status {
        case 429:
            let wait = retryAfter.map { "wait \(seconds($0))" } ?? "wait a few minutes"
            return (.rateLimited(retryAfter: retryAfter), "\(name) is limiting how often bbclerk may ask: \(wait) and try again.")
        case 500...599:
            return (.server(status: status), "\(name) had a server error (HTTP \(status)): try again in a few minutes, and if it persists check \(statusPage(request.service)).")
        case 300...399:
            return (.malformedResponse, "\(name) answered with a redirect bbclerk does not follow: check the service's base URL setting and try again.")
        default:
            return nil
        }
    }

    static func statusPage(_ service: RemoteError.Service) -> String {
        switch service {
        case .bitbucket, .bitbucketOAuth: "https://bitbucket.status.atlassian.com"
        case .clerkPlatform, .clerkBackend, .clerkFrontend: "https://status.clerk.com"
        }
    }

    static func seconds(_ value: TimeInterval) -> String {
        let rounded = max(1, Int(value.rounded(.up)))
        return rounded == 1 ? "1 second" : "\(rounded) seconds"
    }
}

extension RemoteError {
    /// A fix line that fits a transient failure: a rate limit, a server error, a timeout or
    /// an unreachable host is never "create a new key".
    func fix(retry: String, reach: String) -> String {
        switch kind {
        case .rateLimited(let after): "Wait \(after.map { RemoteErrors.seconds($0) } ?? "a minute") and \(retry)."
        case .server: "Clerk had a server error: \(retry) in a few minutes (status: \(RemoteErrors.statusPage(service)))."
        case .timeout, .network: reach
        default: "Check the message above and \(retry)."
        }
    }
}
