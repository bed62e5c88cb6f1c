/// The wizard's rules: `reduce(state, action) -> effects`. Pure: no clock, no network, no
/// terminal. Every front end drives this one function, so every rule of the flow is tested
/// without a terminal.
public enum Wizard {
    /// Applies `action` to `state` and returns the work it asks for.
    public static func reduce(_ state: inout WizardState, _ action: WizardAction) -> [WizardEffect] {
        var effects = apply(&state, action)
        keepConsumerWithItsOrigin(&state)
        effects += advanceTowardsResume(&state)
        // The files first: an apply's attempt line is on disk before its PATCH leaves.
        return record(&state, after: action) + effects
    }

    static func apply(_ state: inout WizardState, _ action: WizardAction) -> [WizardEffect] {
        switch action {
        case .resume(let draft):
            draft.apply(to: &state)
            state.resumeTarget = draft.resumeStep > .connect ? draft.resumeStep : nil
            state.status = .init(.info, "Your saved answers are back; bbclerk moves on to step \(draft.resumeStep.number) as each check passes.")
            return connectIfPossible(&state)
        case .start:
            return connectIfPossible(&state)
        case .next:
            // Continue goes the way a resume goes, so it does not end one (a Continue pressed
            // while the checks still run would otherwise drop it); Back does, and so does
            // arriving at the saved step by hand.
            let effects = next(&state)
            if let target = state.resumeTarget, state.step >= target { state.resumeTarget = nil }
            return effects
        case .back:
            state.resumeTarget = nil
            guard let previous = state.step.previous else { return [] }
            state.step = previous
            state.status = nil
            return []
        case .dismissStatus:
            state.status = nil
            return []
        case .notify(let status):
            state.status = status
            return []
        case .cancelPending:
            return cancelPending(&state)
        case .copy(let label, let value):
            return [.copyToClipboard(label: label, value: value)]
        case .openLink(let url):
            return [.openInBrowser(url)]
        case .linkOpened(let problem):
            state.status = problem.map { .init(.info, $0) } ?? .init(.success, "Opened the link in your browser.")
            return []
        case .startRecording(let interruptedWrite):
            state.recording = SessionRecord(interruptedWrite: interruptedWrite)
            // Said at once: what is not known, and when it will be.
            if let interruptedWrite { state.status = .init(.warning, interruptedWrite.startNotice) }
            return []
        case .declineResume:
            return [.discardDraft]
        case .recordFailed(let problem):
            // Once: the first failure says what matters; later ones would only repeat it.
            guard state.recording?.writeProblem == nil else { return [] }
            state.recording?.writeProblem = problem
            state.status = .init(.warning, problem)
            return []
        case .sessionEnded:
            return []
        case .copied(let label, let hint):
            // OSC 52 has no answer: "sent", since whether it arrived is not known.
            state.status = .init(.success, "Sent \(label) to your terminal's clipboard." + (hint.map { " " + $0 } ?? ""))
            return []
        case .setBitbucketEmail, .setBitbucketToken, .setClerkPlatformKey, .setClerkSecretKey,
             .setClerkPublishableKey, .checkConnections, .bitbucketChecked, .clerkChecked, .clerkCLISignInLooked:
            return reduceConnect(&state, action)
        case .selectApplication, .selectInstance, .domainsLoaded:
            return reduceApplication(&state, action)
        case .refreshWorkspaces, .workspacePageLoaded, .workspacesFailed, .workspaceRowsVisible,
             .workspaceDetailsLoaded, .workspaceNamesCached, .selectWorkspace, .memberOnlyWorkspacesCounted:
            return reduceWorkspace(&state, action)
        case .setField(let field, let value):
            state.form[field] = value
            if !InputLimits.fits(value, field.maxLength) {
                state.status = .init(.warning, "\(field.label) keeps at most \(field.maxLength) characters; the rest was cut.")
            } else if state.status?.kind == .warning {
                // A warning about the form as it was (Continue on an invalid field) would now
                // say something the form no longer shows; the field's own note is current.
                state.status = nil
            }
            return []
        case .setPrivate(let isPrivate):
            state.form.isPrivate = isPrivate
            return []
        case .toggleScope(let scope):
            if !state.scopes.toggle(scope), let reason = state.scopes.lockReason(scope) {
                state.status = .init(.info, "\(PermissionCatalogue.label(of: scope)) stays ticked: \(reason).")
            }
            return []
        case .setConsumerKey, .setConsumerSecret, .createInSandbox, .sandboxConsumerCreated,
             .toggleReveal, .verify, .verified, .acceptWeakVerdict:
            return reduceConsumerKey(&state, action)
        case .previewSync, .configLoaded, .dryRunFinished, .applySync, .applyFinished, .readBackFinished, .writeRechecked,
             .markManualSaved, .checkEnvironment, .environmentChecked, .signInRedirectChecked:
            return reduceSync(&state, action)
        }
    }

