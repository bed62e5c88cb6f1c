#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Bitbucket Cloud's REST API as the signed-in user (email + API token, HTTP Basic), and
/// its OAuth token endpoint for checking a consumer's key and secret.
///
/// A value: cheap to copy into effects and tasks. Each call is one libcurl transfer (``HTTPClient``).
public struct BitbucketClient: Sendable {
    public let endpoints: Endpoints
    let credentials: BitbucketCredentials
    let http: HTTPClient

    public init(endpoints: Endpoints, credentials: BitbucketCredentials, retry: RetryPolicy = .init(), timeout: TimeInterval = 15) {
        self.endpoints = endpoints
        self.credentials = credentials
        self.http = HTTPClient(retry: retry, timeout: timeout)
    }

    /// The account the token belongs to: the Connect screen's "Signed in as …".
    public func currentUser() async throws(RemoteError) -> BitbucketUser {
        let request = apiRequest(["user"])
        let user = try await http.decode(BBUserBody.self, for: request)
        return BitbucketUser(
            uuid: user.uuid, displayName: user.display_name ?? user.nickname ?? user.username ?? user.uuid,
            username: user.username ?? user.nickname, accountID: user.account_id)
    }

    // MARK: Requests

    /// A GET of the REST API at `segments` below `/2.0`, signed with the API token.
    func apiRequest(_ segments: [String], query: [URLQueryItem] = []) -> HTTPRequest {
        signed(HTTPRequest(service: .bitbucket, url: endpoints.bitbucketAPI.appendingSegments(segments, query: query)))
    }

    func signed(_ request: HTTPRequest) -> HTTPRequest {
        var request = request
        request.headers["Authorization"] = AuthorizationHeader.basic(user: credentials.email, password: credentials.token)
        return request
    }
}

/// `GET /2.0/user`: the account fields bbclerk shows.
struct BBUserBody: Decodable {
    var uuid: String
    var display_name: String?
    var username: String?
    var nickname: String?
    var account_id: String?
}
