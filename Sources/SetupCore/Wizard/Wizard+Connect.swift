import Foundation

/// Step 1: which credentials were found, checked live.
extension Wizard {
    static func reduceConnect(_ state: inout WizardState, _ action: WizardAction) -> [WizardEffect] {
        switch action {
        case .setBitbucketEmail(let email):
            state.credentials.bitbucketEmail = email.trimmingCharacters(in: .whitespacesAndNewlines)
            state.credentials.sources["BITBUCKET_EMAIL"] = .prompt
            state.bitbucketUser = .idle
        case .setBitbucketToken(let token):
            state.credentials.bitbucketToken = token.isEmpty ? nil : token
            state.credentials.sources["BITBUCKET_API_TOKEN"] = .prompt
            state.bitbucketUser = .idle
        case .setClerkPlatformKey(let key):
            state.credentials.clerkPlatformKey = key.isEmpty ? nil : key
            state.credentials.sources["CLERK_PLATFORM_API_KEY"] = .prompt
            state.clerkAccess = .idle
        case .setClerkSecretKey(let key):
            state.credentials.clerkSecretKey = key.isEmpty ? nil : key
            state.credentials.sources["CLERK_SECRET_KEY"] = .prompt
            state.clerkAccess = .idle
        case .setClerkPublishableKey(let key):
            state.credentials.clerkPublishableKey = key.trimmingCharacters(in: .whitespacesAndNewlines)
            state.credentials.sources["CLERK_PUBLISHABLE_KEY"] = .prompt
            state.clerkAccess = .idle
        case .checkConnections:
            state.bitbucketUser = .idle
            state.clerkAccess = .idle
            return connectIfPossible(&state)
        case .bitbucketChecked(let result):
            state.bitbucketUser = RemoteStatus(result)
            if case .success(let user) = result, !state.workspaces.entries.isEmpty, state.bitbucketUser.value != user {
                state.workspaces = WorkspaceList()
            }
        case .clerkChecked(let result):
            state.clerkAccess = RemoteStatus(result)
            if case .success(.platform(let applications)) = result,
               let chosen = state.selectedApplicationID, !applications.contains(where: { $0.id == chosen }) {
                state.selectedApplicationID = nil
                state.selectedInstanceID = nil
            }
        default:
            break
        }
        return []
    }

    /// Starts every check whose credentials are present and not checked yet.
    static func connectIfPossible(_ state: inout WizardState) -> [WizardEffect] {
        var effects: [WizardEffect] = []
        if state.bitbucketUser == .idle, let credentials = state.credentials.bitbucket {
            state.bitbucketUser = .loading
            effects.append(.checkBitbucket(credentials))
        }
        let credentials = state.credentials
        let hasClerk = credentials.clerkPlatformKey != nil || credentials.clerkSecretKey != nil || !credentials.clerkPublishableKey.isEmpty
        if state.clerkAccess == .idle, hasClerk {
            state.clerkAccess = .loading
            effects.append(.checkClerk(credentials))
        }
        return effects
    }
}
