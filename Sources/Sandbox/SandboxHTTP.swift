import Basics
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Which emulated service a request is for, from the first segment of its path.
enum SandboxService: String, Sendable, CaseIterable {
    case bitbucketAPI = "/bitbucket-api/2.0"
    case bitbucketWeb = "/bitbucket-web"
    case clerkAPI = "/clerk-api/v1"
    case clerkFrontend = "/clerk-frontend"

    /// Splits a raw (percent-encoded) path into its service and the rest ("/user").
    static func split(_ path: String) -> (SandboxService, String)? {
        for service in allCases {
            if path == service.rawValue { return (service, "/") }
            if path.hasPrefix(service.rawValue + "/") {
                return (service, String(path.dropFirst(service.rawValue.count)))
            }
        }
        return nil
    }
}

/// A request as the route files see it: independent of the HTTP server library, so the
/// emulation logic reads like the vendors' documents and nothing else.
struct SandboxRequest: Sendable {
    var method: String
    var service: SandboxService
    /// Path after the service prefix, still percent-encoded ("/workspaces/%7Babc%7D").
    var path: String
    var query: [(name: String, value: String)]
    /// Header names lowercased.
    var headers: [String: String]
    var body: Data

    /// Path segments after the service prefix, percent-decoded.
    var segments: [String] {
        path.split(separator: "/", omittingEmptySubsequences: true).map {
            String($0).percentDecoded ?? String($0)
        }
    }

    func header(_ name: String) -> String? { headers[name.lowercased()] }

    func queryValue(_ name: String) -> String? { query.first { $0.name == name }?.value }

    func queryValues(_ name: String) -> [String] { query.filter { $0.name == name }.map(\.value) }

    /// HTTP Basic credentials, if the Authorization header carries them.
    var basicCredentials: (user: String, password: String)? {
        guard let value = header("authorization"), value.lowercased().hasPrefix("basic ") else { return nil }
        let encoded = value.dropFirst(6).trimmingWhitespace()
        guard let data = Data(base64Encoded: encoded), let text = String(data: data, encoding: .utf8),
              let colon = text.firstIndex(of: ":") else { return nil }
        return (String(text[..<colon]), String(text[text.index(after: colon)...]))
    }

    /// The token of `Authorization: Bearer …`, if present.
    var bearerToken: String? {
        guard let value = header("authorization"), value.lowercased().hasPrefix("bearer ") else { return nil }
        return value.dropFirst(7).trimmingWhitespace()
    }

    /// An `application/x-www-form-urlencoded` body as name/value pairs (`+` is a space).
    var formFields: [String: String] {
        let text = String(decoding: body, as: UTF8.self)
        var fields: [String: String] = [:]
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ part: Substring) -> String {
                let spaced = String(part).replacing("+", with: " ")
                return spaced.percentDecoded ?? spaced
            }
            let name = decode(parts[0])
            if fields[name] == nil { fields[name] = parts.count > 1 ? decode(parts[1]) : "" }
        }
        return fields
    }
}

/// An answer, or the instruction to hang up without one.
struct SandboxResponse: Sendable {
    var status: Int
    var headers: [(String, String)]
    var body: Data
    /// Close the connection without writing anything (the `dropConnection` fault).
    var dropsConnection = false

    init(status: Int, headers: [(String, String)] = [], body: Data = Data()) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    static func json(_ status: Int, _ value: JSONValue, headers: [(String, String)] = []) -> SandboxResponse {
        SandboxResponse(status: status, headers: [("Content-Type", "application/json; charset=utf-8")] + headers, body: value.encoded())
    }

    static func text(_ status: Int, _ text: String, headers: [(String, String)] = []) -> SandboxResponse {
        SandboxResponse(status: status, headers: [("Content-Type", "text/plain; charset=utf-8")] + headers, body: Data(text.utf8))
    }

    static func html(_ status: Int, _ html: String) -> SandboxResponse {
        SandboxResponse(status: status, headers: [("Content-Type", "text/html; charset=utf-8")], body: Data(html.utf8))
    }

    static let dropped: SandboxResponse = {
        var response = SandboxResponse(status: 0)
        response.dropsConnection = true
        return response
    }()

    func header(_ name: String) -> String? {
        headers.first { $0.0.equalsIgnoringCase(name) }?.1
    }

    /// The body parsed as JSON (tests and debugging).
    var jsonBody: JSONValue? { JSONValue.parse(body) }
}

/// Reason phrases for the status codes the sandbox sends.
enum HTTPReason {
    static func phrase(_ status: Int) -> String {
        switch status {
        case 200: "OK"
        case 201: "Created"
        case 204: "No Content"
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 409: "Conflict"
        case 410: "Gone"
        case 422: "Unprocessable Entity"
        case 429: "Too Many Requests"
        case 500: "Internal Server Error"
        case 502: "Bad Gateway"
        case 503: "Service Unavailable"
        default: "Status \(status)"
        }
    }
}
