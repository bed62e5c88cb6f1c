/// Step 3: the workspace that will own the consumer.
extension Wizard {
    static func reduceWorkspace(_ state: inout WizardState, _ action: WizardAction) -> [WizardEffect] {
        switch action {
        case .refreshWorkspaces:
            guard let credentials = state.credentials.bitbucket else { return [] }
            state.workspace = .init(keeping: state.selectedWorkspace)
            state.workspacesLoad = .loading
            return [.cancel(.workspaces), .cancel(.workspaceDetails), .loadWorkspaces(credentials)]
        case .workspacePageLoaded(let page, let isLast):
            state.workspaces.append(page: page)
            state.workspaces.isComplete = isLast
            // The list is usable from the first page on; the status says whether more come.
            state.workspacesLoad = isLast ? .loaded(state.workspaces.count) : .loading
            return []
        case .workspacesFailed(let error):
            state.workspacesLoad = .failed(error)
            return []
        case .workspaceRowsVisible(let slugs):
            guard let credentials = state.credentials.bitbucket else { return [] }
            let needed = state.workspaces.claimDetails(for: slugs)
            return needed.isEmpty ? [] : [.loadWorkspaceDetails(needed, credentials)]
        case .workspaceDetailsLoaded(let slug, let result):
            state.workspaces.record(slug, result)
            return []
        case .memberOnlyWorkspacesCounted(let count):
            state.workspaces.memberOnlyCount = count
            return []
        case .workspaceNamesCached(let names):
            state.workspaces.applyCached(names)
            return []
        case .selectWorkspace(let slug):
            guard state.workspaces.entry(slug) != nil else { return [] }
            state.selectedWorkspace = slug
            return []
        default:
            return []
        }
    }
}
