import Basics
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Bitbucket's error answers, read into ``RemoteError``s.
///
/// REST API: `{"type":"error","error":{"message","detail","data"}}` where `detail` is a
/// string, or an object `{granted, required}` when scopes are missing (the spec types it as
/// a string only; API-NOTES records the object). 401 bodies may not be JSON at all.
/// Token endpoint: `{"error","error_description"}` (RFC 6749).
enum BitbucketErrorBody {
    /// The fields bbclerk uses, all optional: any of them may be absent.
    struct Parsed: Equatable {
        var message: String?
        var detail: String?
        var missingScopes: MissingScopes?
        var announcementURL: String?
        var oauthError: String?
        var oauthDescription: String?
        var isJSON: Bool
    }

    static func parse(_ body: Data) -> Parsed {
        guard let json = try? JSONValue(parsing: body) else {
            return Parsed(isJSON: false)
        }
        var parsed = Parsed(isJSON: true)
        let error = json["error"]
        if let object = error, object.objectValue != nil {
            parsed.message = object["message"]?.stringValue
            switch object["detail"] {
            case .string(let text)?: parsed.detail = text
            case .object(let members)?:
                parsed.missingScopes = MissingScopes(
                    granted: members["granted"]?.stringList ?? [], required: members["required"]?.stringList ?? [])
            default: break
            }
            parsed.announcementURL = object["data"]?["announcement_url"]?.stringValue
        } else if let code = error?.stringValue {
            parsed.oauthError = code
            parsed.oauthDescription = json["error_description"]?.stringValue
        }
        return parsed
    }

    static func error(for response: HTTPResponse, request: HTTPRequest) -> RemoteError {
        let parsed = parse(response.body)
        let retryAfter = RetryAfter.seconds(from: response.header("Retry-After"))
        let log = logDetail(parsed, response: response, request: request)
        let said = (parsed.message ?? parsed.oauthDescription).map { " (\"\(RemoteText.clause($0))\")" } ?? ""
        func make(_ kind: RemoteError.Kind, _ message: String) -> RemoteError {
            RemoteError(service: request.service, kind: kind, status: response.status, userMessage: message, logDetail: log)
        }

        switch response.status {
        case 401:
            // Decided by the status alone: Bitbucket's 401 is JSON ("Token is invalid, expired,
            // or not supported for this endpoint.") or plain text or a proxy's HTML, and its
            // text only reaches the log (sanitised), never the message.
            if request.service == .bitbucketOAuth {
                return make(.unauthorized, "Bitbucket did not accept the consumer's key and secret: copy both again from the consumer's row under Workspace settings → OAuth consumers.")
            }
            return make(.unauthorized, BitbucketMessages.badAPIToken)
        case 403:
            if let scopes = parsed.missingScopes {
                let lacking = scopes.missing.isEmpty ? scopes.required : scopes.missing
                let list = lacking.isEmpty ? "a required scope" : "the scope \(lacking.joined(separator: ", "))"
                return make(.forbidden(missingScopes: scopes), "The Bitbucket API token lacks \(list): \(BitbucketMessages.createToken).")
            }
            if let message = parsed.message, message.containsIgnoringCase("authentication mechanism") {
                return make(.forbidden(missingScopes: nil), "Bitbucket does not accept this kind of token here: use an Atlassian API token with scopes and your account email, not a workspace or repository access token.")
            }
            return make(.forbidden(missingScopes: nil), "Bitbucket refused access\(said): make sure your account administers this workspace, or pick another one.")
        case 404:
            return make(.notFound, "Bitbucket could not find it\(said): check the workspace name, or refresh the list of workspaces.")
        case 410:
            return make(.gone, "Bitbucket has removed this part of its API (CHANGE-2770): update bbclerk to a version that no longer calls it.")
        case 409:
            return make(.conflict, "Bitbucket reported a conflict\(said): refresh and try again.")
        case 422:
            return make(.validation, "Bitbucket rejected the values\(said): correct them and try again.")
        default:
            if let (kind, message) = RemoteErrors.generic(status: response.status, request: request, retryAfter: retryAfter) {
                return make(kind, message)
            }
            return make(.badRequest(code: parsed.oauthError), "Bitbucket rejected the request (HTTP \(response.status))\(said): check the values entered and try again.")
        }
    }

    private static func logDetail(_ parsed: Parsed, response: HTTPResponse, request: HTTPRequest) -> String {
        var parts = ["\(request.service.rawValue) \(request.logLabel) → HTTP \(response.status)"]
        if !parsed.isJSON {
            let type = response.header("Content-Type").map { RemoteText.sanitized($0, limit: 60) } ?? "no content type"
            parts.append("body not JSON (\(type), \(response.body.count) bytes)")
        }
        if let v = parsed.message { parts.append("message=\(RemoteText.sanitized(v))") }
        if let v = parsed.detail { parts.append("detail=\(RemoteText.sanitized(v))") }
        if let v = parsed.missingScopes { parts.append("granted=\(v.granted) required=\(v.required)") }
        if let v = parsed.announcementURL { parts.append("announcement=\(RemoteText.sanitized(v))") }
        if let v = parsed.oauthError { parts.append("error=\(RemoteText.sanitized(v, limit: 60))") }
        if let v = parsed.oauthDescription { parts.append("error_description=\(RemoteText.sanitized(v))") }
        if let v = response.header("Retry-After") { parts.append("retry-after=\(RemoteText.sanitized(v, limit: 40))") }
        return parts.joined(separator: "; ")
    }
}

/// Sentences about the Bitbucket API token, shared by errors and the Connect screen.
public enum BitbucketMessages {
    /// Where to create a token and with which scopes.
    public static let createToken = "create a new API token at https://id.atlassian.com/manage-profile/security/api-tokens with the scopes read:user:bitbucket and read:workspace:bitbucket"

    /// The answer to a 401 from the REST API. Bitbucket sends the same 401 for a wrong, an
    /// expired (tokens last at most a year) and an unsuitable token, so none is claimed for
    /// certain; the email is the other half of the credentials.
    public static let badAPIToken = "Bitbucket did not accept the email and API token: the token may be invalid or expired, or the email is not your Atlassian account's. Check the email, or \(createToken)."
}
