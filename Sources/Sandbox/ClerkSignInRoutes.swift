import Basics
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Clerk's Frontend API `POST /v1/client/sign_ins` for an OAuth strategy (Frontend API spec
/// `fapi/2026-05-12.yml`, `createSignIn`): "If the strategy equals `oauth_[provider]` … then
/// a redirect_url is required". The answer is the sign-in wrapped with its client
/// (`Client.ClientWrappedSignIn`); its `first_factor_verification.external_verification_redirect_url`
/// is the provider's authorize URL. Error codes and texts are clerk-docs `data/api_errors.json`'s.
///
/// The first application answers wrapped, as the spec says; the second answers the bare
/// sign-in, so clients meet both shapes (as with the secret placeholders).
extension SandboxState {
    /// A made-up key standing for Clerk's shared Bitbucket credentials (development only).
    static let sharedBitbucketClientID = "ClerkShared0BbKey7"

    func clerkSignIn(_ request: SandboxRequest, instance stored: ClerkInstance) -> SandboxResponse {
        let instance = stored.visible()
        if !instance.isProduction {
            // Development: the dev-browser token, as for every request to a dev instance.
            let token = request.queryValue("__clerk_db_jwt") ?? request.queryValue("__dev_session")
            guard let token, devBrowserTokens.contains(token) else {
                return ClerkErrors.error(401, code: "dev_browser_unauthenticated", message: "Browser unauthenticated",
                                         longMessage: "Unable to authenticate this browser for your development instance. Check your Clerk cookies and try again. If the issue persists reach out to support@clerk.com.")
            }
        } else if let refusal = productionRefusal(request, instance: instance) {
            return refusal
        }
        let form = request.formFields
        let strategy = form["strategy"] ?? ""
        guard strategy == "oauth_bitbucket" else {
            return ClerkErrors.error(422, code: "form_param_value_invalid", message: "is invalid",
                                     longMessage: "\(strategy) does not match one of the allowed values for parameter strategy",
                                     meta: ["param_name": "strategy"])
        }
        guard let redirectURL = form["redirect_url"], !redirectURL.isEmpty else {
            return ClerkErrors.error(422, code: "form_param_missing", message: "is missing",
                                     longMessage: "redirect_url must be included.", meta: ["param_name": "redirect_url"])
        }
        guard let redirectHost = URL(string: redirectURL)?.host?.lowercased() else {
            return ClerkErrors.error(422, code: "invalid_redirect_url", message: "Redirect url invalid",
                                     longMessage: "The provided redirect url is not in a valid format", meta: ["param_name": "redirect_url"])
        }
        if instance.isProduction, !Self.belongs(redirectHost, to: instance.domainName) {
            return ClerkErrors.error(422, code: "redirect_url_domain_mismatch", message: "Redirect url does not belong to your domain",
                                     longMessage: "The provided redirect URL must belong to your instance's domain", meta: ["param_name": "redirect_url"])
        }
        // A connection that is off, or on only for linking accounts, is not a sign-in strategy.
        guard let connection = instance.connections["connection_oauth_bitbucket"], connection.enabled, connection.authenticatable else {
            return ClerkErrors.error(422, code: "form_param_value_invalid", message: "is invalid",
                                     longMessage: "oauth_bitbucket does not match one of the allowed values for parameter strategy",
                                     meta: ["param_name": "strategy"])
        }
        let clientID: String
        if connection.hasCustomCredentials, let custom = connection.clientID {
            clientID = custom
        } else if !instance.isProduction {
            clientID = Self.sharedBitbucketClientID
        } else {
            return ClerkErrors.error(400, code: "oauth_config_missing", message: "",
                                     longMessage: "The application does not have Bitbucket OAuth keys set in its settings.")
        }
        let signIn = signInJSON(instance: instance, clientID: clientID)
        if instance.bareSignIn { return .json(200, signIn) }
        return .json(200, ["response": signIn, "client": clientJSON(signIn)])
    }

