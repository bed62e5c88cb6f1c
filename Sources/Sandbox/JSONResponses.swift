#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Bitbucket's error bodies: `{"type":"error","error":{"message":…,"detail":…,"data":…}}`.
enum BitbucketErrors {
    static func error(_ status: Int, _ message: String, detail: JSONValue? = nil, data: JSONValue? = nil, fields: JSONValue? = nil) -> SandboxResponse {
        var error: [String: JSONValue] = ["message": .string(message)]
        if let detail { error["detail"] = detail }
        if let data { error["data"] = data }
        if let fields { error["fields"] = fields }
        return .json(status, ["type": "error", "error": .object(error)])
    }

    /// Bad or missing credentials. Bitbucket's 401 is not always JSON; the sandbox sends
    /// plain text so clients exercise that branch.
    static let unauthorized = SandboxResponse.text(401, "Unauthorized")

    /// Endpoints removed by CHANGE-2770 (exact body from API-NOTES).
    static let gone = error(
        410, "CHANGE-2770 - Functionality has been deprecated",
        detail: "Please read the changelog entry for more details.",
        data: ["announcement_url": "https://developer.atlassian.com/cloud/bitbucket/changelog#CHANGE-2770"]
    )

    /// A token without the scope the endpoint needs: `detail` is an object here, although
    /// the spec types it as a string (API-NOTES).
    static func missingScope(granted: [String], required: [String]) -> SandboxResponse {
        error(
            403, "Your credentials lack one or more required privilege scopes.",
            detail: ["granted": .array(granted.map(JSONValue.string)), "required": .array(required.map(JSONValue.string))]
        )
    }

    static let bearerNotAccepted = error(403, "This API is not accessible by this authentication mechanism")

    static func noWorkspace(_ identifier: String) -> SandboxResponse {
        error(404, "No workspace with identifier '\(identifier)'.")
    }

    static let notFound = error(404, "Resource not found")
    static let rateLimited = error(429, "Rate limit for this resource has been exceeded")
}

/// Clerk's error bodies: `{"errors":[{message,long_message,code,meta}],"clerk_trace_id":…}`.
enum ClerkErrors {
    static func error(_ status: Int, code: String, message: String, longMessage: String, meta: [String: JSONValue] = [:]) -> SandboxResponse {
        .json(status, [
            "errors": [["message": .string(message), "long_message": .string(longMessage), "code": .string(code), "meta": .object(meta)]],
            "clerk_trace_id": .string(traceID()),
        ])
    }

    static func authenticationInvalid() -> SandboxResponse {
        error(401, code: "authentication_invalid", message: "Invalid authentication",
              longMessage: "Unable to authenticate the request, you need to supply an active API key")
    }

    static func notFound(_ what: String) -> SandboxResponse {
        error(404, code: "resource_not_found", message: "not found", longMessage: "\(what) not found")
    }

    static func rateLimited() -> SandboxResponse {
        error(429, code: "too_many_requests", message: "Too many requests",
              longMessage: "Too many requests, please try again later.")
    }

    /// A fresh 32-hex-digit trace id; randomness is fine, nothing compares them.
    static func traceID() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in String(Int.random(in: 0..<16, using: &generator), radix: 16) }.joined()
    }
}
