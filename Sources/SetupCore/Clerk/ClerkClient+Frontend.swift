import Foundation

extension ClerkClient {
    /// Whether the instance at `frontendAPIURL` offers Bitbucket sign-in, from the public
    /// `GET {frontend}/v1/environment` (`user_settings.social.oauth_bitbucket.enabled`; an
    /// absent provider is off). The check a user's browser would see.
    public func isBitbucketEnabled(frontendAPIURL: URL) async throws(RemoteError) -> Bool {
        let request = frontendRequest(frontendAPIURL.appendingSegments(["v1", "environment"]))
        let json = try await http.json(for: request)
        guard let social = json["user_settings"]?["social"] else {
            throw RemoteErrors.malformed(request, status: 200, reason: "no user_settings.social")
        }
        return social["oauth_bitbucket"]?["enabled"]?.boolValue ?? false
    }

    /// A Frontend API request, redirected to `clerkFrontendOverride` when set: its scheme,
    /// host and port replace the original's, its path is prefixed, and the original host
    /// goes in `X-Forwarded-Host` so one loopback server can answer for any instance.
    func frontendRequest(_ url: URL) -> HTTPRequest {
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
