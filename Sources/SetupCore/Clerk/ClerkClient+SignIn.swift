import Basics
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Which client_id and redirect_uri Clerk sends a user to Bitbucket with: the proof, from
/// outside, that the Key pasted into the Dashboard is the one in use.
///
/// The request is the one Clerk's browser SDK makes when a user presses "Continue with
/// Bitbucket" (clerk/javascript `packages/clerk-js/src/core/resources/SignIn.ts`,
/// `authenticateWithRedirectOrPopup`): `POST {frontend}/v1/client/sign_ins`, form-encoded
/// (`packages/clerk-js/src/core/fapiClient.ts` stringifies the body with snake_case keys),
/// with `strategy=oauth_bitbucket` and a `redirect_url` (required for `oauth_[provider]`,
/// Frontend API spec `fapi/2026-05-12.yml` `createSignIn`). The SDK then navigates to
/// `first_factor_verification.external_verification_redirect_url` when its status is
/// `unverified`: Bitbucket's authorize URL. bbclerk reads that URL and never follows it.
extension ClerkClient {
    /// Creates a sign-in on a throwaway client and reads where Clerk would send the user.
    ///
    /// Side effect: the Frontend API keeps a pending sign-in (status `needs_first_factor`)
    /// on a new client that nobody holds (bbclerk keeps no cookie and no client token); it
    /// is never completed and expires with the client. Nothing about the instance changes.
    ///
    /// - Development: the dev-browser token goes on the query, as for `/v1/environment`
    ///   (the spec's `DevBrowser` scheme: "Used to authenticate only dev instances").
    /// - Production: no `_is_native`: it makes the Frontend API read the client from the
    ///   `Authorization` header and is refused with `native_api_disabled` unless the instance
    ///   enabled its Native API (clerk-docs `data/api_errors.json` `NativeAPIDisabled`;
    ///   clerk/javascript `packages/expo/src/provider/singleton/createClerkInstance.ts` and
    ///   `packages/chrome-extension/src/internal/utils/request-handler.ts` send it together
    ///   with that header). Instead the request is a browser's: an `Origin` header, the
    ///   redirect URL's origin (the instance's own Account Portal), since "the HTTP Origin
    ///   header is required in browser requests" (`request_header_missing`) and `Origin`
    ///   with `Authorization` is refused (`origin_authorization_headers_conflict`).
    ///
    /// A refusal (a 4xx: `redirect_url_domain_mismatch`, `oauth_config_missing`, a disabled
    /// strategy) is thrown as the Frontend API's error: the caller says it could not check.
    /// An answer without an authorize URL, or one that is not Bitbucket's, is malformed.
    public func signInRedirect(_ probe: FrontendProbe, redirectURL: URL) async throws(RemoteError) -> BitbucketAuthorizeRedirect {
        var query: [URLQueryItem] = []
        if probe.isDevelopment {
            let token = try await devBrowserToken(frontendAPIURL: probe.frontendAPIURL)
            query = [URLQueryItem(name: "__clerk_db_jwt", value: token), URLQueryItem(name: "_clerk_js_version", value: Self.clerkJSVersion)]
        }
        var request = frontendRequest(frontendAPIURL: probe.frontendAPIURL, path: ["v1", "client", "sign_ins"], query: query)
        request.method = .post
        request.headers["Content-Type"] = "application/x-www-form-urlencoded"
        if !probe.isDevelopment, let origin = Self.origin(of: redirectURL) { request.headers["Origin"] = origin }
        request.body = Data(Self.formBody([("strategy", "oauth_bitbucket"), ("redirect_url", redirectURL.absoluteString)]).utf8)
        let response = try await http.response(for: request)
        guard response.isSuccess else { throw Self.signInRefusal(response, request: request) }
        let json: JSONValue
        do {
            json = try JSONValue(parsing: response.body)
        } catch {
            throw RemoteErrors.malformed(request, status: response.status, reason: "sign_ins: not JSON")
        }
        guard let signIn = Self.signInObject(json) else {
            throw RemoteErrors.malformed(request, status: 200, reason: "sign_ins: no sign-in object")
        }
        guard let verification = signIn["first_factor_verification"], verification.objectValue != nil else {
            throw RemoteErrors.malformed(request, status: 200, reason: "sign_ins: no first_factor_verification")
        }
        // clerk-js navigates only when the status is `unverified` (SignIn.ts); anything else
        // is an answer it would report as invalid (`clerkInvalidFAPIResponse`).
        if let status = verification["status"]?.stringValue, status != "unverified" {
            throw RemoteErrors.malformed(request, status: 200, reason: "first_factor_verification.status \(status)")
        }
        guard let text = verification["external_verification_redirect_url"]?.stringValue, !text.isEmpty else {
            throw RemoteErrors.malformed(request, status: 200, reason: "no external_verification_redirect_url")
        }
        switch BitbucketAuthorizeRedirect.parse(text) {
        case .success(let redirect): return redirect
        case .failure(let reason): throw RemoteErrors.malformed(request, status: 200, reason: reason.text)
        }
    }

