#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// What `bbclerk doctor` found: one report per audited instance, and the instances where
/// Bitbucket sign-in was never started (listed, not audited).
public struct DoctorAudit: Sendable, Equatable {
    public var reports: [DoctorReport]
    /// `Acme Store · development (ins_…)` for each instance without Bitbucket sign-in.
    public var notSetUp: [String] = []

    public init(reports: [DoctorReport], notSetUp: [String] = []) {
        self.reports = reports
        self.notSetUp = notSetUp
    }

    /// Complete only when something was audited and every audited instance passed (as
    /// `clerk deploy status` exits 0 only when everything is done).
    public var ok: Bool { !reports.isEmpty && reports.allSatisfy(\.ok) }
    public var exit: CommandExit { ok ? .success : .checkFailed }

    /// What to do when nothing was audited.
    static let nothingAudited = "No instance the credential sees has Bitbucket sign-in set up: run bbclerk to set one up."

    /// `bbclerk doctor --json`: one object per instance, each with its checks and next action.
    public var json: JSONValue {
        [
            "command": "doctor", "ok": .bool(ok), "exit_code": .number(Double(exit.rawValue)),
            "instances": .array(reports.map(\.json)),
            "not_set_up": .array(notSetUp.map(JSONValue.string)),
            "next_action": reports.isEmpty ? .string(Self.nothingAudited) : .null,
        ]
    }

    /// One block per instance (headed by its name when there are several), the instances
    /// left out, and a summary.
    public func text() -> String {
        var blocks: [String] = []
        let headed = reports.count > 1 || !notSetUp.isEmpty
        for report in reports {
            let heading = report.target?.label ?? [report.application, report.instance].filter { !$0.isEmpty }.joined(separator: " · ")
            blocks.append((headed && !heading.isEmpty ? heading + "\n" : "") + report.text())
        }
        if !notSetUp.isEmpty {
            blocks.append("Not set up for Bitbucket sign-in, so not audited: " + notSetUp.joined(separator: ", ") + ".")
        }
        if reports.isEmpty { blocks.append(Self.nothingAudited) }
        if reports.count > 1 {
            let passed = reports.filter(\.ok).count
            blocks.append("\(passed) of \(reports.count) instances passed every check.")
        }
        return blocks.joined(separator: "\n\n")
    }
}
