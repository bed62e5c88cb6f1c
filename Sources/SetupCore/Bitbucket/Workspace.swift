#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A workspace as `/2.0/user/workspaces` lists it: slug and uuid, no name (names come from
/// ``WorkspaceDetails``, fetched lazily).
public struct WorkspaceSummary: Sendable, Equatable, Hashable {
    public var slug: String
    public var uuid: String
    public var isAdministrator: Bool

    public init(slug: String, uuid: String, isAdministrator: Bool) {
        self.slug = slug
        self.uuid = uuid
        self.isAdministrator = isAdministrator
    }
}

/// A workspace as `/2.0/workspaces/{slug}` describes it.
public struct WorkspaceDetails: Sendable, Equatable {
    public var slug: String
    public var uuid: String
    public var name: String
    public var isPrivate: Bool
    /// The workspace's page in Bitbucket (`links.html.href`).
    public var htmlURL: URL?

    public init(slug: String, uuid: String, name: String, isPrivate: Bool, htmlURL: URL? = nil) {
        self.slug = slug
        self.uuid = uuid
        self.name = name
        self.isPrivate = isPrivate
        self.htmlURL = htmlURL
    }
}

/// The caller's highest role in a workspace (`/2.0/user/workspaces/{slug}/permission`).
public enum WorkspaceRole: String, Sendable {
    case owner
    case createProject = "create-project"
    /// Deprecated by Bitbucket, still answered.
    case collaborator
    case member
}
