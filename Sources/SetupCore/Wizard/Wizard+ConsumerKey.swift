/// Steps 6 and 7: the key and secret Bitbucket generated, and their live verification.
extension Wizard {
    static func reduceConsumerKey(_ state: inout WizardState, _ action: WizardAction) -> [WizardEffect] {
        switch action {
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
        state.verification = .idle
        state.secretRevealed = false
        resetSync(&state)
    }
}
