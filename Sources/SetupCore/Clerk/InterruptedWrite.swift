#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// An apply from an earlier run whose answer never came: bbclerk ended (a dropped SSH link,
/// a kill) after sending the PATCH or while re-reading after a lost answer. The audit log
/// says so (``AuditEntry/attempt`` or ``AuditEntry/interrupted``); the next run that reads
/// the same instance's config judges what became of it and records that too.
public struct InterruptedWrite: Sendable, Equatable {
    /// The audit line left unresolved.
    public var entry: AuditEntry

    public init(_ entry: AuditEntry) {
        self.entry = entry
    }

    /// Whether `target` is the instance the write was for.
    public func concerns(_ target: ClerkTarget?) -> Bool {
        guard let target else { return false }
        return entry.instance == target.instanceID && entry.application == (target.applicationID ?? target.applicationName)
    }

    /// Told at start: what is not known, and when it will be (the gist first: a status line
    /// may show only its start).
    public var startNotice: String {
        "An earlier apply ended before Clerk answered (\(Self.time(entry.time)), \(DisplayText.sanitize(entry.application, limit: 60)) · \(DisplayText.sanitize(entry.instance, limit: 60))): whether it landed is unknown until bbclerk reads that configuration again at Sync."
    }

    /// Judges the write from the config read now. The secret is never kept, so "applied"
    /// means the config holds the write's client_id, enabled, under a version other than
    /// the one the write was guarded by.
    public func judge(_ snapshot: ClerkConfigSnapshot) -> WriteOutcome {
        if let guardVersion = entry.configVersion, snapshot.configVersion == guardVersion {
            return .notVisible(configVersion: guardVersion)
        }
        if snapshot.connection.clientID == entry.consumerKey, snapshot.connection.enabled == true {
            return .applied(configVersion: snapshot.configVersion)
        }
        return .changedByOthers(configVersion: snapshot.configVersion)
    }

    /// What became of the write, in one sentence, once `outcome` is known.
    public func laterMessage(_ outcome: WriteOutcome) -> String {
        let when = "(\(Self.time(entry.time)))"
        return switch outcome {
        case .applied(let version): "The earlier interrupted apply \(when) landed: Clerk's configuration holds its key (config version \(RemoteText.clause(version)))."
        case .notVisible: "The earlier interrupted apply \(when) did not land: Clerk's configuration still has the version it was guarded by."
        default: "The earlier interrupted apply \(when) was overtaken: Clerk's configuration has changed since, but not to its key."
        }
    }

    /// The audit line that closes this write, judged from `snapshot`.
    public func resolution(_ snapshot: ClerkConfigSnapshot, at time: Date = Date()) -> AuditEntry {
        let outcome = judge(snapshot)
        var line = entry
        line.time = time
        line.outcome = "interrupted,\(outcome.name)"
        line.configVersion = snapshot.configVersion
        return line
    }

    private static func time(_ date: Date) -> String {
        UTCTime(date).minuteText
    }
}
