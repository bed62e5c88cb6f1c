import Basics
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Checks an OAuth consumer's key and secret at Bitbucket's token endpoint. It needs no
/// Bitbucket account: the consumer's own key and secret are the credentials.
public struct ConsumerVerifier: Sendable {
    public let endpoints: Endpoints
    let http: HTTPClient

    public init(endpoints: Endpoints, retry: RetryPolicy = .init(), timeout: TimeInterval = 15) {
        self.endpoints = endpoints
        self.http = HTTPClient(retry: retry, timeout: timeout)
    }

    /// Checks a consumer's key and secret at `POST {web}/site/oauth2/access_token` with the
    /// client_credentials grant (HTTP Basic key:secret). A public consumer cannot use that
    /// grant, so then a second request with the authorization_code grant, a made-up code
    /// and no redirect_uri tells a rejected client from a rejected code: weaker evidence.
    /// Never throws: every outcome is a verdict.
    public func verify(_ consumer: ConsumerCredentials) async -> CredentialVerdict {
        let response: HTTPResponse
        let request = tokenRequest(consumer, form: "grant_type=client_credentials")
        do throws(RemoteError) {
            response = try await http.response(for: request)
        } catch {
            return .failed(error)
        }
        let answer = TokenAnswer(response)
        if response.isSuccess {
            guard let json = answer.json, json["access_token"]?.stringValue != nil else {
                return .failed(RemoteErrors.malformed(request, status: response.status, reason: "no access_token"))
            }
            // `scope` now, `scopes` in older answers; either a space-separated string or a list.
            let scopes = (json["scope"] ?? json["scopes"])?.stringList ?? []
            return .valid(grantedScopes: scopes)
        }
        if let verdict = answer.commonVerdict { return verdict }
        if answer.code == "invalid_grant" {
            return await probePublicConsumer(consumer)
        }
        return .failed(RemoteErrors.from(response, for: request))
    }

    /// The authorization_code probe for a public consumer.
    func probePublicConsumer(_ consumer: ConsumerCredentials) async -> CredentialVerdict {
        // A code that cannot exist; redirect_uri is left out so only client and code are judged.
        let code = "bbclerk-probe-" + UUID().uuidString.lowercased()
        let request = tokenRequest(consumer, form: "grant_type=authorization_code&code=\(code)")
        let response: HTTPResponse
        do throws(RemoteError) {
            response = try await http.response(for: request)
        } catch {
            if error.kind == .cancelled { return .failed(error) }
            return .publicConsumer(probe: .inconclusive("no answer from Bitbucket: \(error.kind)"))
        }
        let answer = TokenAnswer(response)
        if response.isSuccess {
            return .publicConsumer(probe: .inconclusive("Bitbucket accepted a made-up code"))
        }
        switch answer.commonVerdict {
        case .wrongCredentials?: return .publicConsumer(probe: .credentialsRejected)
        case let verdict?: return verdict
        case nil: break
        }
        // Any other OAuth error means the client was recognised and the code was judged.
        guard (400...499).contains(response.status), answer.code != nil else {
            return .publicConsumer(probe: .inconclusive("Bitbucket answered HTTP \(response.status)"))
        }
        return .publicConsumer(probe: .credentialsAccepted)
    }

    private func tokenRequest(_ consumer: ConsumerCredentials, form: String) -> HTTPRequest {
        HTTPRequest(
            service: .bitbucketOAuth, method: .post,
            url: endpoints.bitbucketWeb.appendingSegments(["site", "oauth2", "access_token"]),
            headers: [
                "Authorization": AuthorizationHeader.basic(user: consumer.key, password: consumer.secret),
                "Content-Type": "application/x-www-form-urlencoded",
            ],
            body: Data(form.utf8))
    }
}

/// A token endpoint answer read for the verdicts both grants share.
private struct TokenAnswer {
    var status: Int
    var json: JSONValue?
    var code: String?
    var description: String?
    var retryAfter: TimeInterval?

    init(_ response: HTTPResponse) {
        status = response.status
        json = response.json
        code = json?["error"]?.stringValue
        description = json?["error_description"]?.stringValue
        retryAfter = RetryAfter.seconds(from: response.header("Retry-After"))
    }

    /// Wrong credentials, no callback URL, rate limit: the same for either grant.
    var commonVerdict: CredentialVerdict? {
        if status == 429 { return .rateLimited(retryAfter: retryAfter) }
        // Bitbucket says `unauthorized_client` (not RFC 6749's `invalid_client`); accept both.
        if status == 401 || code == "unauthorized_client" || code == "invalid_client" { return .wrongCredentials }
        if code == "invalid_request", let description, description.containsIgnoringCase("callback") {
            return .noCallbackURL
        }
        return nil
    }
}
