#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Clerk's three APIs as bbclerk uses them: the Platform API (`ak_…` key) to read and write
/// the Bitbucket connection, the Backend API (`sk_…` key) to read the instance in manual
/// mode, and the public Frontend API to confirm the result from the outside.
///
/// Either key may be absent; a call that needs a missing key fails without a request.
public struct ClerkClient: Sendable {
    public let endpoints: Endpoints
    let platformKey: Secret?
    let secretKey: Secret?
    let http: HTTPClient

    public init(endpoints: Endpoints, platformKey: Secret?, secretKey: Secret?, retry: RetryPolicy = .init(), timeout: TimeInterval = 15) {
        self.endpoints = endpoints
        self.platformKey = platformKey.flatMap { $0.isEmpty ? nil : $0 }
        self.secretKey = secretKey.flatMap { $0.isEmpty ? nil : $0 }
        self.http = HTTPClient(retry: retry, timeout: timeout)
    }

    /// `{frontend_api_url}/v1/oauth_callback`, without a double slash: the exact Callback URL
    /// the Bitbucket consumer must have (Clerk's "Authorized redirect URI").
    public static func callbackURL(frontendAPIURL: URL) -> String {
        var base = frontendAPIURL.absoluteString
        while base.hasSuffix("/") { base.removeLast() }
        return base + "/v1/oauth_callback"
    }

    // MARK: Requests

    func platformRequest(_ segments: [String], method: HTTPRequest.Method = .get, query: [URLQueryItem] = []) throws(RemoteError) -> HTTPRequest {
        let url = endpoints.clerkAPI.appendingSegments(["platform"] + segments, query: query)
        var request = HTTPRequest(service: .clerkPlatform, method: method, url: url)
        guard let platformKey else {
            throw RemoteError(
                service: .clerkPlatform, kind: .unauthorized,
                userMessage: "No Clerk Platform API key was given: set CLERK_PLATFORM_API_KEY to an ak_ key, sign in with clerk auth login, or continue in manual mode.",
                logDetail: "\(request.logLabel): not sent, no Platform API key")
        }
        request.headers["Authorization"] = AuthorizationHeader.bearer(platformKey)
        return request
    }

    func backendRequest(_ segments: [String]) throws(RemoteError) -> HTTPRequest {
        var request = HTTPRequest(service: .clerkBackend, url: endpoints.clerkAPI.appendingSegments(segments))
        guard let secretKey else {
            throw RemoteError(
                service: .clerkBackend, kind: .unauthorized,
                userMessage: "No Clerk secret key was given: set CLERK_SECRET_KEY to the instance's sk_ key from the Clerk Dashboard (API keys).",
                logDetail: "\(request.logLabel): not sent, no secret key")
        }
        request.headers["Authorization"] = AuthorizationHeader.bearer(secretKey)
        return request
    }

    /// The domains listed by `request` (Platform and Backend API send the same shape).
    func domainList(_ request: HTTPRequest) async throws(RemoteError) -> [ClerkDomain] {
        let body = try await http.decode(ClerkDomainList.self, for: request)
        var domains: [ClerkDomain] = []
        for item in body.data { domains.append(try item.domain(request: request)) }
        return domains
    }

    /// A URL from a Clerk answer, or a malformed-answer error naming the field.
    static func url(_ text: String?, field: String, request: HTTPRequest) throws(RemoteError) -> URL {
        guard let text, let url = URL(string: text), url.scheme != nil, url.host != nil else {
            throw RemoteErrors.malformed(request, status: 200, reason: "\(field) is not a URL")
        }
        return url
    }
}

/// A domain object, as both the Platform and the Backend API send it.
struct ClerkDomainBody: Decodable {
    var id: String?
    var name: String
    var frontend_api_url: String
    var accounts_portal_url: String?
    var is_satellite: Bool?
    var proxy_url: String?

    func domain(request: HTTPRequest) throws(RemoteError) -> ClerkDomain {
        ClerkDomain(
            id: id, name: name,
            frontendAPIURL: try ClerkClient.url(frontend_api_url, field: "frontend_api_url", request: request),
            accountsPortalURL: accounts_portal_url.flatMap(URL.init(string:)), isSatellite: is_satellite ?? false,
            proxyURL: proxy_url.flatMap { $0.isEmpty ? nil : URL(string: $0) }.flatMap { $0.host == nil ? nil : $0 })
    }
}

struct ClerkDomainList: Decodable {
    var data: [ClerkDomainBody]
}
