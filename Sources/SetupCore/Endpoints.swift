import Foundation

/// The base URLs of the remote services. Each can be overridden, which is how `--sandbox`
/// and the tests point bbclerk at loopback.
public struct Endpoints: Sendable, Equatable {
    /// Bitbucket's REST API, including `/2.0` (`https://api.bitbucket.org/2.0`).
    public var bitbucketAPI: URL
    /// Bitbucket's web site, which also serves the OAuth token endpoint (`https://bitbucket.org`).
    public var bitbucketWeb: URL
    /// Clerk's API, including `/v1` (`https://api.clerk.com/v1`): Platform and Backend API.
    public var clerkAPI: URL
    /// When set, every Frontend API URL has its scheme and host (and port) replaced by this
    /// one's, its path prefixed with this one's path, and the original host sent in
    /// `X-Forwarded-Host`.
    public var clerkFrontendOverride: URL?

    public init(bitbucketAPI: URL, bitbucketWeb: URL, clerkAPI: URL, clerkFrontendOverride: URL? = nil) {
        self.bitbucketAPI = bitbucketAPI
        self.bitbucketWeb = bitbucketWeb
        self.clerkAPI = clerkAPI
        self.clerkFrontendOverride = clerkFrontendOverride
    }

    /// The real services.
    public static let production = Endpoints(
        bitbucketAPI: URL(string: "https://api.bitbucket.org/2.0")!,
        bitbucketWeb: URL(string: "https://bitbucket.org")!,
        clerkAPI: URL(string: "https://api.clerk.com/v1")!
    )

    /// `base` (the production endpoints unless given) with the `BBCLERK_*_URL` overrides of
    /// `environment` applied.
    public static func fromEnvironment(_ environment: [String: String], base: Endpoints = .production) -> Endpoints {
        var endpoints = base
        if let url = environment["BBCLERK_BITBUCKET_API_URL"].flatMap(URL.init(string:)) { endpoints.bitbucketAPI = url }
        if let url = environment["BBCLERK_BITBUCKET_WEB_URL"].flatMap(URL.init(string:)) { endpoints.bitbucketWeb = url }
        if let url = environment["BBCLERK_CLERK_API_URL"].flatMap(URL.init(string:)) { endpoints.clerkAPI = url }
        if let url = environment["BBCLERK_CLERK_FRONTEND_URL"].flatMap(URL.init(string:)) { endpoints.clerkFrontendOverride = url }
        return endpoints
    }

    /// The Add consumer page of workspace `slug`'s settings, where the user creates the consumer.
    public func consumerPageURL(workspace slug: String) -> URL {
        bitbucketWeb.appendingSegments([slug, "workspace", "settings", "oauth-consumers", "new"])
    }

    /// Bitbucket's page for creating a workspace, for a user who administers none.
    public var createWorkspaceURL: URL { bitbucketWeb.appendingSegments(["workspace", "create"]) }

    /// Whether every endpoint is on the loopback interface (the sandbox), where plain `http`
    /// is allowed for the consumer's URLs.
    public var isLoopback: Bool {
        [bitbucketAPI, bitbucketWeb, clerkAPI].allSatisfy { Endpoints.isLoopbackHost($0.host) }
    }

    static func isLoopbackHost(_ host: String?) -> Bool {
        guard let host = host?.lowercased() else { return false }
        return host == "localhost" || host == "::1" || host == "[::1]" || host.hasPrefix("127.")
    }
}
