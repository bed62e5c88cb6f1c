#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Workspace names kept across runs in `StatePaths.workspaceNameCacheFile`, so a returning
/// user sees the names at once and Bitbucket is asked only for names not seen within
/// `maxAge` (the requests per session stay well inside its 1,000 an hour).
///
/// The effect runner holds one for the session and is its only user: the file is read once,
/// on first use, and written (0600, atomically, through ``SecureFile``) after each batch of
/// fetched names. A missing, unreadable or corrupt file is an empty cache and a failed write
/// is ignored: a name is only a label and can always be fetched again.
public actor WorkspaceNameStore {
    public nonisolated let file: URL
    public nonisolated let maxAge: TimeInterval
    private var cache: WorkspaceNameCache?
    /// Cached names of the workspaces listed in this session, as details, so a name request
    /// for one of them is answered without a request.
    private var listed: [String: WorkspaceDetails] = [:]

    public init(file: URL, maxAge: TimeInterval = WorkspaceNameCache.defaultMaxAge) {
        self.file = file
        self.maxAge = maxAge
    }

    /// The fresh cached names of `page`'s workspaces, as details by slug. The cache keeps
    /// names only: `isPrivate` is Bitbucket's default (true) until the details are fetched.
    public func details(for page: [WorkspaceSummary], now: Date = Date()) -> [String: WorkspaceDetails] {
        let cache = loaded(now: now)
        var found: [String: WorkspaceDetails] = [:]
        for summary in page {
            guard let name = cache.name(for: summary.slug, maxAge: maxAge, now: now) else { continue }
            found[summary.slug] = WorkspaceDetails(slug: summary.slug, uuid: summary.uuid, name: name, isPrivate: true)
        }
        listed.merge(found) { $1 }
        return found
    }

    /// `slugs` split into the details already known (cached or fetched this session) and the
    /// slugs still to fetch, in the order given.
    public func split(_ slugs: [String]) -> (known: [WorkspaceDetails], toFetch: [String]) {
        var known: [WorkspaceDetails] = []
        var toFetch: [String] = []
        for slug in slugs {
            if let details = listed[slug] { known.append(details) } else { toFetch.append(slug) }
        }
        return (known, toFetch)
    }

    /// Remembers freshly fetched names and writes the file.
    public func record(_ fetched: [WorkspaceDetails], now: Date = Date()) {
        guard !fetched.isEmpty else { return }
        var cache = loaded(now: now)
        for details in fetched {
            cache.record(details, at: now)
            listed[details.slug] = details
        }
        cache.prune(maxAge: maxAge, now: now)
        self.cache = cache
        guard let data = try? JSONEncoder().encode(cache) else { return }
        try? SecureFile.write(data, to: file)
    }

    private func loaded(now: Date) -> WorkspaceNameCache {
        if let cache { return cache }
        var stored = (try? SecureFile.read(file)).flatMap { try? JSONDecoder().decode(WorkspaceNameCache.self, from: $0) }
            ?? WorkspaceNameCache()
        stored.prune(maxAge: maxAge, now: now)
        cache = stored
        return stored
    }
}
