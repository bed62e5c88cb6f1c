/// The steps' fields under the names they had when the state was flat, so code that reads
/// or sets one field needs no path; resets go through the groups (WizardState+Steps).
/// `_modify` rather than `set`: a change in place (a page appended to 10,000 workspaces)
/// must not copy the field first.
extension WizardState {
    // connect
    public var bitbucketUser: RemoteStatus<BitbucketUser> { get { connect.bitbucketUser } _modify { yield &connect.bitbucketUser } }
    public var clerkAccess: RemoteStatus<ClerkAccess> { get { connect.clerkAccess } _modify { yield &connect.clerkAccess } }
    public var clerkCLILookUpPending: Bool { get { connect.clerkCLILookUpPending } _modify { yield &connect.clerkCLILookUpPending } }

    // application
    public var selectedApplicationID: String? { get { application.selectedApplicationID } _modify { yield &application.selectedApplicationID } }
    public var selectedInstanceID: String? { get { application.selectedInstanceID } _modify { yield &application.selectedInstanceID } }
    public var domains: [String: RemoteStatus<[ClerkDomain]>] { get { application.domains } _modify { yield &application.domains } }

    // workspace
    public var workspaces: WorkspaceList { get { workspace.workspaces } _modify { yield &workspace.workspaces } }
    public var workspacesLoad: RemoteStatus<Int> { get { workspace.workspacesLoad } _modify { yield &workspace.workspacesLoad } }
    public var selectedWorkspace: String? { get { workspace.selectedWorkspace } _modify { yield &workspace.selectedWorkspace } }

    // createInBitbucket
    public var consumerKeyInput: String { get { createInBitbucket.consumerKeyInput } _modify { yield &createInBitbucket.consumerKeyInput } }
    public var consumerSecretInput: Secret { get { createInBitbucket.consumerSecretInput } _modify { yield &createInBitbucket.consumerSecretInput } }
    public var sandboxConsumer: RemoteStatus<String> { get { createInBitbucket.sandboxConsumer } _modify { yield &createInBitbucket.sandboxConsumer } }
    public var consumerOrigin: ConsumerOrigin? { get { createInBitbucket.consumerOrigin } _modify { yield &createInBitbucket.consumerOrigin } }
    public var stashedConsumer: StashedConsumer? { get { createInBitbucket.stashedConsumer } _modify { yield &createInBitbucket.stashedConsumer } }

    // keyAndSecret
    public var verification: RemoteStatus<CredentialVerdict> { get { keyAndSecret.verification } _modify { yield &keyAndSecret.verification } }
    public var secretRevealed: Bool { get { keyAndSecret.secretRevealed } _modify { yield &keyAndSecret.secretRevealed } }
    public var weakVerdictAccepted: Bool { get { keyAndSecret.weakVerdictAccepted } _modify { yield &keyAndSecret.weakVerdictAccepted } }

    // sync
    public var clerkConfig: RemoteStatus<ClerkConfigSnapshot> { get { sync.answers.clerkConfig } _modify { yield &sync.answers.clerkConfig } }
    public var dryRun: RemoteStatus<ClerkPatchResult> { get { sync.answers.dryRun } _modify { yield &sync.answers.dryRun } }
    public var applied: RemoteStatus<ClerkPatchResult> { get { sync.answers.applied } _modify { yield &sync.answers.applied } }
    public var readBack: RemoteStatus<ClerkConfigSnapshot> { get { sync.answers.readBack } _modify { yield &sync.answers.readBack } }
    public var readBackAttempts: Int { get { sync.readBackAttempts } _modify { yield &sync.readBackAttempts } }
    public var writeCheck: WriteCheck? { get { sync.writeCheck } _modify { yield &sync.writeCheck } }
    public var environmentCheck: RemoteStatus<FrontendCheck> { get { sync.answers.environmentCheck } _modify { yield &sync.answers.environmentCheck } }
    public var environmentAttempts: Int { get { sync.environmentAttempts } _modify { yield &sync.environmentAttempts } }
    public var manualSaved: Bool { get { sync.manualSaved } _modify { yield &sync.manualSaved } }
    public var signInRedirect: RemoteStatus<SignInRedirectVerdict> { get { sync.answers.signInRedirect } _modify { yield &sync.answers.signInRedirect } }
}
