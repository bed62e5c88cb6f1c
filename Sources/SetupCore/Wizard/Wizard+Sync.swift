/// Step 8: a dry run shown as a diff, then one guarded PATCH, then checks from both sides.
///
/// What the user is told follows what Clerk said: a 4xx means nothing was written; a lost
/// answer (timeout, dropped connection, 5xx, unreadable 200) is followed by a re-read that
/// decides between applied, not visible and unknown (``WriteOutcome``). A PATCH that did
/// answer is trusted, as clerk/cli does (`commands/config/push.ts` never re-reads); the
/// read-back and the Frontend API check then wait with capped backoff, because Clerk's
/// reads may lag its writes: a lagging read is "propagating", not a failure.
extension Wizard {
    static func reduceSync(_ state: inout WizardState, _ action: WizardAction) -> [WizardEffect] {
        switch action {
        case .previewSync:
            guard !state.isWriting else { return busyWriting(&state) }
            if let applied = state.applied.value {
                // Applied: a new preview would only offer to write it again.
                state.status = .init(.info, "The change is applied (config version \(applied.configVersion)); there is nothing left to preview.", next: [.init(.checkEnvironment, "check the Frontend API again")])
                return []
            }
            resetSync(&state)
            return startPreview(&state)
        case .configLoaded(let result):
            return configLoaded(&state, result)
        case .dryRunFinished(let result):
            // A late answer to a preview that was cancelled or replaced changes nothing.
            guard state.dryRun.isLoading else { return [] }
            state.dryRun = RemoteStatus(result)
            // A dry run never writes, whatever its answer.
            if case .failure(let error) = result { state.status = .init(.error, error.userMessage + " Nothing was changed in Clerk (this was a dry run).") }
            return []
        case .applySync:
            return apply(&state)
        case .applyFinished(let result):
            return applyFinished(&state, result)
        case .writeRechecked(let result):
            return writeRechecked(&state, result)
        case .readBackFinished(let result):
            return readBackFinished(&state, result)
        case .markManualSaved:
            state.manualSaved = true
            // A new look from outside: the redirect is asked again once sign-in shows on.
            if !state.signInRedirect.isLoading { state.signInRedirect = .idle }
            return reduceSync(&state, .checkEnvironment)
        case .checkEnvironment:
            guard !state.environmentCheck.isLoading else { return [] }
            state.environmentAttempts = 0
            return startEnvironmentCheck(&state)
        case .environmentChecked(let result):
            return environmentChecked(&state, result)
        case .signInRedirectChecked(let result):
            return signInRedirectChecked(&state, result)
        default:
            return []
        }
    }

    /// Reads the current config (platform mode), which leads to the dry run.
    static func startPreview(_ state: inout WizardState) -> [WizardEffect] {
        guard !state.isManualClerk, state.clerkConfig == .idle, state.applied.value == nil, !state.isWriting,
              let read = configRead(state, .preview) else { return [] }
        state.clerkConfig = .loading
        return [read]
    }

    /// Reading the chosen instance's config through the Platform API, after `delay` when
    /// waiting for Clerk's reads to catch up; nil without a Platform key or an application.
    static func configRead(_ state: WizardState, _ purpose: WizardEffect.ConfigReadPurpose, after delay: Double? = nil) -> WizardEffect? {
        guard let key = state.credentials.clerkPlatformKey, let target = state.target,
              let application = target.applicationID else { return nil }
        let read = WizardEffect.readClerkConfig(application: application, instance: target.instanceID, platformKey: key, purpose: purpose)
        return delay.map { .after(seconds: $0, read) } ?? read
    }

    static func configLoaded(_ state: inout WizardState, _ result: Result<ClerkConfigSnapshot, RemoteError>) -> [WizardEffect] {
        guard state.clerkConfig.isLoading else { return [] }
        state.clerkConfig = RemoteStatus(result)
        guard case .success(let snapshot) = result else {
            if let error = result.failureValue { state.status = .init(.error, error.userMessage) }
            return []
        }
        guard let patch = state.configPatch, let key = state.credentials.clerkPlatformKey,
              let target = state.target, let application = target.applicationID else { return [] }
        state.dryRun = .loading
        return [.patchClerkConfig(patch, application: application, instance: target.instanceID,
                                  ifMatch: snapshot.configVersion, dryRun: true, platformKey: key)]
    }