    /// A refused test sign-in says so, with Clerk's reason and its code kept in the kind
    /// (``RemoteError/Kind/badRequest(code:)``) for the caller's advice. A 401 (the
    /// dev-browser token), a 429 and a 5xx keep the Frontend API's usual errors.
    static func signInRefusal(_ response: HTTPResponse, request: HTTPRequest) -> RemoteError {
        guard (400...499).contains(response.status), response.status != 401, response.status != 429 else {
            return RemoteErrors.from(response, for: request)
        }
        let parsed = ClerkErrorBody.parse(response.body)
        let said = (parsed.longMessage ?? parsed.message).map { " (\(RemoteText.clause($0)))" } ?? " (HTTP \(response.status))"
        return RemoteError(service: request.service, kind: .badRequest(code: parsed.code), status: response.status,
                           userMessage: "Clerk's Frontend API refused a test sign-in\(said).",
                           logDetail: "\(request.logLabel) → HTTP \(response.status) code=\(RemoteText.sanitized(parsed.code ?? "none", limit: 80))")
    }

    /// The sign-in in an answer: wrapped as `{response: …, client: …}` (the spec's
    /// `Client.ClientWrappedSignIn`, clerk-js `FapiResponseJSON`), or the sign-in itself.
    /// A `client` object in `response` is looked into for its `sign_in`.
    static func signInObject(_ json: JSONValue) -> JSONValue? {
        var candidate = json
        if let wrapped = json["response"], wrapped.objectValue != nil { candidate = wrapped }
        if candidate["object"]?.stringValue == "client", let inner = candidate["sign_in"], inner.objectValue != nil { candidate = inner }
        return candidate.objectValue == nil ? nil : candidate
    }

    /// `name=value&…`, each part percent-encoded but for RFC 3986's unreserved characters.
    static func formBody(_ fields: [(String, String)]) -> String {
        fields.map { "\($0.0.percentEncoded(keeping: .unreserved))=\($0.1.percentEncoded(keeping: .unreserved))" }
            .joined(separator: "&")
    }

    /// `scheme://host[:port]` of `url`, as a browser sends it in `Origin`.
    static func origin(of url: URL) -> String? {
        guard let scheme = url.scheme?.lowercased(), let host = url.host?.lowercased(), !host.isEmpty else { return nil }
        return "\(scheme)://\(host)" + (url.port.map { ":\($0)" } ?? "")
    }
}

/// Where Clerk sends a user to sign in with Bitbucket: the `client_id` and `redirect_uri`
/// of `https://bitbucket.org/site/oauth2/authorize?client_id=…&redirect_uri=…&response_type=code&state=…`.
/// The values are kept as sent (for comparing); show them through ``DisplayText/sanitize(_:limit:)``.
public struct BitbucketAuthorizeRedirect: Equatable, Sendable {
    public var clientID: String
    /// Absent when Clerk sends none: Bitbucket then uses the consumer's Callback URL.
    public var redirectURI: String?

