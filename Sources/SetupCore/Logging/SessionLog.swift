/// What a wizard session writes to the log file, whatever front end drives it: each arrival
/// on a step once, each remote error's detail; and the secrets the log's redactor must know
/// about, told once each (not on every action). The draft and the audit log are effects
/// (``Wizard/record(_:after:)``); the log file is the one diagnostic channel left outside
/// the reducer, and it changes nothing the user sees.
public final class SessionLog {
    private var registered: Set<Secret> = []
    /// The step last written to the log, to log each arrival once.
    private var loggedStep: WizardStep?

    public init() {}

    /// Call after every reduce with the action that was applied and the new state.
    public func note(_ action: WizardAction, state: WizardState) {
        registerSecrets(state)
        BBClerkLog.wizard(action, state: state, previousStep: loggedStep)
        loggedStep = state.step
    }

    private func registerSecrets(_ state: WizardState) {
        let credentials = state.credentials
        let secrets = [credentials.bitbucketToken, credentials.clerkPlatformKey, credentials.clerkSecretKey,
                       state.consumerSecretInput].compactMap { $0 }.filter { !$0.isEmpty }
        for secret in secrets where registered.insert(secret).inserted {
            SecretRedactor.shared.register(secret)
        }
    }
}