    /// A production Frontend API takes browsers (an `Origin` of the instance's domain) or
    /// native clients (`_is_native` with `Authorization`, when the Native API is enabled,
    /// which the sandbox's instances never are: `native_settings.api_enabled` is false).
    private func productionRefusal(_ request: SandboxRequest, instance: ClerkInstance) -> SandboxResponse? {
        if let native = request.queryValue("_is_native"), native == "1" || native == "true" {
            return ClerkErrors.error(400, code: "native_api_disabled", message: "Native API disabled",
                                     longMessage: "The Native API is disabled for this instance. Visit the Clerk Dashboard to enable it.")
        }
        guard let origin = request.header("origin") else {
            return ClerkErrors.error(400, code: "request_header_missing", message: "Invalid request headers",
                                     longMessage: "Your Clerk Frontend API is accessible from browsers and native applications. To protect against standard web attacks, the HTTP Origin header is required in browser requests. If you see this error, you probably accessed Clerk Frontend API directly from the address bar or a browser extension is intercepting your browser requests, removing the HTTP Origin header. For more information refer to https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Origin.")
        }
        if request.header("authorization") != nil {
            return ClerkErrors.error(400, code: "origin_authorization_headers_conflict",
                                     message: "Setting both the 'Origin' and 'Authorization' headers is forbidden",
                                     longMessage: "For security purposes, only one of the 'Origin' and 'Authorization' headers should be provided, but not both. In browser contexts, the 'Origin' header is set automatically by the browser. In native application contexts (e.g. mobile apps), set the 'Authorization' header.")
        }
        guard let host = URL(string: origin)?.host?.lowercased(), Self.belongs(host, to: instance.domainName) else {
            return ClerkErrors.error(400, code: "origin_invalid", message: "Invalid HTTP Origin header",
                                     longMessage: "The Request HTTP Origin header must be equal to or a subdomain of the requesting URL.")
        }
        return nil
    }

    /// `host` is `domain` or one of its subdomains.
    static func belongs(_ host: String, to domain: String) -> Bool {
        let domain = domain.lowercased()
        return host == domain || host.hasSuffix("." + domain)
    }

    /// A sign-in waiting for its first factor: the OAuth verification, unverified, with
    /// Bitbucket's authorize URL (`https://bitbucket.org/site/oauth2/authorize`, the
    /// endpoint Bitbucket documents for the authorization code grant).
    private func signInJSON(instance: ClerkInstance, clientID: String) -> JSONValue {
        let callback = instance.frontendAPIURL + "/v1/oauth_callback"
        let state = UUID().uuidString.replacing("-", with: "").lowercased()
        func encoded(_ value: String) -> String { value.percentEncoded(keeping: .unreserved) }
        let authorize = "https://bitbucket.org/site/oauth2/authorize?client_id=\(encoded(clientID))"
            + "&redirect_uri=\(encoded(callback))&response_type=code&scope=account+email&state=\(state)"
        let expireAt = (Date().timeIntervalSince1970 + 600) * 1000
        return [
            "object": "sign_in_attempt",
            "id": .string("sia_" + UUID().uuidString.replacing("-", with: "").lowercased()),
            "status": "needs_first_factor",
            "supported_identifiers": [],
            "supported_first_factors": [],
            "supported_second_factors": nil,
            "first_factor_verification": [
                "object": "verification_oauth",
                "status": "unverified",
                "strategy": "oauth_bitbucket",
                "external_verification_redirect_url": .string(authorize),
                "error": nil,
                "expire_at": .number(expireAt.rounded()),
                "attempts": nil,
            ],
            "second_factor_verification": nil,
            "identifier": nil,
            "user_data": nil,
            "created_session_id": nil,
            "abandon_at": .number((expireAt + 86_400_000).rounded()),
        ]
    }

    /// The new client the sign-in belongs to (nobody holds it: no cookie is set).
    private func clientJSON(_ signIn: JSONValue) -> JSONValue {
        [
            "object": "client",
            "id": .string("client_" + UUID().uuidString.replacing("-", with: "").lowercased()),
            "sessions": [],
            "sign_in": signIn,
            "sign_up": nil,
            "last_active_session_id": nil,
        ]
    }
}
