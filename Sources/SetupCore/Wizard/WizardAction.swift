#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Everything that can happen to the wizard: what the user did, and what came back from an
/// effect. Front ends and the effect runner send these; nothing else changes the state.
public enum WizardAction: Equatable, Sendable {
    // Navigation
    case start
    case next
    case back
    case dismissStatus

    // 1. Connect
    case setBitbucketEmail(String)
    case setBitbucketToken(Secret)
    case setClerkPlatformKey(Secret)
    case setClerkSecretKey(Secret)
    case setClerkPublishableKey(String)
    case checkConnections
    case bitbucketChecked(Result<BitbucketUser, RemoteError>)
    case clerkChecked(Result<ClerkAccess, RemoteError>)
    case clerkCLISignInLooked(ClerkCLISignIn)

    // 2. Clerk application
    case selectApplication(String)
    case selectInstance(String)
    case domainsLoaded(application: String, Result<[ClerkDomain], RemoteError>)

    // 3. Workspace
    case refreshWorkspaces
    case workspacePageLoaded([WorkspaceSummary], isLast: Bool)
    case workspacesFailed(RemoteError)
    case workspaceRowsVisible([String])
    case workspaceDetailsLoaded(slug: String, Result<WorkspaceDetails, RemoteError>)
    /// How many workspaces are not listed because the user is not an admin there (nil: unknown).
    case memberOnlyWorkspacesCounted(Int?)
    /// Names kept from an earlier run for workspaces just listed (by slug).
    case workspaceNamesCached([String: WorkspaceDetails])
    case selectWorkspace(String)

    // 4–5. Consumer and scopes
    case setField(ConsumerField, String)
    case setPrivate(Bool)
    case toggleScope(Scope)

    // 6. Create in Bitbucket
    case setConsumerKey(String)
    case setConsumerSecret(Secret)
    case createInSandbox
    case sandboxConsumerCreated(Result<ConsumerCredentials, RemoteError>)

    // 7. Key and secret
    case toggleReveal
    case verify
    case verified(CredentialVerdict)
    /// Go on with a public consumer although only the weaker check could run.
    case acceptWeakVerdict

    // 8. Sync to Clerk
    case previewSync
    case configLoaded(Result<ClerkConfigSnapshot, RemoteError>)
    case dryRunFinished(Result<ClerkPatchResult, RemoteError>)
    case applySync
    case applyFinished(Result<ClerkPatchResult, RemoteError>)
    case readBackFinished(Result<ClerkConfigSnapshot, RemoteError>)
    /// The config read again after an apply whose answer was lost.
    case writeRechecked(Result<ClerkConfigSnapshot, RemoteError>)
    case markManualSaved
    case checkEnvironment
    case environmentChecked(Result<FrontendCheck, RemoteError>)
    /// Where Clerk sends a test sign-in (manual mode, after the Frontend API showed Bitbucket on).
    case signInRedirectChecked(Result<BitbucketAuthorizeRedirect, RemoteError>)

    // Anywhere
    /// Something the front end learned (a browser that could not open, a theme or draft
    /// that could not be used) shown in the status line.
    case notify(WizardState.Status)
    /// Restores a saved draft's answers and walks forward to its step as checks pass.
    case resume(WizardDraft)
    case cancelPending
    /// `c`: copy `value` (named `label` in the status) to the user's clipboard.
    case copy(label: String, value: Secret)
    /// Sent to the terminal's clipboard; `hint`: what to check if it does not arrive.
    case copied(label: String, hint: String?)
    /// `o`: open `url` in a browser.
    case openLink(URL)
    /// The browser was started, or `problem` says why none opens here.
    case linkOpened(problem: String?)

    // The session's files (Wizard+Record)
    /// The front end keeps a draft and an audit log from now on; `interruptedWrite`: an
    /// earlier run's apply whose answer never came.
    case startRecording(interruptedWrite: InterruptedWrite?)
    /// The user declined to resume the saved draft: it goes.
    case declineResume
    /// A draft or audit write failed; `problem` says so (shown once).
    case recordFailed(String)
    /// bbclerk is ending, however it ends: an apply still out is recorded as such.
    case sessionEnded
}

