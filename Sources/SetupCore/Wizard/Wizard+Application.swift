/// Step 2: the Clerk application and instance, production preselected.
extension Wizard {
    static func reduceApplication(_ state: inout WizardState, _ action: WizardAction) -> [WizardEffect] {
        switch action {
        case .selectApplication(let id):
            guard let application = state.applications.first(where: { $0.id == id }) else { return [] }
            if state.selectedApplicationID != id {
                state.selectedApplicationID = id
                state.selectedInstanceID = application.preferredInstance?.id
                resetSync(&state)
            }
            return loadDomainsIfNeeded(&state, application: id)
        case .selectInstance(let id):
            guard state.selectedApplication?.instances.contains(where: { $0.id == id }) == true else { return [] }
            if state.selectedInstanceID != id {
                state.selectedInstanceID = id
                resetSync(&state)
            }
            return []
        case .domainsLoaded(let application, let result):
            state.domains[application] = RemoteStatus(result)
            return []
        default:
            return []
        }
    }

    static func loadDomainsIfNeeded(_ state: inout WizardState, application: String) -> [WizardEffect] {
        guard let key = state.credentials.clerkPlatformKey else { return [] }
        switch state.domains[application] {
        case .loaded, .loading: return []
        default:
            state.domains[application] = .loading
            return [.loadDomains(application: application, platformKey: key)]
        }
    }

    /// A different instance means the preview and any result belong to another target.
    static func resetSync(_ state: inout WizardState) {
        state.sync.answers = .init()
    }
}
