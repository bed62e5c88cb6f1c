import Foundation

/// The append-only record of syncs to Clerk (`audit.log` in the state folder): one JSON
/// object per line, keys sorted, file 0600. Answers "who changed this instance's Bitbucket
/// connection, when, and did it work" without holding anything secret.
public struct AuditLog: Sendable {
    public let file: URL

    public init(file: URL) {
        self.file = file
    }

    /// Writes `entry` as one line at the end of the log.
    public func append(_ entry: AuditEntry) throws {
        let encoder = JSONEncoder()
        // No pretty printing: one entry must stay one line. Sorted keys keep lines diffable.
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        let line = String(decoding: try encoder.encode(entry), as: UTF8.self)
        try SecureFile.appendLine(line, to: file)
    }

    /// The most recent apply whose outcome bbclerk never learned: the last apply line of its
    /// instance is an attempt or an interruption. Nil when there is none or the log cannot
    /// be read (it is then no worse than before the log existed).
    public func unresolvedApply() -> AuditEntry? {
        guard let data = try? SecureFile.read(file, limit: Self.readLimit) else { return nil }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        var lastApply: [String: AuditEntry] = [:]
        var order: [String] = []
        for line in data.split(separator: UInt8(ascii: "\n")) {
            guard let entry = try? decoder.decode(AuditEntry.self, from: Data(line)), entry.action == .apply else { continue }
            let key = entry.application + "\u{0}" + entry.instance
            lastApply[key] = entry
            order.removeAll { $0 == key }
            order.append(key)
        }
        return order.reversed().lazy.compactMap { lastApply[$0] }.first { $0.isUnresolvedApply }
    }

    /// The largest log read back (years of syncs are a few hundred KB).
    static let readLimit = 8 << 20
}