    static func apply(_ state: inout WizardState) -> [WizardEffect] {
        // One write at a time: a second PATCH while one is out could land in either order.
        guard !state.isWriting else { return busyWriting(&state) }
        guard state.dryRun.value != nil, let snapshot = state.clerkConfig.value else {
            let previewing = state.clerkConfig.isLoading || state.dryRun.isLoading
            state.status = previewing
                ? .init(.info, "Clerk's dry run has not answered yet.", next: [.init(.applySync, "apply once the change is shown")])
                : .init(.warning, "There is no preview to apply yet.", next: [.init(.previewSync, "preview the change first")])
            return []
        }
        guard state.applied.value == nil, let patch = state.configPatch, let key = state.credentials.clerkPlatformKey,
              let target = state.target, let application = target.applicationID else { return [] }
        state.applied = .loading
        state.writeCheck = nil
        state.readBackAttempts = 0
        state.environmentAttempts = 0
        state.status = .init(.info, StepTexts.applying)
        return [.patchClerkConfig(patch, application: application, instance: target.instanceID,
                                  ifMatch: snapshot.configVersion, dryRun: false, platformKey: key)]
    }

    static func busyWriting(_ state: inout WizardState) -> [WizardEffect] {
        state.status = .init(.info, "The change is being applied to Clerk; wait for its outcome before starting another.")
        return []
    }

    static func applyFinished(_ state: inout WizardState, _ result: Result<ClerkPatchResult, RemoteError>) -> [WizardEffect] {
        guard state.applied.isLoading else { return [] }
        switch result {
        case .success(let patchResult):
            state.applied = .loaded(patchResult)
            state.status = .init(.success, "Applied to Clerk (config version \(patchResult.configVersion)). Reading it back…")
            return startReadBack(&state)
        case .failure(let error) where error.kind == .conflict:
            // Someone changed the config since the preview: show them the new diff to confirm.
            state.applied = .idle
            state.clerkConfig = .idle
            state.dryRun = .idle
            state.status = .init(.warning, "Clerk's configuration changed since the preview, so nothing was applied. Here is the new difference: review it.", next: [.init(.applySync, "apply it")])
            return startPreview(&state)
        case .failure(let error) where error.leavesWriteUncertain:
            state.applied = .failed(error)
            state.writeCheck = WriteCheck(cause: error, guardVersion: state.clerkConfig.value?.configVersion)
            state.status = .init(.warning, state.writeCheck!.userMessage)
            return recheckWrite(&state)
        case .failure(let error):
            state.applied = .failed(error)
            state.status = .init(.error, WriteOutcome.refused.userMessage(cause: error))
            return []
        }
    }

    static func recheckWrite(_ state: inout WizardState, after delay: Double? = nil) -> [WizardEffect] {
        guard let read = configRead(state, .recheckWrite, after: delay) else { return [] }
        state.writeCheck?.attempts += 1
        return [read]
    }

    static func writeRechecked(_ state: inout WizardState, _ result: Result<ClerkConfigSnapshot, RemoteError>) -> [WizardEffect] {
        guard var check = state.writeCheck, check.isChecking, let patch = state.configPatch else { return [] }
        switch result {
        case .failure(let error):
            check.outcome = .unknown
            check.recheckError = error
        case .success(let snapshot):
            let outcome = WriteOutcome.judge(snapshot, patch: patch, guardVersion: check.guardVersion)
            if case .notVisible = outcome, let delay = PropagationBackoff.delay(after: check.attempts) {
                // The old version may be a read that lags the write: ask again before judging.
                state.status = .init(.info, "Answer lost: Clerk's configuration still reads as before; reading again in case it lags (read \(check.attempts + 1))…")
                return recheckWrite(&state, after: delay)
            }
            check.outcome = outcome
            if case .applied(let version) = outcome {
                state.writeCheck = check
                state.applied = .loaded(ClerkPatchResult(configVersion: version, dryRun: false,
                                                         before: state.dryRun.value?.before ?? [:], after: state.dryRun.value?.after ?? [:]))
                state.status = .init(.success, check.userMessage)
                // The re-read is the read-back.
                state.readBack = .loading
                return readBackFinished(&state, .success(snapshot))
            }
        }
        state.writeCheck = check
        state.status = .init(check.outcome == .unknown ? .error : .warning, check.userMessage)
        return []
    }

    static func startReadBack(_ state: inout WizardState, after delay: Double? = nil) -> [WizardEffect] {
        guard let read = configRead(state, .readBack, after: delay) else { return [] }
        state.readBack = .loading
        state.readBackAttempts += 1
        return [read]
    }

