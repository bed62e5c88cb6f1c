/// What a session must not lose or forget, as part of the state: the draft last asked to be
/// saved and the answers it started with, the apply whose outcome is not written yet, an
/// earlier run's interrupted apply. ``Wizard/record(_:after:)`` reads it to decide which
/// draft and audit effects an action leads to. Nil in ``WizardState/recording`` for a
/// session that keeps no files.
public struct SessionRecord: Equatable, Sendable {
    /// The answers as the session began (the environment's and config.toml's, nothing typed):
    /// a session that never leaves them has nothing to resume, so no draft is written for it.
    /// Nil until the first action after ``WizardAction/startRecording(interruptedWrite:)``.
    public var startingAnswers: WizardDraft?
    /// The draft last saved (unstamped), to save only what changed.
    public var lastSaved: WizardDraft?
    /// The apply whose attempt line is written and whose outcome is not yet.
    public var writeOutstanding: AuditEntry?
    /// An apply from an earlier run that ended before Clerk answered, until a config read
    /// of its instance says what became of it.
    public var interruptedWrite: InterruptedWrite?
    /// What became of ``interruptedWrite`` once judged, in words (also the status then).
    public var resolutionNotice: String?
    /// The first write that failed (a read-only home, a full disk): the user is told once.
    public var writeProblem: String?

    public init(interruptedWrite: InterruptedWrite? = nil) {
        self.interruptedWrite = interruptedWrite
    }
}
