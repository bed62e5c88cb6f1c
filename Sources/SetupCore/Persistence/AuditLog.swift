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
}