    static func readBackFinished(_ state: inout WizardState, _ result: Result<ClerkConfigSnapshot, RemoteError>) -> [WizardEffect] {
        // Only the read this apply asked for: a late answer after a cancel changes nothing.
        guard state.readBack.isLoading, state.applied.value != nil else { return [] }
        state.readBack = RemoteStatus(result)
        guard case .success(let snapshot) = result, let patch = state.configPatch else {
            // The PATCH answered: the change stands whatever a later read says.
            if let error = result.failureValue {
                state.status = .init(.warning, "Clerk accepted the change, but reading it back failed (\(RemoteText.clause(error.userMessage))). Checking the Frontend API instead.")
                return startEnvironmentCheck(&state)
            }
            return []
        }
        if !snapshot.connection.shows(patch) {
            if let delay = PropagationBackoff.delay(after: state.readBackAttempts) {
                state.status = .init(.info, "Propagating: Clerk accepted the change; its reads still show the old value (read \(state.readBackAttempts + 1))…")
                return startReadBack(&state, after: delay)
            }
            state.status = .init(.warning, "Clerk accepted the change, but \(RemoteErrors.seconds(PropagationBackoff.waited(after: state.readBackAttempts))) later its configuration still reads the old value: it may still be propagating. Checking the Frontend API…")
        }
        return startEnvironmentCheck(&state)
    }

    static func startEnvironmentCheck(_ state: inout WizardState, after delay: Double? = nil) -> [WizardEffect] {
        guard let probe = frontendProbe(state) else { return [] }
        state.environmentCheck = .loading
        state.environmentAttempts += 1
        return [delay.map { .after(seconds: $0, .checkEnvironment(probe)) } ?? .checkEnvironment(probe)]
    }

    static func environmentChecked(_ state: inout WizardState, _ result: Result<FrontendCheck, RemoteError>) -> [WizardEffect] {
        guard state.environmentCheck.isLoading else { return [] }
        state.environmentCheck = RemoteStatus(result)
        switch result {
        case .success(let check) where check.isOn:
            state.status = .init(.success, check.userMessage)
            if state.isManualClerk { return startSignInRedirectCheck(&state) }
        case .success(.signIn(enabled: false, _)) where state.applied.value != nil || state.manualSaved:
            // Just written (by bbclerk or in the Dashboard): the Frontend API may lag; wait before judging.
            if let delay = PropagationBackoff.delay(after: state.environmentAttempts) {
                let written = state.isManualClerk ? "Clerk's Frontend API does not show Bitbucket sign-in yet" : "the Frontend API does not show the change yet"
                state.status = .init(.info, "Propagating: \(written) (check \(state.environmentAttempts + 1))…")
                return startEnvironmentCheck(&state, after: delay)
            }
            let waited = RemoteErrors.seconds(PropagationBackoff.waited(after: state.environmentAttempts))
            state.status = state.isManualClerk
                ? .init(.warning, "\(waited) later Clerk's Frontend API still does not show Bitbucket sign-in: check that the connection is saved and enabled in the Dashboard (SSO connections → Bitbucket).", next: [.init(.markManualSaved, "check again")])
                : .init(.warning, "Clerk accepted the change, but \(waited) later its Frontend API still does not show Bitbucket sign-in: it may still be propagating.", next: [.init(.checkEnvironment, "check again")])
        case .success(let check):
            let again = NextAction(state.isManualClerk ? .markManualSaved : .checkEnvironment, "check again")
            state.status = .init(.warning, check.userMessage, next: [again])
        case .failure(let error):
            state.status = .init(.error, error.userMessage)
        }
        return []
    }

    /// Manual mode: bbclerk wrote nothing, so only what Clerk does proves the Key is in use.
    /// A test sign-in shows the client_id and redirect_uri users are sent to Bitbucket with.
    static func startSignInRedirectCheck(_ state: inout WizardState) -> [WizardEffect] {
        guard state.isManualClerk, !state.signInRedirect.isLoading, let target = state.target, let probe = frontendProbe(state) else { return [] }
        state.signInRedirect = .loading
        state.status = .init(.info, "Clerk's Frontend API shows Bitbucket sign-in enabled. Checking which client_id Clerk sends sign-ins to Bitbucket with…")
        return [.checkSignInRedirect(probe, redirectURL: target.signInTestRedirectURL)]
    }

    static func signInRedirectChecked(_ state: inout WizardState, _ result: Result<BitbucketAuthorizeRedirect, RemoteError>) -> [WizardEffect] {
        guard state.signInRedirect.isLoading else { return [] }
        let verdict = SignInRedirectVerdict.judge(result, expectedKey: state.consumerCredentials?.key, expectedCallback: state.target?.callbackURL)
        state.signInRedirect = .loaded(verdict)
        let again = NextAction(.markManualSaved, "check again")
        switch verdict {
        case .proof: state.status = .init(.success, verdict.userMessage)
        case .observed: state.status = .init(.info, verdict.userMessage)
        case .mismatch, .couldNotCheck: state.status = .init(.warning, verdict.userMessage, next: [again])
        }
        return []
    }

    /// How to ask the Frontend API about the chosen instance.
    static func frontendProbe(_ state: WizardState) -> FrontendProbe? {
        state.target?.frontendProbe(platformKey: state.credentials.clerkPlatformKey)
    }
}

extension Result {
    var failureValue: Failure? { if case .failure(let error) = self { error } else { nil } }
}
