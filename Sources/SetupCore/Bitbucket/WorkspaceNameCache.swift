#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Workspace names by slug, with when each was fetched: keeps the lazy name lookups well
/// inside Bitbucket's 1,000 requests an hour across sessions. A value; the caller stores it
/// (Codable, in the XDG cache directory) and decides how old is too old.
public struct WorkspaceNameCache: Sendable, Equatable, Codable {
    /// One cached name.
    public struct Entry: Sendable, Equatable, Codable {
        public var name: String
        public var fetchedAt: Date

        public init(name: String, fetchedAt: Date) {
            self.name = name
            self.fetchedAt = fetchedAt
        }
    }

    public private(set) var entries: [String: Entry]

    public init(entries: [String: Entry] = [:]) {
        self.entries = entries
    }

    /// A day: workspace names rarely change, and a stale one is only a label.
    public static let defaultMaxAge: TimeInterval = 24 * 60 * 60

    /// The cached name of `slug` when it is younger than `maxAge`.
    public func name(for slug: String, maxAge: TimeInterval = defaultMaxAge, now: Date = Date()) -> String? {
        guard let entry = entries[slug], now.timeIntervalSince(entry.fetchedAt) < maxAge else { return nil }
        return entry.name
    }

    public mutating func record(_ details: WorkspaceDetails, at date: Date = Date()) {
        entries[details.slug] = Entry(name: details.name, fetchedAt: date)
    }

    /// Drops entries older than `maxAge`, so the stored file does not grow forever.
    public mutating func prune(maxAge: TimeInterval = defaultMaxAge, now: Date = Date()) {
        entries = entries.filter { now.timeIntervalSince($0.value.fetchedAt) < maxAge }
    }
}
