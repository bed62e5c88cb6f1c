/// The workspaces the user administers, as they arrive: slugs first (one page at a time),
/// names filled in later for the rows the user can see.
public struct WorkspaceList: Equatable, Sendable {
    /// One row.
    public struct Entry: Equatable, Sendable {
        public var summary: WorkspaceSummary
        public var details: WorkspaceDetails?
        public var detailsError: RemoteError?
        /// The slug as Bitbucket sent it: an identifier, for requests and comparisons.
        public var slug: String { summary.slug }
        /// The slug, safe to print or draw (it comes from the network too).
        public var displaySlug: String { DisplayText.sanitize(summary.slug, limit: 80) }
        /// The display name, safe to print: the workspace's name once known, its slug until then.
        public var title: String { details.map { DisplayText.sanitize($0.name, limit: 80) } ?? displaySlug }
    }

    public private(set) var entries: [Entry] = []
    /// Whether more pages are on their way.
    public var isComplete = false
    /// How many workspaces the user belongs to without being an admin there, so not listed
    /// (only an admin may add a consumer); nil while unknown or when Bitbucket did not say.
    public var memberOnlyCount: Int?
    /// Slugs whose details were asked for and have not come back.
    public private(set) var pendingDetails: Set<String> = []

    public init() {}

    public var count: Int { entries.count }

    public func entry(_ slug: String) -> Entry? { entries.first { $0.slug == slug } }

    /// Adds a page, skipping slugs already listed (a refresh restarts from an empty list),
    /// and keeps the list in slug order whatever order the pages came in (names come later,
    /// row by row, so sorting by them would move rows under the user's cursor).
    public mutating func append(page: [WorkspaceSummary]) {
        let known = Set(entries.map(\.slug))
        entries += page.filter { !known.contains($0.slug) }.map { Entry(summary: $0) }
        entries.sort { $0.slug.lowercased() < $1.slug.lowercased() }
    }

    /// Of `slugs`, those whose names are neither known nor on their way; marks them pending.
    public mutating func claimDetails(for slugs: [String]) -> [String] {
        let needed = slugs.filter { slug in
            guard let entry = entry(slug) else { return false }
            return entry.details == nil && entry.detailsError == nil && !pendingDetails.contains(slug)
        }
        pendingDetails.formUnion(needed)
        return needed
    }

    public mutating func record(_ slug: String, _ result: Result<WorkspaceDetails, RemoteError>) {
        pendingDetails.remove(slug)
        guard let index = entries.firstIndex(where: { $0.slug == slug }) else { return }
        switch result {
        case .success(let details): entries[index].details = details
        case .failure(let error): entries[index].detailsError = error
        }
    }

    /// Applies names known from an earlier run, so a returning user sees them at once.
    public mutating func applyCached(_ names: [String: WorkspaceDetails]) {
        for index in entries.indices where entries[index].details == nil {
            entries[index].details = names[entries[index].slug]
        }
    }
}
