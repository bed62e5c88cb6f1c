import Basics
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Step 1: which credentials were found, checked live.
extension Wizard {
    static func reduceConnect(_ state: inout WizardState, _ action: WizardAction) -> [WizardEffect] {
        if let refusal = tooLong(action) {
            // Refused whole: a cut token or key would only fail later with a vaguer error.
            state.status = .init(.warning, refusal)
            return []
        }
        switch action {
        case .setBitbucketEmail(let email):
            let email = email.trimmingWhitespaceAndNewlines()
            if email != state.credentials.bitbucketEmail { bitbucketAccountChanged(&state) }
            state.credentials.bitbucketEmail = email
            state.credentials.sources["BITBUCKET_EMAIL"] = .prompt
        case .setBitbucketToken(let token):
            let token = token.isEmpty ? nil : token
            if token != state.credentials.bitbucketToken { bitbucketAccountChanged(&state) }
            state.credentials.bitbucketToken = token
            state.credentials.sources["BITBUCKET_API_TOKEN"] = .prompt
        case .setClerkPlatformKey(let key):
            state.clerkCLILookUpPending = false
            state.credentials.clerkPlatformKey = key.isEmpty ? nil : key
            state.credentials.sources["CLERK_PLATFORM_API_KEY"] = .prompt
            state.clerkAccess = .idle
        case .setClerkSecretKey(let key):
            state.clerkCLILookUpPending = false
            state.credentials.clerkSecretKey = key.isEmpty ? nil : key
            state.credentials.sources["CLERK_SECRET_KEY"] = .prompt
            state.clerkAccess = .idle
        case .setClerkPublishableKey(let key):
            state.clerkCLILookUpPending = false
            state.credentials.clerkPublishableKey = key.trimmingWhitespaceAndNewlines()
            state.credentials.sources["CLERK_PUBLISHABLE_KEY"] = .prompt
            state.clerkAccess = .idle
        case .checkConnections:
            state.bitbucketUser = .idle
            state.clerkAccess = .idle
            // A Clerk CLI sign-in (or none) is read again: it may have been renewed or made
            // since. Never in the sandbox, whose credentials are its own.
            let credentials = state.credentials
            if state.mode == .live, credentials.clerkPlatformKey == nil || credentials.platformKeyIsClerkCLISignIn {
                state.clerkAccess = .loading
                state.clerkCLILookUpPending = true
                return connectIfPossible(&state) + [.lookUpClerkCLISignIn]
            }
            return connectIfPossible(&state)
        case .clerkCLISignInLooked(let signIn):
            // Only the answer still awaited: a key typed meanwhile, or a later Check again, wins.
            guard state.clerkCLILookUpPending, state.clerkAccess == .loading else { break }
            state.clerkCLILookUpPending = false
            if state.credentials.platformKeyIsClerkCLISignIn {
                state.credentials.clerkPlatformKey = nil
                state.credentials.sources["CLERK_PLATFORM_API_KEY"] = nil
            }
            state.credentials.borrow(signIn)
            state.clerkAccess = .idle
            return connectIfPossible(&state)
        case .bitbucketChecked(let result):
            state.bitbucketUser = RemoteStatus(result)
        case .clerkChecked(let result):
            state.clerkAccess = RemoteStatus(result)
            if case .success(.platform(let applications)) = result { keepValidSelection(&state, applications) }
        default:
            break
        }
        return []
    }

    /// A preselected application and instance (from a draft or the config file) survive
    /// only if they exist: an instance alone picks its application, an unknown application
    /// is dropped, and an instance outside the application gives way to its production one.
    static func keepValidSelection(_ state: inout WizardState, _ applications: [ClerkApplication]) {
        if state.selectedApplicationID == nil, let instance = state.selectedInstanceID {
            state.selectedApplicationID = applications.first { $0.instances.contains { $0.id == instance } }?.id
        }
        guard let chosen = state.selectedApplicationID, let application = applications.first(where: { $0.id == chosen }) else {
            state.selectedApplicationID = nil
            state.selectedInstanceID = nil
            return
        }
        if !application.instances.contains(where: { $0.id == state.selectedInstanceID }) {
            state.selectedInstanceID = application.preferredInstance?.id
        }
    }

    /// Other Bitbucket credentials may be another account: its check and its workspace list
    /// start over (the chosen workspace is kept, and checked against the new list).
    static func bitbucketAccountChanged(_ state: inout WizardState) {
        state.bitbucketUser = .idle
        state.workspace = .init(keeping: state.selectedWorkspace)
    }

    /// Starts every check whose credentials are present and not checked yet.
    /// A value whose look is certainly wrong (a Clerk key of another kind, an email as the
    /// token) fails its check here, with the reason, and is not sent.
    static func connectIfPossible(_ state: inout WizardState) -> [WizardEffect] {
        var effects: [WizardEffect] = []
        if state.bitbucketUser == .idle, let credentials = state.credentials.bitbucket {
            if let issue = CredentialInput.shapeIssue(credentials.token.exposed, as: .bitbucketToken) {
                state.bitbucketUser = .failed(notSent(.bitbucket, issue))
            } else {
                state.bitbucketUser = .loading
                effects.append(.checkBitbucket(credentials))
            }
        }
        let credentials = state.credentials
        // The credential the check will use: the Platform key first, then the secret key, then the publishable key.
        let clerk: (String, CredentialInput.Kind, RemoteError.Service)? =
            if let key = credentials.clerkPlatformKey { (key.exposed, .platformKey, .clerkPlatform) }
            else if let key = credentials.clerkSecretKey { (key.exposed, .secretKey, .clerkBackend) }
            else if !credentials.clerkPublishableKey.isEmpty { (credentials.clerkPublishableKey, .publishableKey, .clerkFrontend) }
            else { nil }
        if state.clerkAccess == .idle, let (value, kind, service) = clerk {
            if let issue = CredentialInput.shapeIssue(value, as: kind) {
                state.clerkAccess = .failed(notSent(service, issue))
            } else {
                state.clerkAccess = .loading
                effects.append(.checkClerk(credentials))
            }
        }
        return effects
    }

    private static func notSent(_ service: RemoteError.Service, _ issue: String) -> RemoteError {
        RemoteError(service: service, kind: .badRequest(code: "credential_shape"), userMessage: issue, logDetail: "not sent: the value's shape is wrong")
    }

    /// Why a typed or pasted credential is refused for its length, or nil.
    static func tooLong(_ action: WizardAction) -> String? {
        let (value, limit, label): (String, Int, String)
        switch action {
        case .setBitbucketEmail(let email): (value, limit, label) = (email, InputLimits.email, "The email address")
        case .setBitbucketToken(let token): (value, limit, label) = (token.exposed, InputLimits.credential, "The API token")
        case .setClerkPlatformKey(let key): (value, limit, label) = (key.exposed, InputLimits.credential, "The Platform API key")
        case .setClerkSecretKey(let key): (value, limit, label) = (key.exposed, InputLimits.credential, "The secret key")
        case .setClerkPublishableKey(let key): (value, limit, label) = (key, InputLimits.credential, "The publishable key")
        default: return nil
        }
        return InputLimits.fits(value, limit) ? nil : "\(label) is longer than \(limit) characters, so it was not taken: paste the value alone."
    }
}