    public init(clientID: String, redirectURI: String?) {
        self.clientID = clientID
        self.redirectURI = redirectURI
    }

    /// Why a URL is not a Bitbucket authorize URL bbclerk can read.
    public struct Refusal: Error, Equatable, Sendable {
        public var text: String
    }

    /// The longest client_id read: Bitbucket's keys are 18 characters.
    static let maxClientIDLength = 200

    /// Reads `text` strictly: `https://bitbucket.org/site/oauth2/authorize` (no user, no other
    /// port), exactly one non-empty `client_id` without spaces or control characters, at
    /// most one `redirect_uri`. Anything else is a refusal, never a partial answer.
    public static func parse(_ text: String) -> Result<BitbucketAuthorizeRedirect, Refusal> {
        func refuse(_ reason: String) -> Result<BitbucketAuthorizeRedirect, Refusal> { .failure(Refusal(text: reason)) }
        guard let components = URLComponents(string: text) else { return refuse("redirect is not a URL") }
        guard components.scheme?.lowercased() == "https",
              components.host?.lowercased() == "bitbucket.org",
              components.user == nil, components.password == nil,
              components.port == nil || components.port == 443 else {
            return refuse("redirect is not to https://bitbucket.org (host \(DisplayText.sanitize(components.host ?? "none", limit: 80)))")
        }
        guard components.path == "/site/oauth2/authorize" else {
            return refuse("redirect is not Bitbucket's authorize page (path \(DisplayText.sanitize(components.path, limit: 80)))")
        }
        let items = components.queryItems ?? []
        let clientIDs = items.filter { $0.name == "client_id" }.map { $0.value ?? "" }
        guard clientIDs.count == 1, let clientID = clientIDs.first, !clientID.isEmpty else {
            return refuse(clientIDs.count > 1 ? "redirect has \(clientIDs.count) client_id values" : "redirect has no client_id")
        }
        guard clientID.count <= maxClientIDLength,
              !clientID.unicodeScalars.contains(where: { DisplayText.isControl($0) || DisplayText.isBidiControl($0) || $0.properties.isWhitespace }) else {
            return refuse("client_id is not a key")
        }
        let redirectURIs = items.filter { $0.name == "redirect_uri" }.map { $0.value ?? "" }
        guard redirectURIs.count <= 1 else { return refuse("redirect has \(redirectURIs.count) redirect_uri values") }
        let redirectURI = redirectURIs.first.flatMap { $0.isEmpty ? nil : $0 }
        return .success(BitbucketAuthorizeRedirect(clientID: clientID, redirectURI: redirectURI))
    }
}

/// What the client_id and redirect_uri Clerk sends users to Bitbucket with prove about the
/// setup: compared with the consumer's Key and the instance's Callback URL, byte for byte.
public enum SignInRedirectVerdict: Equatable, Sendable {
    /// The Key entered, and (when Clerk sends one) the Callback URL.
    case proof(BitbucketAuthorizeRedirect)
    /// Another client_id, or another redirect_uri: each difference is named.
    case mismatch(BitbucketAuthorizeRedirect, expectedKey: String?, expectedCallback: String?)
    /// No Key to compare with: what Clerk sends, not judged.
    case observed(BitbucketAuthorizeRedirect)
    /// The request was refused or failed, or the answer could not be read: nothing is known.
    case couldNotCheck(RemoteError)

    /// `result` compared with `expectedKey` and `expectedCallback` (nil: not compared).
    public static func judge(_ result: Result<BitbucketAuthorizeRedirect, RemoteError>,
                             expectedKey: String?, expectedCallback: String?) -> SignInRedirectVerdict {
        switch result {
        case .failure(let error):
            return .couldNotCheck(error)
        case .success(let redirect):
            let keyDiffers = expectedKey.map { $0 != redirect.clientID } ?? false
            let callbackDiffers = redirect.redirectURI.map { found in expectedCallback.map { $0 != found } ?? false } ?? false
            if keyDiffers || callbackDiffers { return .mismatch(redirect, expectedKey: expectedKey, expectedCallback: expectedCallback) }
            return expectedKey == nil ? .observed(redirect) : .proof(redirect)
        }
    }

