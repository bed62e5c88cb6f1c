#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension ClerkClient {
    /// What a user's browser would see of Bitbucket sign-in on the instance: first, with a
    /// Platform credential and a production domain, the domain's DNS status (its Frontend
    /// API host does not resolve until Clerk verified the DNS); then `GET {frontend}/v1/environment`
    /// (`user_settings.social.oauth_bitbucket`: `enabled` and `authenticatable`; an absent
    /// provider is off). A development instance is asked with a dev-browser token, as
    /// Clerk's own CLI does (clerk/cli `lib/fapi.ts`).
    public func frontendCheck(_ probe: FrontendProbe) async throws(RemoteError) -> FrontendCheck {
        if let source = probe.domainStatus, let pending = try await domainNotReady(source, frontendHost: probe.frontendAPIURL.host ?? "") {
            return pending
        }
        var query: [URLQueryItem] = []
        if probe.isDevelopment {
            let token = try await devBrowserToken(frontendAPIURL: probe.frontendAPIURL)
            query = [URLQueryItem(name: "__clerk_db_jwt", value: token), URLQueryItem(name: "_clerk_js_version", value: Self.clerkJSVersion)]
        }
        let request = frontendRequest(frontendAPIURL: probe.frontendAPIURL, path: ["v1", "environment"], query: query)
        let json: JSONValue
        do {
            json = try await http.json(for: request)
        } catch where error.kind == .network && !probe.isDevelopment && probe.domainStatus == nil {
            // Without a Platform credential the DNS status cannot be read: say the likely cause.
            throw RemoteError(service: error.service, kind: error.kind, status: error.status,
                              userMessage: error.userMessage + " If this production domain was added recently, its DNS may not be verified yet: check Domains in the Clerk Dashboard.",
                              logDetail: error.logDetail)
        }
        guard let social = json["user_settings"]?["social"] else {
            throw RemoteErrors.malformed(request, status: 200, reason: "no user_settings.social")
        }
        let bitbucket = social["oauth_bitbucket"]
        // `authenticatable` absent (older answers): enabled alone decides.
        let enabled = bitbucket?["enabled"]?.boolValue ?? false
        return .signIn(enabled: enabled, authenticatable: bitbucket?["authenticatable"]?.boolValue ?? enabled)
    }

    /// The `_clerk_js_version` the CLI sends (clerk/cli `lib/fapi.ts` `CLERK_JS_API_VERSION`).
    static let clerkJSVersion = "6"

    /// `POST {frontend}/v1/dev_browser`: a token that development instances want on every
    /// request, "even for endpoints that are public" (Frontend API spec, `createDevBrowser`).
    /// The answer's `token` is the token (clerk/cli `lib/fapi.ts` `createDevBrowser`); an
    /// `id` is accepted too, as older clerk-js read it.
    func devBrowserToken(frontendAPIURL: URL) async throws(RemoteError) -> String {
        var request = frontendRequest(frontendAPIURL: frontendAPIURL, path: ["v1", "dev_browser"])
        request.method = .post
        let json = try await http.json(for: request)
        guard let token = (json["token"]?.stringValue ?? json["id"]?.stringValue), !token.isEmpty else {
            throw RemoteErrors.malformed(request, status: 200, reason: "dev_browser: no token")
        }
        SecretRedactor.shared.register(Secret(token))
        return token
    }

    /// `GET …/applications/{app}/domains/{domain}/status` (Platform API): the Frontend API's
    /// CNAME (`dns.cnames.clerk`) and the SSL certificate. Nil when the domain is ready, or
    /// when its status cannot be read (the Frontend API check then speaks for itself).
    func domainNotReady(_ source: FrontendProbe.DomainStatusSource, frontendHost: String) async throws(RemoteError) -> FrontendCheck? {
        let request = try platformRequest(["applications", source.application, "domains", source.domain, "status"])
        guard let json = try? await http.json(for: request) else { return nil }
        let clerkCNAME = json["dns"]?["cnames"]?["clerk"]
        let verified = clerkCNAME?["verified"]?.boolValue ?? (json["dns"]?["status"]?.stringValue == "complete")
        if !verified {
            let from = clerkCNAME?["from"]?.stringValue ?? frontendHost
            let records = clerkCNAME?["to"]?.stringValue.map { ["\(from) → \($0)"] } ?? []
            return .dnsNotVerified(host: from, records: records)
        }
        if let ssl = json["ssl"]?["status"]?.stringValue, ssl != "complete" {
            return .sslPending(host: frontendHost, status: ssl)
        }
        return nil
    }

    /// A Frontend API request, redirected to `clerkFrontendOverride` when set: its scheme,
    /// host and port replace the original's, its path is prefixed, and the original host
    /// goes in `X-Forwarded-Host` so one loopback server can answer for any instance.
    func frontendRequest(frontendAPIURL: URL, path: [String], query: [URLQueryItem] = []) -> HTTPRequest {
        let url = frontendAPIURL.appendingSegments(path, query: query)
        guard let override = endpoints.clerkFrontendOverride,
            var components = URLComponents(url: url, resolvingAgainstBaseURL: false)
        else { return HTTPRequest(service: .clerkFrontend, url: url) }
        let originalHost = (url.host ?? "") + (url.port.map { ":\($0)" } ?? "")
        var prefix = URLComponents(url: override, resolvingAgainstBaseURL: false)?.percentEncodedPath ?? ""
        while prefix.hasSuffix("/") { prefix.removeLast() }
        components.scheme = override.scheme
        components.host = override.host
        components.port = override.port
        components.percentEncodedPath = prefix + components.percentEncodedPath
        return HTTPRequest(service: .clerkFrontend, url: components.url ?? url, headers: ["X-Forwarded-Host": originalHost])
    }
}
