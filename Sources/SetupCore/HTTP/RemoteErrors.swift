#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
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

    /// A try that ended without a complete answer, named for what happened: a timeout, a
    /// reset, a TLS failure, an answer over its size limit, a refused header, no libcurl.
    static func transport(_ failure: CurlTransport.Failure, request: HTTPRequest, timeout: TimeInterval) -> RemoteError {
        let name = request.service.displayName
        let host = RemoteText.sanitized(request.url.host ?? "?", limit: 100)
        let label = request.logLabel
        func detail(_ text: String) -> String { RemoteText.sanitized(text, limit: 200) }
        func error(_ kind: RemoteError.Kind, _ message: String, _ log: String) -> RemoteError {
            RemoteError(service: request.service, kind: kind, userMessage: message, logDetail: "\(label): \(log)")
        }
        switch failure {
        case .timedOut(let text):
            return error(.timeout, "\(name) did not answer within \(seconds(timeout)): check your network connection or proxy and try again.",
                         "timed out after \(oneDecimal(timeout)) s (\(detail(text)))")
        case .cancelled:
            return cancelled(request)
        case .connectionLost(let code, let text):
            return error(.network, "The connection to \(name) at \(host) was reset or closed before the whole answer arrived: check your network connection or proxy and try again.",
                         "connection lost (CURLcode \(code): \(detail(text)))")
        case .unreachable(let code, let text):
            return error(.network, "bbclerk could not reach \(name) at \(host): check your network connection, proxy (HTTPS_PROXY) or firewall, and try again.",
                         "unreachable (CURLcode \(code): \(detail(text)))")
        case .other(let code, let text):
            return error(.network, "The request to \(name) at \(host) failed (\(RemoteText.clause(text.isEmpty ? "libcurl error \(code)" : text))): check your network connection or proxy and try again.",
                         "transport failure (CURLcode \(code): \(detail(text)))")
        case .tls(let code, let text):
            let what = code == 60 || code == 83 || code == 90 || code == 91 || code == 77
                ? "The TLS certificate of \(host) could not be verified" : "The TLS connection to \(host) failed"
            return error(.tls, "\(what) (\(RemoteText.clause(text.isEmpty ? "libcurl error \(code)" : text))): check the system clock, any proxy that inspects HTTPS, and the CA certificates, then try again.",
                         "TLS failure (CURLcode \(code): \(detail(text)))")
        case .bodyTooLarge(let limit):
            return RemoteError(
                service: request.service, kind: .malformedResponse,
                userMessage: "\(name)'s answer to \(RemoteText.sanitized(label, limit: 120)) was larger than \(bytes(limit)); bbclerk stopped reading it. Try again in a moment, and if it keeps happening, report it with the log file.",
                logDetail: "\(label): answer body over \(limit) bytes, transfer stopped")
        case .headersTooLarge(let limit):
            return RemoteError(
                service: request.service, kind: .malformedResponse,
                userMessage: "\(name)'s answer to \(RemoteText.sanitized(label, limit: 120)) had more than \(bytes(limit)) of headers; bbclerk stopped reading it. Try again in a moment, and if it keeps happening, report it with the log file.",
                logDetail: "\(label): header block over \(limit) bytes, transfer stopped")
        case .badHeader(let header):
            return error(.notSent, "bbclerk did not send the request to \(name): the \(RemoteText.sanitized(header, limit: 40)) header holds a line break or another character HTTP does not allow. Check the value it came from (a pasted key or a config version) and try again.",
                         "not sent, header \(RemoteText.sanitized(header, limit: 40)) refused")
        case .libraryMissing(let text):
            return error(.notSent, "bbclerk needs libcurl 4 for HTTPS and could not load it (\(RemoteText.clause(text))): install it (apt-get install libcurl4) and try again.",
                         "not sent, libcurl not loaded (\(detail(text)))")
        }
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

    /// A wait as the user reads it; any finite or infinite value is safe to pass.
    static func seconds(_ value: TimeInterval) -> String {
        guard value.isFinite else { return "a long time" }
        let rounded = max(1, Int(min(value, 1e9).rounded(.up)))
        if rounded >= 5400 { return "\((rounded + 1800) / 3600) hours" }
        if rounded >= 120 { return "\((rounded + 30) / 60) minutes" }
        return rounded == 1 ? "1 second" : "\(rounded) seconds"
    }

    /// `value` with one decimal, as `String(format: "%.1f")` wrote it ("2.5", "30.0"):
    /// rounded from the exact binary value, a tie to the even tenth.
    static func oneDecimal(_ value: TimeInterval) -> String {
        guard value.isFinite, value.magnitude < 1e15 else { return "\(value)" }
        let v = value.magnitude
        /// The sign of `k * v - n`, exactly: the product's rounding error comes from a fused
        /// multiply-add, and a difference of nearby doubles is exact.
        func compare(_ k: Double, _ n: Double) -> Double {
            let product = k * v
            let error = (-product).addingProduct(k, v)
            let difference = product - n
            return difference.magnitude > 2 * error.magnitude ? difference : difference + error
        }
        var tenths = (v * 10).rounded(.down)
        while tenths > 0 && compare(10, tenths) < 0 { tenths -= 1 }
        while compare(10, tenths + 1) >= 0 { tenths += 1 }
        let half = compare(20, 2 * tenths + 1)
        if half > 0 || (half == 0 && tenths.truncatingRemainder(dividingBy: 2) == 1) { tenths += 1 }
        let whole = Int(tenths)
        return (value.sign == .minus ? "-" : "") + "\(whole / 10).\(whole % 10)"
    }

    /// A byte count in binary units: "1 MiB", "64 KiB", "512 bytes".
    static func bytes(_ value: Int) -> String {
        if value >= 1 << 20, value % (1 << 20) == 0 { return "\(value >> 20) MiB" }
        if value >= 1 << 10, value % (1 << 10) == 0 { return "\(value >> 10) KiB" }
        return value == 1 ? "1 byte" : "\(value) bytes"
    }
}

extension RemoteError {
    /// A fix line that fits a transient failure: a rate limit, a server error, a timeout or
    /// an unreachable host is never "create a new key".
    func fix(retry: String, reach: String) -> String {
        switch kind {
        case .rateLimited(let after): "Wait \(after.map { RemoteErrors.seconds($0) } ?? "a minute") and \(retry)."
        case .server: "\(service.displayName) had a server error: \(retry) in a few minutes (status: \(RemoteErrors.statusPage(service)))."
        case .timeout, .network: reach
        case .tls: "Check the system clock, any proxy that inspects HTTPS (HTTPS_PROXY), and the CA certificates (the ca-certificates package, or SSL_CERT_FILE), then \(retry)."
        case .notSent: "Nothing was sent: fix what the message above names and \(retry)."
        case .malformedResponse: "\(retry.prefix(1).uppercased() + retry.dropFirst()) in a moment; if it keeps happening, report it with the log file."
        case .cancelled: "Nothing to fix: \(retry) when you are ready."
        case .unauthorized, .forbidden, .notFound, .gone, .conflict, .validation, .badRequest: "Check the message above and \(retry)."
        }
    }
}