    public var isProof: Bool { if case .proof = self { true } else { false } }

    public var isMismatch: Bool { if case .mismatch = self { true } else { false } }

    /// The redirect Clerk answered with, when it answered.
    public var redirect: BitbucketAuthorizeRedirect? {
        switch self {
        case .proof(let redirect), .mismatch(let redirect, _, _), .observed(let redirect): redirect
        case .couldNotCheck: nil
        }
    }

    /// Clerk sends another client_id than the Key.
    public var clientIDDiffers: Bool {
        if case .mismatch(let redirect, let key?, _) = self { return redirect.clientID != key }
        return false
    }

    /// Clerk sends another redirect_uri than the Callback URL.
    public var redirectURIDiffers: Bool {
        if case .mismatch(let redirect, _, let callback?) = self, let found = redirect.redirectURI { return found != callback }
        return false
    }

    /// What was found, in one sentence (two for a double mismatch), from sanitised text.
    public var userMessage: String {
        func key(_ text: String) -> String { DisplayText.sanitize(text, limit: 60) }
        func url(_ text: String) -> String { DisplayText.sanitize(text, limit: 200) }
        switch self {
        case .proof(let redirect):
            return "Clerk sends sign-ins to Bitbucket with client_id \(key(redirect.clientID)) (yours)"
                + (redirect.redirectURI.map { " and redirect_uri \(url($0)) (the Callback URL)." } ?? ".")
        case .observed(let redirect):
            return "Clerk sends sign-ins to Bitbucket with client_id \(key(redirect.clientID))"
                + (redirect.redirectURI.map { " and redirect_uri \(url($0))" } ?? "")
                + " (no Key was given to compare it with)."
        case .mismatch(let redirect, let expectedKey, let expectedCallback):
            var sentences: [String] = []
            if clientIDDiffers, let expectedKey {
                sentences.append("Clerk still sends sign-ins with client_id \(key(redirect.clientID)), not your key \(key(expectedKey)): it still uses its shared credentials or an older key; paste the Key again in the Dashboard and save.")
            }
            if redirectURIDiffers, let found = redirect.redirectURI, let expectedCallback {
                let lead = clientIDDiffers ? "It also sends" : "Clerk sends sign-ins with your client_id \(key(redirect.clientID)) but"
                sentences.append("\(lead) redirect_uri \(url(found)), not the Callback URL \(url(expectedCallback)): Bitbucket refuses a redirect_uri that is not the consumer's Callback URL (\"Invalid redirect_uri\"), so set the consumer's Callback URL in Bitbucket to \(url(found)).")
            }
            return sentences.joined(separator: " ")
        case .couldNotCheck(let error):
            return "Could not check which client_id Clerk sends sign-ins to Bitbucket with: \(RemoteText.clause(DisplayText.sanitize(error.userMessage, limit: 300)))."
        }
    }
}

extension ClerkTarget {
    /// The `redirect_url` for a test sign-in: where Clerk's own Account Portal receives its
    /// OAuth sign-ins, `{sign-in page}/sso-callback` (clerk/javascript
    /// `packages/ui/src/components/SignIn/index.tsx`, route `sso-callback`;
    /// `SignInSocialButtons.tsx` passes `ctx.ssoCallbackUrl` as `redirectUrl`). It belongs
    /// to the instance's domain, which a production instance requires
    /// (`redirect_url_domain_mismatch`); without a known portal, the application's home URL,
    /// then the Frontend API itself. The user is never sent there: bbclerk stops at the answer.
    public var signInTestRedirectURL: URL {
        if let signIn = signInURL, let url = URL(string: signIn + "/sso-callback") { return url }
        if let home = homeURL, let url = URL(string: home) { return url }
        return frontendAPIURL
    }
}
