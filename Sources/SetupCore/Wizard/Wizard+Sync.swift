/// Step 8: a dry run shown as a diff, then one guarded PATCH, then checks from both sides.
extension Wizard {
    static func reduceSync(_ state: inout WizardState, _ action: WizardAction) -> [WizardEffect] {
        switch action {
        case .previewSync:
            resetSync(&state)
            return startPreview(&state)
        case .configLoaded(let result):
            return configLoaded(&state, result)
        case .dryRunFinished(let result):
            state.dryRun = RemoteStatus(result)
            if case .failure(let error) = result { state.status = .init(.error, error.userMessage + " Nothing was changed in Clerk.") }
            return []
        case .applySync:
            return apply(&state)
        case .applyFinished(let result):
            return applyFinished(&state, result)
        case .readBackFinished(let result):
            state.readBack = RemoteStatus(result)
            guard case .success(let snapshot) = result, let target = state.target else { return [] }
            if snapshot.connection.enabled != true || snapshot.connection.clientID != state.consumerCredentials?.key {
                state.status = .init(.error, "Clerk's configuration, read back, does not show the new key: press p to preview and apply again.")
                return []
            }
            state.environmentCheck = .loading
            return [.checkEnvironment(frontendAPIURL: target.frontendAPIURL)]
        case .markManualSaved:
            state.manualSaved = true
            return reduceSync(&state, .checkEnvironment)
        case .checkEnvironment:
            guard let target = state.target, !state.environmentCheck.isLoading else { return [] }
            state.environmentCheck = .loading
            return [.checkEnvironment(frontendAPIURL: target.frontendAPIURL)]
        case .environmentChecked(let result):
            state.environmentCheck = RemoteStatus(result)
            switch result {
            case .success(true): state.status = .init(.success, "Clerk's Frontend API shows Bitbucket sign-in enabled.")
            case .success(false): state.status = .init(.warning, "Clerk's Frontend API does not show Bitbucket sign-in as enabled yet: check the Dashboard, then press m to check again.")
            case .failure(let error): state.status = .init(.error, error.userMessage)
            }
            return []
        default:
            return []
        }
    }

    /// Reads the current config (platform mode), which leads to the dry run.
    static func startPreview(_ state: inout WizardState) -> [WizardEffect] {
        guard !state.isManualClerk, let key = state.credentials.clerkPlatformKey, let target = state.target,
              let application = target.applicationID, state.clerkConfig == .idle, state.applied.value == nil else { return [] }
        state.clerkConfig = .loading
        return [.readClerkConfig(application: application, instance: target.instanceID, platformKey: key, purpose: .preview)]
    }

    static func configLoaded(_ state: inout WizardState, _ result: Result<ClerkConfigSnapshot, RemoteError>) -> [WizardEffect] {
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
        guard state.dryRun.value != nil, let snapshot = state.clerkConfig.value else {
            let previewing = state.clerkConfig.isLoading || state.dryRun.isLoading
            state.status = previewing
                ? .init(.info, "Clerk's dry run has not answered yet: press a once the change is shown.")
                : .init(.warning, "There is no preview to apply yet: press p to preview the change first.")
            return []
        }
        guard !state.applied.isLoading, state.applied.value == nil,
              let patch = state.configPatch, let key = state.credentials.clerkPlatformKey,
              let target = state.target, let application = target.applicationID else { return [] }
        state.applied = .loading
        state.status = .init(.info, "Applying the change to Clerk…")
        return [.patchClerkConfig(patch, application: application, instance: target.instanceID,
                                  ifMatch: snapshot.configVersion, dryRun: false, platformKey: key)]
    }

    static func applyFinished(_ state: inout WizardState, _ result: Result<ClerkPatchResult, RemoteError>) -> [WizardEffect] {
        switch result {
        case .success(let patchResult):
            state.applied = .loaded(patchResult)
            state.status = .init(.success, "Applied to Clerk (config version \(patchResult.configVersion)). Reading it back…")
            guard let key = state.credentials.clerkPlatformKey, let target = state.target,
                  let application = target.applicationID else { return [] }
            state.readBack = .loading
            return [.readClerkConfig(application: application, instance: target.instanceID, platformKey: key, purpose: .readBack)]
        case .failure(let error) where error.kind == .conflict:
            // Someone changed the config since the preview: show them the new diff to confirm.
            state.applied = .idle
            state.clerkConfig = .idle
            state.dryRun = .idle
            state.status = .init(.warning, "Clerk's configuration changed since the preview. Here is the new difference: review it and press a again.")
            return startPreview(&state)
        case .failure(let error):
            state.applied = .failed(error)
            state.status = .init(.error, error.userMessage + " Nothing was changed in Clerk.")
            return []
        }
    }
}

extension Result {
    var failureValue: Failure? { if case .failure(let error) = self { error } else { nil } }
}
