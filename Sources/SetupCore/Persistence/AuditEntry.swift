#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// One sync to Clerk, as recorded in the audit log: what was changed where, and how it
/// ended. Holds identifiers only; the consumer key is Bitbucket's public client id. There is
/// no field a secret could go into.
public struct AuditEntry: Codable, Equatable, Sendable {
    /// A dry run (`?dry_run=true`) or the real PATCH.
    public enum Action: String, Codable, Sendable {
        case dryRun = "dry_run"
        case apply
    }

    public var time: Date
    public var application: String
    public var instance: String
    public var workspace: String
    public var consumerKey: String
    public var action: Action
    /// Clerk's config version after the call, or before it when the call failed; nil when
    /// never read.
    public var configVersion: String?
    /// `"ok"`, the failure's kind (``RemoteError/Kind/auditName``), `"<kind>,<outcome>"`
    /// after a lost answer was re-read (``WriteOutcome/name``), ``attempt`` before a write,
    /// ``interrupted`` when bbclerk ended before the answer, and `"interrupted,<outcome>"`
    /// once a later run read what became of it.
    public var outcome: String

    /// The outcome of a call that succeeded.
    public static let ok = "ok"
    /// Written just before a real PATCH is sent: should the process end before Clerk
    /// answers (a dropped SSH link, a kill), the log still says a write was attempted.
    public static let attempt = "attempt"
    /// bbclerk ended while Clerk's answer was outstanding: whether the change landed is
    /// unknown, and the next run that reads this instance's config says.
    public static let interrupted = "unknown,interrupted"

    /// Whether this apply's outcome was never learned (an attempt or an interruption, with
    /// no later line for the same instance).
    public var isUnresolvedApply: Bool { action == .apply && (outcome == Self.attempt || outcome == Self.interrupted) }

    /// Whether `other` is about the same Clerk instance.
    public func sameInstance(as other: AuditEntry) -> Bool { application == other.application && instance == other.instance }

    public init(time: Date = Date(), application: String, instance: String, workspace: String, consumerKey: String,
                action: Action, configVersion: String?, outcome: String) {
        self.time = time
        self.application = application
        self.instance = instance
        self.workspace = workspace
        self.consumerKey = consumerKey
        self.action = action
        self.configVersion = configVersion
        self.outcome = outcome
    }

    enum CodingKeys: String, CodingKey {
        case time, application, instance, workspace, action, outcome
        case consumerKey = "consumer_key"
        case configVersion = "config_version"
    }

    // Written by hand so a missing config version is an explicit `null`: every line has the
    // same keys, which keeps `jq` and grep simple.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(time, forKey: .time)
        try container.encode(application, forKey: .application)
        try container.encode(instance, forKey: .instance)
        try container.encode(workspace, forKey: .workspace)
        try container.encode(consumerKey, forKey: .consumerKey)
        try container.encode(action, forKey: .action)
        try container.encode(configVersion, forKey: .configVersion)
        try container.encode(outcome, forKey: .outcome)
    }
}

extension RemoteError.Kind {
    /// A stable snake_case name for the audit log, without the kind's details (a missing
    /// scope list or a retry delay belongs in the debug log, not in an audit trail).
    public var auditName: String {
        switch self {
        case .unauthorized: "unauthorized"
        case .forbidden: "forbidden"
        case .notFound: "not_found"
        case .gone: "gone"
        case .rateLimited: "rate_limited"
        case .conflict: "conflict"
        case .validation: "validation"
        case .badRequest: "bad_request"
        case .server: "server_error"
        case .timeout: "timeout"
        case .network: "network"
        case .tls: "tls"
        case .notSent: "not_sent"
        case .malformedResponse: "malformed_response"
        case .cancelled: "cancelled"
        }
    }
}
