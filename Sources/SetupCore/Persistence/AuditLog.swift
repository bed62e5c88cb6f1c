#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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
    ///
    /// Asked at every start, before the first paint, so only the log's last ``tailBytes``
    /// are read (a few hundred lines, the latest syncs), however many years it holds.
    public func unresolvedApply() -> AuditEntry? {
        guard let tail = tail() else { return nil }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        var lastApply: [String: AuditEntry] = [:]
        var order: [String] = []
        for line in tail.split(separator: UInt8(ascii: "\n")) {
            guard let entry = try? decoder.decode(AuditEntry.self, from: Data(line)), entry.action == .apply else { continue }
            let key = entry.application + "\u{0}" + entry.instance
            lastApply[key] = entry
            order.removeAll { $0 == key }
            order.append(key)
        }
        return order.reversed().lazy.compactMap { lastApply[$0] }.first { $0.isUnresolvedApply }
    }

    /// How much of the log's end ``unresolvedApply()`` reads.
    static let tailBytes = 64 * 1024

    /// The last ``tailBytes`` of the log, from the first whole line in them.
    private func tail() -> Data? {
        guard let fd = try? SecureFile.openRegular(file.path, O_RDONLY) else { return nil }
        defer { close(fd) }
        let size = lseek(fd, 0, SEEK_END)
        let start = max(0, size - off_t(Self.tailBytes))
        guard size >= 0, lseek(fd, start, SEEK_SET) == start,
              case .complete(var data) = SystemIO.readToEnd(fd, limit: Self.tailBytes) else { return nil }
        if start > 0, let firstBreak = data.firstIndex(of: UInt8(ascii: "\n")) { data = data[(firstBreak + 1)...] }
        return data
    }
}
