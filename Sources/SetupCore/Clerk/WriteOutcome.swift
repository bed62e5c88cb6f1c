#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// What is known about a PATCH whose answer did not say it succeeded.
///
/// Only an error Clerk sent before writing (a 4xx) proves that nothing changed. A timeout, a
/// dropped connection, a 5xx or an unreadable 200 may follow a write that landed, so the
/// config is read again and judged by ``judge(_:patch:guardVersion:)``. Reads may lag
/// behind writes (clerk/cli trusts the PATCH answer and never re-reads to confirm), so an
/// unchanged version is re-read with capped backoff before it counts.
public enum WriteOutcome: Sendable, Equatable {
    /// Clerk refused the write before making it: nothing changed.
    case refused
    /// The config, read again, shows the change under a new version.
    case applied(configVersion: String)
    /// The config still carries the version the write was guarded by (`If-Match`), after
    /// waiting for reads to catch up: the change does not appear to have landed.
    case notVisible(configVersion: String)
    /// The config changed, but not to this change: someone else wrote it.
    case changedByOthers(configVersion: String)
    /// Reading the config again failed too: nobody can say.
    case unknown

    /// Judges a re-read after a write guarded by `guardVersion`.
    public static func judge(_ snapshot: ClerkConfigSnapshot, patch: ClerkConfigPatch, guardVersion: String?) -> WriteOutcome {
        if let guardVersion, snapshot.configVersion == guardVersion { return .notVisible(configVersion: guardVersion) }
        if snapshot.connection.shows(patch) { return .applied(configVersion: snapshot.configVersion) }
        return .changedByOthers(configVersion: snapshot.configVersion)
    }

    /// Who reads the outcome: the wizard (keys) or a command (`bbclerk apply`).
    public enum Reader: Sendable { case wizard, command }

    /// The outcome in one sentence, with what to do next; `cause` is why the answer was lost.
    public func userMessage(cause: RemoteError?, recheckError: RemoteError? = nil, waited: TimeInterval = 0,
                            reader: Reader = .wizard) -> String {
        let lost = cause.map { "Clerk's answer to the change did not arrive (\(RemoteText.clause($0.userMessage)))" } ?? "Clerk's answer to the change did not arrive"
        let again = reader == .wizard ? "Pressing a again" : "Running bbclerk apply again"
        let repeatSafely = "\(again) is safe: the change is guarded by If-Match, so a repeat of a change that did land is refused and bbclerk shows the current state."
        let previewAgain = reader == .wizard ? "Preview again (p) before applying." : "Run bbclerk apply --dry-run to see the current state."
        switch self {
        case .refused:
            return (cause?.userMessage ?? "Clerk refused the change.") + " Nothing was changed in Clerk."
        case .applied(let version):
            return "\(lost), but the configuration read again shows your key: the change was applied (config version \(RemoteText.clause(version)))."
        case .notVisible(let version):
            let after = waited >= 1 ? " \(RemoteErrors.seconds(waited)) later" : ""
            return "\(lost); Clerk's configuration still shows version \(RemoteText.clause(version)) from before the change\(after), so the change does not appear to have landed. \(repeatSafely)"
        case .changedByOthers(let version):
            return "\(lost); Clerk's configuration has changed since the preview (config version \(RemoteText.clause(version))), but not to your key: someone else changed it. \(previewAgain)"
        case .unknown:
            let reread = recheckError.map { " and reading the configuration again failed too (\(RemoteText.clause($0.userMessage)))" } ?? ""
            return "\(lost)\(reread): bbclerk cannot tell whether the change was applied. Check it with bbclerk doctor or in the Clerk Dashboard (SSO connections → Bitbucket). \(repeatSafely)"
        }
    }

    /// A stable name for the audit log and `--json`.
    public var name: String {
        switch self {
        case .refused: "not_applied"
        case .applied: "applied"
        case .notVisible: "not_visible"
        case .changedByOthers: "changed_by_others"
        case .unknown: "unknown"
        }
    }
}

extension RemoteError {
    /// Whether a PATCH that failed this way may still have been applied: no answer, a
    /// server error, or an answer bbclerk could not read. A 4xx (including 409 and 429) is
    /// Clerk refusing before it writes.
    public var leavesWriteUncertain: Bool {
        switch kind {
        case .timeout, .network, .server, .malformedResponse, .cancelled: true
        case .unauthorized, .forbidden, .notFound, .gone, .rateLimited, .conflict, .validation, .badRequest, .tls, .notSent: false
        }
    }
}

/// Delays between reads that wait for Clerk's reads to catch up with a write: capped
/// exponential backoff, 7.5 seconds in all.
public enum PropagationBackoff {
    public static let delays: [TimeInterval] = [0.5, 1, 2, 4]

    /// The wait before read number `attempt + 1` (attempt counts from 1), or nil when done.
    public static func delay(after attempt: Int) -> TimeInterval? {
        delays.indices.contains(attempt - 1) ? delays[attempt - 1] : nil
    }

    /// Sleeps before read number `attempt + 1`; false when the reads are used up (or the
    /// task was cancelled), so the caller stops waiting.
    public static func sleep(after attempt: Int) async -> Bool {
        guard let delay = delay(after: attempt) else { return false }
        return (try? await Task.sleep(nanoseconds: UInt64(delay * 1_000_000_000))) != nil
    }

    /// The time waited after `attempts` reads.
    public static func waited(after attempts: Int) -> TimeInterval {
        delays.prefix(max(0, attempts - 1)).reduce(0, +)
    }
}
