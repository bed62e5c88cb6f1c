#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Bitbucket's OAuth 2.0 token endpoint, `POST /site/oauth2/access_token`, with each verdict
/// API-NOTES lists ("Checking a key and secret without a browser").
extension SandboxState {
    /// Grants Bitbucket knows; anything else is `unsupported_grant_type`.
    static let knownGrantTypes: Set<String> = [
        "client_credentials", "authorization_code", "refresh_token", "urn:bitbucket:oauth2:jwt",
    ]

    func accessToken(_ request: SandboxRequest) -> SandboxResponse {
        let form = request.formFields
        guard let grantType = form["grant_type"], Self.knownGrantTypes.contains(grantType) else {
            let described = form["grant_type"].map { "Unsupported grant type: \($0)" } ?? "Missing grant_type parameter"
            return oauthError("unsupported_grant_type", described)
        }
        // Client credentials in HTTP Basic (what bbclerk sends) or in the form (also accepted).
        let key = request.basicCredentials?.user ?? form["client_id"]
        let secret = request.basicCredentials?.password ?? form["client_secret"]
        guard let key, let secret,
              let consumer = consumers.first(where: { $0.key == key && $0.secret == secret }) else {
            // Not `invalid_client`: Bitbucket says unauthorized_client (API-NOTES).
            return oauthError("unauthorized_client", "Invalid OAuth client credentials")
        }
        guard let callback = consumer.callbackURL, !callback.isEmpty else {
            return oauthError("invalid_request", "No callback uri defined for the OAuth client.")
        }

        switch grantType {
        case "client_credentials":
            guard consumer.isPrivate else {
                return oauthError("invalid_grant", "Cannot use client_credentials with a consumer marked as \"public\". Calls for auto generated consumers should use urn:bitbucket:oauth2:jwt instead.")
            }
            var generator = SystemRandomNumberGenerator()
            return .json(200, [
                "access_token": .string(RandomText.string(120, from: RandomText.base64URL, using: &generator) + "="),
                // A space-separated string now ("scopes" in older answers); no refresh token since 2026-05-04.
                "scope": .string(consumer.scopes.sorted().joined(separator: " ")),
                "expires_in": 7200,
                "token_type": "bearer",
                "state": "client_credentials",
            ], headers: Self.tokenCacheHeaders)
        case "authorization_code":
            // The sandbox never issues codes, so every code is unknown; a redirect_uri that does not
            // start with the consumer's Callback URL is refused first, as on the real site.
            if let redirect = form["redirect_uri"], !redirect.hasPrefix(callback) {
                return oauthError("invalid_grant", "Invalid redirect_uri")
            }
            guard let code = form["code"], !code.isEmpty else {
                return oauthError("invalid_request", "Missing code parameter")
            }
            return oauthError("invalid_grant", "The authorization code is invalid or has expired.")
        case "refresh_token":
            return oauthError("invalid_grant", "Invalid refresh_token")
        default:
            return oauthError("invalid_grant", "Invalid JWT assertion")
        }
    }

    /// RFC 6749 §5.1: an answer carrying a token must not be stored by any cache
    /// (`Pragma` for HTTP/1.0 caches).
    static let tokenCacheHeaders = [("Cache-Control", "no-store"), ("Pragma", "no-cache")]

    private func oauthError(_ error: String, _ description: String) -> SandboxResponse {
        .json(400, ["error": .string(error), "error_description": .string(description)])
    }
}