    // MARK: Moving between steps

    /// Why the current step cannot be left forward yet, or nil.
    public static func blocker(_ state: WizardState) -> Blocker? {
        switch state.step {
        case .connect:
            if state.credentials.bitbucket == nil { return "Enter your Atlassian account email and API token." }
            if let error = state.bitbucketUser.error { return Blocker(error.userMessage) }
            if state.bitbucketUser.value == nil { return "Checking Bitbucket… wait for the answer." }
            if let error = state.clerkAccess.error { return Blocker(error.userMessage) }
            if state.clerkAccess.value == nil {
                return state.clerkAccess.isLoading ? "Checking Clerk… wait for the answer."
                    : "Enter a Clerk Platform API key (ak_…), or a secret key (sk_…) or publishable key (pk_…) for manual mode."
            }
            return nil
        case .clerkApplication:
            if state.isManualClerk { return nil }
            if state.selectedApplication == nil { return "Choose an application." }
            if state.selectedInstance == nil { return "Choose an instance." }
            if let id = state.selectedApplicationID, let error = state.domains[id]?.error { return Blocker(error.userMessage) }
            if state.target == nil { return "Reading the instance's Frontend API URL… wait for the answer." }
            return nil
        case .workspace:
            guard let chosen = state.selectedWorkspace else { return "Choose the workspace that will own the consumer." }
            if state.workspaces.isComplete, state.workspaces.entry(chosen) == nil {
                return "\(chosen) is not among the workspaces you administer any more: choose another."
            }
            return nil
        case .consumer:
            let issues = state.formIssues
            guard let issue = ConsumerField.allCases.lazy.compactMap({ issues[$0] }).first else { return nil }
            return Blocker(issue)
        case .scopes:
            return nil
        case .createInBitbucket:
            if case .failure(let issue) = CredentialInput.clean(state.consumerKeyInput, label: "Key") { return Blocker(issue.message) }
            if case .failure(let issue) = CredentialInput.clean(state.consumerSecretInput.exposed, label: "Secret") { return Blocker(issue.message) }
            let key = state.consumerKeyInput.trimmingWhitespaceAndNewlines(), secret = state.consumerSecretInput.exposed
            if let issue = CredentialInput.shapeIssue(key, as: .consumerKey) ?? CredentialInput.shapeIssue(secret, as: .consumerSecret)
                ?? CredentialInput.pairIssue(key: key, secret: secret) {
                return Blocker(issue)
            }
            return nil
        case .keyAndSecret:
            switch state.verification {
            case .idle, .loading: return "Verifying the key and secret… wait for the verdict."
            // Each names a way on, so Continue never only repeats what the screen shows.
            case .failed(let error): return Blocker(error.userMessage, next: [.init(.verify, "check again"), .init(.back, "go back and paste them again")])
            case .loaded(let verdict):
                if verdict.blocksSync { return Blocker(verdict.userMessage, next: [.init(.back, "go back and paste them again")]) }
                if verdict.isWeakEvidence, !state.weakVerdictAccepted {
                    return Blocker("Only the weaker check could run for this public consumer: a wrong secret might pass it. For a full check, tick \"This is a private consumer\" in Bitbucket first.",
                                   next: [.init(.acceptWeakVerdict, "go on anyway"), .init(.verify, "check again")])
                }
                return nil
            }
        case .syncToClerk:
            if state.isManualClerk {
                guard state.signInConfirmed else {
                    return Blocker("Save the values in the Clerk Dashboard.", next: [.init(.markManualSaved, "check that Bitbucket sign-in is on")])
                }
                // Sign-in is on; a redirect with another client_id or redirect_uri means it is
                // not the consumer's. A check that could not run claims nothing either way.
                if state.signInRedirect.isLoading { return "Checking which client_id Clerk sends sign-ins to Bitbucket with… wait for the answer." }
                if case .loaded(let verdict) = state.signInRedirect, verdict.isMismatch {
                    return Blocker(verdict.userMessage, next: [.init(.markManualSaved, "check again")])
                }
                return nil
            }
            if let check = state.writeCheck, state.applied.value == nil {
                return check.isChecking ? "Reading Clerk's configuration to learn whether the change was applied… wait for the answer." : Blocker(check.userMessage)
            }
            if state.applied.value == nil { return Blocker("Review the change.", next: [.init(.applySync, "apply it to Clerk")]) }
            if !state.signInConfirmed {
                if case .loaded(let check) = state.environmentCheck { return Blocker(check.userMessage, next: [.init(.checkEnvironment, "check again")]) }
                return "Waiting for Clerk to show Bitbucket sign-in as enabled."
            }
            return nil
        case .done:
            return nil
        }
    }

