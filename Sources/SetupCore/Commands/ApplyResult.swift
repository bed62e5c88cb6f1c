#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// What `bbclerk apply` did: every step, the verdict, the diff, the version.
public struct ApplyResult: Sendable, Equatable {
    public var steps: [CommandStep] = []
    public var dryRun: Bool
    public var applied = false
    public var application: String
    public var instance: String
    public var workspace: String
    public var consumerKey: String
    public var target: ClerkTarget?
    public var verdict: CredentialVerdict?
    /// After applying: the version read back; in a dry run: the version read.
    public var configVersion: String?
    public var diff: ConfigDiff?
    /// What is known of the write (nil when none was attempted).
    public var writeOutcome: WriteOutcome?
    /// Problems beside the steps (an audit log that could not be written).
    public var notes: [String] = []

    init(plan: ApplyPlan) {
        dryRun = plan.dryRun
        application = plan.application
        instance = plan.instance.description
        workspace = plan.workspace
        consumerKey = plan.consumer.key
    }

    /// Appends `step`; returns whether it held.
    @discardableResult
    mutating func add(_ step: CommandStep) -> Bool {
        steps.append(step)
        return step.isOK
    }

    public var ok: Bool { steps.allSatisfy(\.isOK) }
    public var exit: CommandExit { ok ? .success : .checkFailed }

    /// The machine-readable result (`bbclerk apply --json`).
    public var json: JSONValue {
        [
            "command": "apply", "ok": .bool(ok), "exit_code": .number(Double(exit.rawValue)),
            "dry_run": .bool(dryRun), "applied": .bool(applied),
            "application": .string(application), "instance": .string(instance), "workspace": .string(workspace),
            "consumer_key": .string(consumerKey),
            "target": target?.json ?? .null,
            "verdict": verdict?.json ?? .null,
            "config_version": configVersion.map(JSONValue.string) ?? .null,
            "diff": diff?.json ?? .null,
            "steps": .array(steps.map(\.json)),
            "notes": .array(notes.map(JSONValue.string)),
        ]
    }

    /// What is known of Clerk when a step failed: "nothing was changed" only when no write
    /// was sent or Clerk refused it.
    private var stoppedClause: String {
        if applied { return "" }
        return switch writeOutcome {
        case nil, .refused?: "; nothing was changed in Clerk"
        case .notVisible?: "; the change does not appear to have reached Clerk"
        case .changedByOthers?: "; Clerk's configuration was changed by someone else meanwhile"
        case .unknown?, .applied?: "; whether the change reached Clerk is unknown (run bbclerk doctor)"
        }
    }

    /// The human-readable result.
    public func text() -> String {
        var lines: [String] = []
        for step in steps {
            lines.append(step.text())
            if step.name.hasPrefix("dry_run"), step.isOK, let diff, step.name == (steps.last { $0.name.hasPrefix("dry_run") }?.name) {
                lines.append("  connection_oauth_bitbucket:")
                lines += diff.lines.map { "    " + $0.marked }
            }
        }
        lines += notes.map { "note: \($0)" }
        if ok {
            lines.append(dryRun ? "Dry run: nothing was applied. Run again without --dry-run to apply."
                : "Done: Bitbucket sign-in is configured on \(target?.label ?? instance).")
        } else {
            lines.append("Stopped: a check failed\(stoppedClause).")
        }
        return lines.joined(separator: "\n")
    }
}
