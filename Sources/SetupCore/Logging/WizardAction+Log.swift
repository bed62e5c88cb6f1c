extension WizardAction {
    /// The remote error an effect's answer carries, if any (for the log).
    var remoteError: RemoteError? {
        func failure<T>(_ result: Result<T, RemoteError>) -> RemoteError? {
            if case .failure(let error) = result { return error }
            return nil
        }
        switch self {
        case .bitbucketChecked(let r): return failure(r)
        case .clerkChecked(let r): return failure(r)
        case .domainsLoaded(_, let r): return failure(r)
        case .workspacesFailed(let error): return error
        case .workspaceDetailsLoaded(_, let r): return failure(r)
        case .sandboxConsumerCreated(let r): return failure(r)
        case .configLoaded(let r): return failure(r)
        case .dryRunFinished(let r): return failure(r)
        case .applyFinished(let r): return failure(r)
        case .readBackFinished(let r): return failure(r)
        case .environmentChecked(let r): return failure(r)
        case .verified(.failed(let error)): return error
        default: return nil
        }
    }
}

extension BBClerkLog {
    /// Logs what a reduce changed that is worth keeping: arriving on a new step, and the
    /// remote error an answer carried (its `logDetail`), both at `info`.
    static func wizard(_ action: WizardAction, state: WizardState, previousStep: WizardStep?) {
        if let error = action.remoteError { remoteError(error) }
        if state.step != previousStep {
            logger.info("step \(state.step.number) · \(state.step.title)")
        }
    }
}