    /// While resuming, moves forward over every step whose data is in; stops resuming at
    /// a step that needs the user (a failed check, an invalid answer), except Connect:
    /// secrets are never saved, so credentials typed last time are typed again there, and
    /// resuming goes on once they are checked (Back ends it, as anywhere).
    static func advanceTowardsResume(_ state: inout WizardState) -> [WizardEffect] {
        var effects: [WizardEffect] = []
        while let target = state.resumeTarget, state.step < target {
            guard blocker(state) == nil, let following = state.step.following else {
                if !state.isBusy, state.step != .connect { state.resumeTarget = nil }
                return effects
            }
            state.step = following
            effects += enter(&state)
        }
        if state.resumeTarget != nil {
            state.resumeTarget = nil
            state.status = .init(.success, "Resumed at step \(state.step.number) · \(state.step.title).")
        }
        return effects
    }

    static func next(_ state: inout WizardState) -> [WizardEffect] {
        if let reason = blocker(state) {
            state.status = .init(.warning, reason.text, next: reason.next)
            return []
        }
        guard let following = state.step.following else { return [] }
        state.step = following
        state.status = nil
        return enter(&state)
    }

    /// What arriving on the current step sets off.
    static func enter(_ state: inout WizardState) -> [WizardEffect] {
        switch state.step {
        case .clerkApplication:
            if let chosen = state.selectedApplicationID { return loadDomainsIfNeeded(&state, application: chosen) }
            if let first = state.applications.first { return reduceApplication(&state, .selectApplication(first.id)) }
            return []
        case .workspace:
            guard state.workspacesLoad == .idle, let credentials = state.credentials.bitbucket else { return [] }
            state.workspacesLoad = .loading
            return [.loadWorkspaces(credentials)]
        case .consumer:
            if let target = state.target {
                // The name comes from the network: only its printable part goes into the form.
                state.form.prefill(applicationName: DisplayText.sanitize(target.applicationName, limit: 100),
                                   callbackURL: target.callbackURL, homeURL: target.homeURL)
            }
            return []
        case .keyAndSecret:
            return startVerification(&state)
        case .syncToClerk:
            return startPreview(&state)
        default:
            return []
        }
    }

    static func cancelPending(_ state: inout WizardState) -> [WizardEffect] {
        guard state.isBusy else { return [] }
        if state.isWriting {
            state.status = .init(.info, "The change is being applied to Clerk and cannot be stopped halfway; wait for the answer.")
            return []
        }
        var key: WizardEffect.EffectKey?
        switch state.step {
        case .connect:
            if state.bitbucketUser.isLoading { state.bitbucketUser = .idle }
            if state.clerkAccess.isLoading { state.clerkAccess = .idle }
            key = .connect
        case .clerkApplication:
            if let id = state.selectedApplicationID { state.domains[id] = nil }
            key = .domains
        case .workspace:
            state.workspacesLoad = .idle
            key = .workspaces
        case .createInBitbucket:
            state.sandboxConsumer = .idle
            key = .sandboxConsumer
        case .keyAndSecret:
            state.verification = .idle
            key = .verification
        case .syncToClerk:
            for keyPath in [\WizardState.clerkConfig, \.readBack] where state[keyPath: keyPath].isLoading { state[keyPath: keyPath] = .idle }
            if state.dryRun.isLoading { state.dryRun = .idle }
            if state.environmentCheck.isLoading { state.environmentCheck = .idle }
            if state.signInRedirect.isLoading { state.signInRedirect = .idle }
            return [.cancel(.clerkConfig), .cancel(.environment), .cancel(.signInRedirect)].withStatus(&state)
        default:
            return []
        }
        return key.map { [WizardEffect.cancel($0)] }?.withStatus(&state) ?? []
    }
}

private extension Array where Element == WizardEffect {
    func withStatus(_ state: inout WizardState) -> [WizardEffect] {
        state.status = .init(.info, "Cancelled.")
        return self
    }
}
