#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The files a wizard session keeps in the state folder: the draft and the audit log.
/// The effect runner writes them (``WizardEffect/saveDraft(_:)``, ``WizardEffect/appendAudit(_:)``);
/// a runner without them keeps nothing (tests, unless they give it a folder).
public struct SessionFiles: Sendable {
    public var drafts: DraftStore
    public var audit: AuditLog

    public init(drafts: DraftStore, audit: AuditLog) {
        self.drafts = drafts
        self.audit = audit
    }

    public init(paths: StatePaths) {
        self.init(drafts: DraftStore(folder: paths.state), audit: AuditLog(file: paths.auditLogFile))
    }

    /// What a session reads before it starts: the draft to offer and an earlier run's apply
    /// whose answer never came. Read once, before the full screen opens (a slow disk should
    /// stall a normal terminal, not a blank raw one).
    public func readStart() -> SessionStart {
        SessionStart(draft: drafts.load(), interruptedWrite: audit.unresolvedApply().map(InterruptedWrite.init))
    }
}

/// What the state folder held when a session started.
public struct SessionStart: Equatable, Sendable {
    public var draft: DraftLoad
    public var interruptedWrite: InterruptedWrite?

    public init(draft: DraftLoad, interruptedWrite: InterruptedWrite?) {
        self.draft = draft
        self.interruptedWrite = interruptedWrite
    }
}
