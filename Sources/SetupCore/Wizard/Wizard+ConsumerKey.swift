/// Steps 6 and 7: the key and secret Bitbucket generated, and their live verification.
extension Wizard {
    static func reduceConsumerKey(_ state: inout WizardState, _ action: WizardAction) -> [WizardEffect] {
        switch action {
        case .setConsumerKey(let key) where !InputLimits.fits(key, InputLimits.credential):
            state.status = .init(.warning, tooLongForAConsumer)
        case .setConsumerSecret(let secret) where !InputLimits.fits(secret.exposed, InputLimits.credential):
            state.status = .init(.warning, tooLongForAConsumer)
        case .setConsumerKey(let key):
            if key != state.consumerKeyInput { credentialsChanged(&state) }
            state.consumerKeyInput = key
        case .setConsumerSecret(let secret):
            if secret != state.consumerSecretInput { credentialsChanged(&state) }
            state.consumerSecretInput = secret
        case .createInSandbox:
            guard state.mode == .sandbox else {
                state.status = .init(.info, "Create the consumer in your browser, then paste its Key and Secret here.")
                return []
            }
            guard let workspace = state.selectedWorkspace, let credentials = state.credentials.bitbucket,
                  !state.sandboxConsumer.isLoading else { return [] }
            state.sandboxConsumer = .loading
            return [.createSandboxConsumer(workspace: workspace, form: state.form, scopes: state.scopes.ordered, credentials)]
        case .sandboxConsumerCreated(.success(let consumer)):
            state.sandboxConsumer = .loaded(consumer.key)
            state.consumerKeyInput = consumer.key
            state.consumerSecretInput = consumer.secret
            credentialsChanged(&state)
            state.status = .init(.success, "The sandbox created the consumer and filled in its Key and Secret.")
        case .sandboxConsumerCreated(.failure(let error)):
            state.sandboxConsumer = .failed(error)
            state.status = .init(.error, error.userMessage)
        case .toggleReveal:
            state.secretRevealed.toggle()
        case .verify:
            // Asked for: verify again, whatever the last verdict (a rate limit, a network error).
            state.verification = .idle
            return startVerification(&state)
        case .verified(let verdict):
            guard state.verification.isLoading else { return [] }
            state.verification = .loaded(verdict)
            state.weakVerdictAccepted = false
        case .acceptWeakVerdict:
            guard case .loaded(let verdict) = state.verification, verdict.isWeakEvidence, verdict.isUsable else { return [] }
            state.weakVerdictAccepted = true
            state.status = .init(.info, "Going on with the weaker check: Clerk will get this key and secret, but bbclerk could not prove the secret is right.")
        default:
            break
        }
        return []
    }

    static func startVerification(_ state: inout WizardState) -> [WizardEffect] {
        guard let credentials = state.consumerCredentials else { return [] }
        if case .loaded = state.verification { return [] }
        state.verification = .loading
        return [.cancel(.verification), .verifyConsumer(credentials)]
    }

    /// New credentials make every verdict and Clerk preview about the old ones stale.
    static func credentialsChanged(_ state: inout WizardState) {
        state.keyAndSecret = .init()
        resetSync(&state)
    }

    /// A key and secret belong to the workspace (and Clerk instance) they were entered for.
    /// Run after every action: once entered they are bound to where the user was; choosing
    /// another workspace or instance sets them aside (so they can never reach Clerk as
    /// another workspace's consumer) and says so; choosing their own again brings them back.
    static func keepConsumerWithItsOrigin(_ state: inout WizardState) {
        let entered = !state.consumerKeyInput.isEmpty || !state.consumerSecretInput.isEmpty
        guard entered else {
            state.consumerOrigin = nil
            if let stash = state.stashedConsumer, stash.origin == state.currentOrigin {
                state.consumerKeyInput = stash.key
                state.consumerSecretInput = stash.secret
                state.consumerOrigin = stash.origin
                state.stashedConsumer = nil
                credentialsChanged(&state)
                state.status = .init(.info, "The key and secret you entered for workspace \(DisplayText.sanitize(stash.origin.workspace, limit: 60)) are back.")
            }
            return
        }
        guard let current = state.currentOrigin else { return }
        guard let origin = state.consumerOrigin else {
            state.consumerOrigin = current
            return
        }
        // An instance not known yet (domains loading) is not a change.
        let sameInstance = origin.instanceID == nil || current.instanceID == nil || origin.instanceID == current.instanceID
        guard origin.workspace != current.workspace || !sameInstance || origin.applicationID != current.applicationID else { return }
        // Step 6 starts afresh, with these set aside.
        let stash = StashedConsumer(origin: origin, key: state.consumerKeyInput, secret: state.consumerSecretInput)
        state.createInBitbucket = .init(stashedConsumer: stash)
        credentialsChanged(&state)
        let place = origin.workspace != current.workspace
            ? "workspace \(DisplayText.sanitize(origin.workspace, limit: 60))" : "the Clerk instance chosen before"
        state.status = .init(.warning, "The key and secret you entered belong to the consumer in \(place), so they were set aside: create the consumer for this choice in step \(WizardStep.createInBitbucket.number), or go back to \(place) to use them.")
    }

    static let tooLongForAConsumer = "That is longer than \(InputLimits.credential) characters, so it was not taken: a consumer's Key or Secret is far shorter. Paste the value alone."
}
