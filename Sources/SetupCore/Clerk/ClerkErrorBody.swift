#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Clerk's error answers, `{"errors":[{message,long_message,code,meta}],"clerk_trace_id"}`,
/// read into ``RemoteError``s: `long_message` for the user, `code` and the trace id for
/// the log.
enum ClerkErrorBody {
    struct Parsed: Equatable {
        var message: String?
        var longMessage: String?
        var code: String?
        var traceID: String?
        var isJSON: Bool
    }

    static func parse(_ body: Data) -> Parsed {
        guard let json = try? JSONValue(parsing: body) else { return Parsed(isJSON: false) }
        let first = json["errors"]?[0]
        return Parsed(
            message: first?["message"]?.stringValue, longMessage: first?["long_message"]?.stringValue,
            code: first?["code"]?.stringValue, traceID: json["clerk_trace_id"]?.stringValue, isJSON: true)
    }

    static func error(for response: HTTPResponse, request: HTTPRequest) -> RemoteError {
        let parsed = parse(response.body)
        let retryAfter = RetryAfter.seconds(from: response.header("Retry-After"))
        let name = request.service.displayName
        // What Clerk said, ready to embed: its long message, else its short one.
        let said = (parsed.longMessage ?? parsed.message).map { " (\(RemoteText.clause($0)))" } ?? ""
        func make(_ kind: RemoteError.Kind, _ message: String) -> RemoteError {
            RemoteError(
                service: request.service, kind: kind, status: response.status, userMessage: message,
                logDetail: logDetail(parsed, response: response, request: request))
        }

        switch response.status {
        case 401:
            if parsed.code == "platform_api_unrecognized_credential" {
                return make(.unauthorized, "Clerk's Platform API did not recognise the key: it needs a Platform API key (ak_…), and a secret key (sk_…) was given, so set CLERK_PLATFORM_API_KEY to an ak_ key, or leave it unset to continue in manual mode.")
            }
            switch request.service {
            case .clerkPlatform where request.bearerIsClerkCLISignIn:
                return make(.unauthorized, "Clerk did not accept your Clerk CLI sign-in\(said): run clerk whoami (the CLI renews its own sign-in) or clerk auth login, then check again.")
            case .clerkPlatform:
                return make(.unauthorized, "Clerk did not accept the Platform API key\(said): check CLERK_PLATFORM_API_KEY (it starts with ak_), or leave it unset to continue in manual mode.")
            case .clerkBackend:
                return make(.unauthorized, "Clerk did not accept the secret key\(said): copy it again from the Clerk Dashboard (API keys) into CLERK_SECRET_KEY; it starts with sk_live_ or sk_test_.")
            default:
                return make(.unauthorized, "\(name) refused the request\(said): check the instance's Frontend API URL and try again.")
            }
        case 402:
            return make(.forbidden(missingScopes: nil), "Clerk needs a paid plan for this\(said): upgrade the application's plan in the Clerk Dashboard, or set the connection up there by hand.")
        case 403:
            return make(.forbidden(missingScopes: nil), "Clerk refused the request\(said): check that the key may manage this application, or set the connection up in the Clerk Dashboard by hand.")
        case 404:
            return make(.notFound, "Clerk could not find it\(said): check the application and instance chosen, then try again.")
        case 409:
            return make(.conflict, "The Clerk configuration changed since bbclerk read it\(said): re-read it and review the new difference before applying.")
        case 422:
            return make(.validation, "Clerk rejected the configuration\(said), so nothing was changed: correct the values and try again.")
        case 400:
            return make(.badRequest(code: parsed.code), "Clerk rejected the request\(said): check the values and try again.")
        default:
            if let (kind, message) = RemoteErrors.generic(status: response.status, request: request, retryAfter: retryAfter) {
                return make(kind, message)
            }
            return make(.badRequest(code: parsed.code), "\(name) rejected the request (HTTP \(response.status))\(said): check the values and try again.")
        }
    }

    private static func logDetail(_ parsed: Parsed, response: HTTPResponse, request: HTTPRequest) -> String {
        var parts = ["\(request.service.rawValue) \(request.logLabel) → HTTP \(response.status)"]
        if !parsed.isJSON {
            let type = response.header("Content-Type").map { RemoteText.sanitized($0, limit: 60) } ?? "no content type"
            parts.append("body not JSON (\(type), \(response.body.count) bytes)")
        }
        if let v = parsed.code { parts.append("code=\(RemoteText.sanitized(v, limit: 80))") }
        if let v = parsed.traceID { parts.append("clerk_trace_id=\(RemoteText.sanitized(v, limit: 80))") }
        if let v = parsed.message { parts.append("message=\(RemoteText.sanitized(v))") }
        if let v = parsed.longMessage { parts.append("long_message=\(RemoteText.sanitized(v))") }
        if let v = response.header("Retry-After") { parts.append("retry-after=\(RemoteText.sanitized(v, limit: 40))") }
        return parts.joined(separator: "; ")
    }
}
