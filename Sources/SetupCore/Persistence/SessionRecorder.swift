import Foundation

/// Keeps what a wizard session must not lose or forget, whatever front end drives it:
/// the draft (every non-secret answer, saved as it changes), the audit log (one line per
/// dry run or apply), and the secrets the log redactor must know about.
public final class SessionRecorder {
    public let drafts: DraftStore
    public let audit: AuditLog
    private var lastSaved: WizardDraft?
    private var registered: Set<Secret> = []
    /// The step last written to the log, to log each arrival once.
    private var loggedStep: WizardStep?
    /// The first write that failed (a read-only home, a full disk), to tell the user once.
    public private(set) var writeProblem: String?

    public init(paths: StatePaths) {
        drafts = DraftStore(folder: paths.state)
        audit = AuditLog(file: paths.auditLogFile)
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
        case .dryRunFinished(let result): appendAudit(.dryRun, result, state)
        case .applyFinished(let result): appendAudit(.apply, result, state)
        case .writeRechecked:
            // The lost answer's outcome, once a re-read decided it (or gave up).
            if let outcome = state.writeCheck?.outcome {
                appendAudit(.apply, .failure(state.writeCheck!.cause), state, outcome: "\(state.writeCheck!.cause.kind.auditName),\(outcome.name)",
                            version: { if case .applied(let version) = outcome { version } else { nil } }())
            }
        default: break
        }
    }

    private func saveDraftIfChanged(_ state: WizardState) {
        var draft = WizardDraft(from: state)
        if var previous = lastSaved {
            previous.savedAt = draft.savedAt
            if previous == draft { return }
        }
        draft.savedAt = Date()
        do {
            try drafts.save(draft)
            lastSaved = draft
        } catch {
            note("Your answers could not be saved as a draft (\(error.localizedDescription)); they are kept only while bbclerk runs.")
        }
    }

    private func appendAudit(_ action: AuditEntry.Action, _ result: Result<ClerkPatchResult, RemoteError>, _ state: WizardState,
                             outcome: String? = nil, version: String? = nil) {
        guard let target = state.target else { return }
        // The workspace the consumer really lives in, which the key was entered for.
        let entry = AuditEntry(
            application: target.applicationID ?? target.applicationName, instance: target.instanceID,
            workspace: state.consumerWorkspace ?? "", consumerKey: state.consumerCredentials?.key ?? "",
            action: action, configVersion: version ?? (try? result.get().configVersion),
            outcome: outcome ?? result.failureValue.map { $0.kind.auditName } ?? AuditEntry.ok)
        do { try audit.append(entry) } catch {
            note("The audit log could not be written (\(error.localizedDescription)).")
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
