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
    /// Why nothing was audited, when nothing was.
    public var nothingAudited = DoctorAudit.noneSetUp

    public init(reports: [DoctorReport], notSetUp: [String] = []) {
        self.reports = reports
        self.notSetUp = notSetUp
    }

    /// Complete only when something was audited and every audited instance passed (as
    /// `clerk deploy status` exits 0 only when everything is done).
    public var ok: Bool { !reports.isEmpty && reports.allSatisfy(\.ok) }
    public var exit: CommandExit { ok ? .success : .checkFailed }

    /// What to do when nothing was audited.
    static let noneSetUp = "No instance the credential sees has Bitbucket sign-in set up: run bbclerk to set one up."
    static let noneMatched = "No instance the credential sees matches --instance: check it (production, development or an ins_… id)."

    /// `bbclerk doctor --json`: one object per instance, each with its checks and next action.
    public var json: JSONValue {
        [
            "command": "doctor", "ok": .bool(ok), "exit_code": .number(Double(exit.rawValue)),
            "instances": .array(reports.map(\.json)),
            "not_set_up": .array(notSetUp.map(JSONValue.string)),
            "next_action": reports.isEmpty ? .string(nothingAudited)
                : reports.lazy.compactMap(\.nextAction).first.map(JSONValue.string) ?? .null,
        ]
    }

    /// The checks every instance shares (one Bitbucket account, one Clerk credential).
    static let shared: Set<String> = [DoctorCheck.bitbucketCredentials.rawValue, DoctorCheck.clerkCredentials.rawValue]

    /// One block per instance (headed by its name when there are several, with the checks
    /// they share said once above them), the instances left out, and a summary that claims
    /// no more than was checked.
    public func text() -> String {
        guard reports.count > 1 || !notSetUp.isEmpty || reports.isEmpty else { return reports[0].text() }
        var blocks: [String] = []
        let common = reports.first.map { $0.checks.filter { Self.shared.contains($0.name) } } ?? []
        if !common.isEmpty { blocks.append(common.map { $0.text() }.joined(separator: "\n")) }
        for report in reports {
            let heading = report.target?.label ?? [report.application, report.instance].filter { !$0.isEmpty }.joined(separator: " · ")
            let own = report.checks.filter { !Self.shared.contains($0.name) }
            // The summary counts the shared checks too: a block never passes while they failed.
            blocks.append(([heading] + own.map { $0.text() } + [CommandText.summary(report.checks)]).joined(separator: "\n"))
        }
        if !notSetUp.isEmpty {
            blocks.append("Not set up for Bitbucket sign-in, so not audited: " + notSetUp.joined(separator: ", ") + ".")
        }
        if reports.isEmpty { blocks.append(nothingAudited) }
        if reports.count > 1 {
            let clean = reports.filter(\.ok).count
            let notRun = reports.flatMap(\.checks).filter { $0.status == .skipped && !Self.shared.contains($0.name) }.count
            blocks.append("\(clean) of \(reports.count) instances with no failed check" + (notRun > 0 ? " (\(notRun) \(notRun == 1 ? "check" : "checks") not run, marked –)." : "."))
        }
        return blocks.joined(separator: "\n\n")
    }
}
