#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Everything mutable in the sandbox, in one actor so a request's reads and writes (a
/// config PATCH checked against `If-Match`, a consumer created under a unique name) are
/// atomic. The routes are extensions of this actor, one file per emulated service.
actor SandboxState {
    let user: BitbucketUser
    let apiToken: String
    let limitedToken: String
    /// Member workspaces sorted by slug (Bitbucket's list order), as an array for paging.
    let memberWorkspaces: [Workspace]
    let workspacesBySlug: [String: Workspace]
    let workspacesByUUID: [String: Workspace]
    var consumers: [OAuthConsumer]
    let platformAPIKey: String
    let readOnlyPlatformAPIKey: String
    let clerkCLIAccessToken: String
    let applications: [ClerkApplication]
    var instances: [String: ClerkInstance]
    /// How long reads keep showing an instance's config as it was before a write.
    let readLag: Duration
    /// Tokens handed out by `POST /v1/dev_browser`, accepted by development instances.
    var devBrowserTokens: Set<String> = []

    /// `http://host:port` of the listening socket; absolute links start with it.
    let origin: String

    init(seed: SeedData, origin: String, readLag: Duration = .zero) {
        self.origin = origin
        self.readLag = readLag
        user = seed.user
        apiToken = seed.apiToken
        limitedToken = seed.limitedToken
        memberWorkspaces = seed.workspaces.filter { $0.role != nil }.sorted { $0.slug < $1.slug }
        workspacesBySlug = Dictionary(uniqueKeysWithValues: seed.workspaces.map { ($0.slug.lowercased(), $0) })
        workspacesByUUID = Dictionary(uniqueKeysWithValues: seed.workspaces.map { ($0.uuid.lowercased(), $0) })
        consumers = seed.consumers
        platformAPIKey = seed.platformAPIKey
        readOnlyPlatformAPIKey = seed.readOnlyPlatformAPIKey
        clerkCLIAccessToken = seed.clerkCLIAccessToken
        applications = seed.applications
        instances = Dictionary(uniqueKeysWithValues: seed.instances.map { ($0.id, $0) })
    }

    /// Answers one request (faults and latency are applied by the caller).
    func handle(_ request: SandboxRequest) -> SandboxResponse {
        switch request.service {
        case .bitbucketAPI: bitbucketAPI(request)
        case .bitbucketWeb: bitbucketWeb(request)
        case .clerkAPI: clerkAPI(request)
        case .clerkFrontend: clerkFrontend(request)
        }
    }

    /// A workspace by slug (case-insensitive, as Bitbucket's) or by `{uuid}`.
    func workspace(identifier: String) -> Workspace? {
        if identifier.hasPrefix("{") { return workspacesByUUID[identifier.lowercased()] }
        return workspacesBySlug[identifier.lowercased()]
    }

    var apiBase: String { origin + SandboxService.bitbucketAPI.rawValue }
    var webBase: String { origin + SandboxService.bitbucketWeb.rawValue }
}
