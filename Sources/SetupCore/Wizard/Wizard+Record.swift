/// The session's recording rules, as part of the reducer: after each action, which draft to
/// save or discard and which audit lines to write. The front ends and the effect runner only
/// carry the effects out, so both front ends keep the same files and tests see what is kept.
extension Wizard {
    /// The draft and audit effects `action` leads to, given the state it produced. Nothing
    /// for a session that keeps no files (``WizardState/recording`` nil).
    static func record(_ state: inout WizardState, after action: WizardAction) -> [WizardEffect] {
        guard var record = state.recording else { return [] }
        if case .startRecording = action { return [] }
        var effects = draftEffects(state, action, &record)
        switch action {
        case .applySync where state.applied.isLoading && record.writeOutstanding == nil:
            // Before the PATCH leaves (the effect comes first): the trace a killed process
            // cannot write afterwards.
            record.writeOutstanding = auditEntry(.apply, state, version: state.clerkConfig.value?.configVersion, outcome: AuditEntry.attempt)
            effects += record.writeOutstanding.map { [.appendAudit($0)] } ?? []
        case .dryRunFinished(let result):
            effects += auditEffect(.dryRun, result, state)
        case .applyFinished(let result):
            effects += auditEffect(.apply, result, state)
            // A lost answer stays outstanding until the re-read decides it.
            if !state.isWriting { record.writeOutstanding = nil }
        case .writeRechecked:
            // The lost answer's outcome, once a re-read decided it (or gave up).
            if let check = state.writeCheck, let outcome = check.outcome {
                let version: String? = if case .applied(let version) = outcome { version } else { nil }
                effects += auditEffect(.apply, .failure(check.cause), state, outcome: "\(check.cause.kind.auditName),\(outcome.name)", version: version)
                record.writeOutstanding = nil
            }
        case .configLoaded(.success(let snapshot)), .readBackFinished(.success(let snapshot)):
            // An earlier run's unanswered apply, judged from this instance's config as read now.
            if let interrupted = record.interruptedWrite, interrupted.concerns(state.target) {
                effects.append(.appendAudit(interrupted.resolution(snapshot, at: .unstamped)))
                let notice = interrupted.laterMessage(interrupted.judge(snapshot))
                record.interruptedWrite = nil
                record.resolutionNotice = notice
                state.status = .init(.info, notice)
            }
        case .sessionEnded:
            // However the session ends, an apply still out gets its line.
            if var entry = record.writeOutstanding {
                entry.outcome = AuditEntry.interrupted
                effects.append(.appendAudit(entry))
                record.writeOutstanding = nil
            }
        default:
            break
        }
        state.recording = record
        return effects
    }

    /// Saves the answers when they changed (never for a session that did not leave its
    /// starting answers); discards the draft at Done.
    private static func draftEffects(_ state: WizardState, _ action: WizardAction, _ record: inout SessionRecord) -> [WizardEffect] {
        if state.step == .done {
            defer { record.lastSaved = nil }
            return record.lastSaved != nil || action == .next ? [.discardDraft] : []
        }
        let draft = WizardDraft(from: state, savedAt: .unstamped)
        guard let start = record.startingAnswers else {
            record.startingAnswers = draft
            return []
        }
        // Unchanged since the last save, or (nothing saved yet) since the start: nothing to write.
        guard draft != record.lastSaved ?? start else { return [] }
        record.lastSaved = draft
        return [.saveDraft(draft)]
    }

    private static func auditEffect(_ action: AuditEntry.Action, _ result: Result<ClerkPatchResult, RemoteError>, _ state: WizardState,
                                    outcome: String? = nil, version: String? = nil) -> [WizardEffect] {
        guard let entry = auditEntry(action, state, version: version ?? (try? result.get().configVersion),
                                     outcome: outcome ?? result.failureValue.map { $0.kind.auditName } ?? AuditEntry.ok) else { return [] }
        return [.appendAudit(entry)]
    }

    private static func auditEntry(_ action: AuditEntry.Action, _ state: WizardState, version: String?, outcome: String) -> AuditEntry? {
        guard let target = state.target else { return nil }
        // The workspace the consumer really lives in, which the key was entered for.
        return AuditEntry(
            time: .unstamped, application: target.applicationID ?? target.applicationName, instance: target.instanceID,
            workspace: state.consumerWorkspace ?? "", consumerKey: state.consumerCredentials?.key ?? "",
            action: action, configVersion: version, outcome: outcome)
    }
}
