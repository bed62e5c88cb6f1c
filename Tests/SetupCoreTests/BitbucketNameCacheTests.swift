import Foundation
import Testing
@testable import SetupCore

/// The workspace name cache: freshness, what to fetch, pruning, storage.
@Suite struct BitbucketNameCacheTests {
    @Test func freshNamesAreServedAndStaleOnesFetched() throws {
        let t0 = Date(timeIntervalSince1970: 1_800_000_000)
        var cache = WorkspaceNameCache()
        cache.record(WorkspaceDetails(slug: "acme-store", uuid: "{1}", name: "Acme Store", isPrivate: true), at: t0)
        cache.record(WorkspaceDetails(slug: "old", uuid: "{2}", name: "Old", isPrivate: true), at: t0.addingTimeInterval(-90_000))
        #expect(cache.name(for: "acme-store", now: t0.addingTimeInterval(60)) == "Acme Store")
        #expect(cache.name(for: "old", now: t0) == nil)
        #expect(["old", "acme-store", "new"].filter { cache.name(for: $0, now: t0) == nil } == ["old", "new"])
        let stored = try JSONEncoder().encode(cache)
        #expect(try JSONDecoder().decode(WorkspaceNameCache.self, from: stored) == cache)
        cache.prune(now: t0)
        #expect(cache.entries.keys.sorted() == ["acme-store"])
    }
}
