#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Keeps what a wizard session must not lose or forget, whatever front end drives it:
/// the draft (every non-secret answer, saved as it changes), the audit log (one line per
/// dry run, one before and one after each apply, one when bbclerk ends with an apply
/// outstanding), and the secrets the log redactor must know about.
public final class SessionRecorder {
    public let drafts: DraftStore
    public let audit: AuditLog
    private var lastSaved: WizardDraft?
    /// The answers as the session began (the environment's and config.toml's, nothing typed):
    /// a session that never leaves them has nothing to resume, so no draft is written for it.
    private var startingAnswers: WizardDraft?
    private var registered: Set<Secret> = []
    /// The step last written to the log, to log each arrival once.
    private var loggedStep: WizardStep?
    /// The first write that failed (a read-only home, a full disk), to tell the user once.
    public private(set) var writeProblem: String?
    /// The draft read by ``preloadDraft()``, until ``takeDraft()`` hands it over.
    private var preloaded: DraftLoad?
    /// An apply from an earlier run that ended before Clerk answered, until a config read
    /// of its instance says what became of it.
    public private(set) var interruptedWrite: InterruptedWrite?
    /// The apply whose attempt line is written and whose outcome is not yet.
    private var writeOutstanding: AuditEntry?
    /// Something learned while recording that the user should be told (what became of an
    /// earlier run's interrupted apply), until the front end takes it.
    private var notice: String?

    public init(paths: StatePaths) {
        drafts = DraftStore(folder: paths.state)
        audit = AuditLog(file: paths.auditLogFile)
        interruptedWrite = audit.unresolvedApply().map(InterruptedWrite.init)
    }

    /// Call when the session ends, however it ends: an apply still out gets its line.
    public func finish(_ state: WizardState) {
        guard var entry = writeOutstanding else { return }
        entry.time = Date()
        entry.outcome = AuditEntry.interrupted
        append(entry)
        writeOutstanding = nil
    }

    /// Reads the saved draft now: before the full screen opens, so whatever the state folder
    /// holds is dealt with while the terminal is still in its normal modes.
    public func preloadDraft() {
        preloaded = drafts.load()
    }

    /// The saved draft to offer: the one ``preloadDraft()`` read, else read now. Once only:
    /// a draft that was moved aside is not reported twice.
    public func takeDraft() -> DraftLoad {
        defer { preloaded = nil }
        return preloaded ?? drafts.load()
    }

    /// Call after every reduce with the action that was applied and the new state.
    public func record(_ action: WizardAction, state: WizardState) {
        registerSecrets(state)
        BBClerkLog.wizard(action, state: state, previousStep: loggedStep)
        loggedStep = state.step
        if state.step == .done {
            if lastSaved != nil || action == .next { try? drafts.discard() }
            lastSaved = nil
        } else {
            saveDraftIfChanged(state)
        }
        switch action {
        case .applySync where state.applied.isLoading && writeOutstanding == nil:
            // Before the PATCH leaves: the trace a killed process cannot write afterwards.
            writeOutstanding = entry(.apply, state, version: state.clerkConfig.value?.configVersion, outcome: AuditEntry.attempt)
            writeOutstanding.map(append)
        case .dryRunFinished(let result): appendAudit(.dryRun, result, state)
        case .applyFinished(let result):
            appendAudit(.apply, result, state)
            // A lost answer stays outstanding until the re-read decides it.
            if !state.isWriting { writeOutstanding = nil }
        case .writeRechecked:
            // The lost answer's outcome, once a re-read decided it (or gave up).
            if let outcome = state.writeCheck?.outcome {
                appendAudit(.apply, .failure(state.writeCheck!.cause), state, outcome: "\(state.writeCheck!.cause.kind.auditName),\(outcome.name)",
                            version: { if case .applied(let version) = outcome { version } else { nil } }())
                writeOutstanding = nil
            }
        case .configLoaded(.success(let snapshot)), .readBackFinished(.success(let snapshot)):
            resolveInterruptedWrite(snapshot, state)
        default: break
        }
    }

    /// An earlier run's unanswered apply, judged from this instance's config as read now.
    private func resolveInterruptedWrite(_ snapshot: ClerkConfigSnapshot, _ state: WizardState) {
        guard let interrupted = interruptedWrite, interrupted.concerns(state.target) else { return }
        append(interrupted.resolution(snapshot))
        notice = interrupted.laterMessage(interrupted.judge(snapshot))
        interruptedWrite = nil
    }

    /// The notice learned since the last call, once.
    public func takeNotice() -> String? {
        defer { notice = nil }
        return notice
    }

    private func saveDraftIfChanged(_ state: WizardState) {
        var draft = WizardDraft(from: state)
        guard let start = startingAnswers else {
            startingAnswers = draft
            return
        }
        // Unchanged since the last save, or (nothing saved yet) since the start: nothing to write.
        var reference = lastSaved ?? start
        reference.savedAt = draft.savedAt
        if reference == draft { return }
        draft.savedAt = Date()
        do {
            try drafts.save(draft)
            lastSaved = draft
        } catch {
            note("Your answers could not be saved as a draft (\(describedError(error))); they are kept only while bbclerk runs.")
        }
    }

    private func appendAudit(_ action: AuditEntry.Action, _ result: Result<ClerkPatchResult, RemoteError>, _ state: WizardState,
                             outcome: String? = nil, version: String? = nil) {
        guard let entry = entry(action, state, version: version ?? (try? result.get().configVersion),
                                outcome: outcome ?? result.failureValue.map { $0.kind.auditName } ?? AuditEntry.ok) else { return }
        append(entry)
    }

    private func entry(_ action: AuditEntry.Action, _ state: WizardState, version: String?, outcome: String) -> AuditEntry? {
        guard let target = state.target else { return nil }
        // The workspace the consumer really lives in, which the key was entered for.
        return AuditEntry(
            application: target.applicationID ?? target.applicationName, instance: target.instanceID,
            workspace: state.consumerWorkspace ?? "", consumerKey: state.consumerCredentials?.key ?? "",
            action: action, configVersion: version, outcome: outcome)
    }

    private func append(_ entry: AuditEntry) {
        do { try audit.append(entry) } catch {
            note("The audit log could not be written (\(describedError(error))).")
        }
    }

    /// Tells the redactor about secrets it has not seen (once each, not on every action).
    private func registerSecrets(_ state: WizardState) {
        let credentials = state.credentials
        let secrets = [credentials.bitbucketToken, credentials.clerkPlatformKey, credentials.clerkSecretKey,
                       state.consumerSecretInput].compactMap { $0 }.filter { !$0.isEmpty }
        for secret in secrets where registered.insert(secret).inserted {
            SecretRedactor.shared.register(secret)
        }
    }

    private func note(_ problem: String) {
        if writeProblem == nil { writeProblem = problem }
    }
}
