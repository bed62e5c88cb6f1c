import Foundation

/// Everything the wizard knows, as one value. Front ends draw it and send ``WizardAction``s;
/// only ``Wizard/reduce(_:_:)`` changes it.
public struct WizardState: Equatable, Sendable {
    /// Against the real services or the sandbox.
    public enum Mode: Equatable, Sendable { case live, sandbox }

    /// A line under the screen: what just happened, or why Continue did nothing.
    public struct Status: Equatable, Sendable {
        public enum Kind: Equatable, Sendable { case info, success, warning, error }
        public var kind: Kind
        public var text: String
        public init(_ kind: Kind, _ text: String) { self.kind = kind; self.text = DisplayText.sanitize(text, limit: 400) }
    }

    public var mode: Mode
    public var endpoints: Endpoints
    public var step: WizardStep = .connect
    /// After resuming a draft: the step to walk forward to as each step's data arrives.
    public var resumeTarget: WizardStep?
    public var status: Status?

    // 1. Connect
    public var credentials: SessionCredentials
    public var bitbucketUser: RemoteStatus<BitbucketUser> = .idle
    public var clerkAccess: RemoteStatus<ClerkAccess> = .idle

    // 2. Clerk application
    public var selectedApplicationID: String?
    public var selectedInstanceID: String?
    public var domains: [String: RemoteStatus<[ClerkDomain]>] = [:]

    // 3. Workspace
    public var workspaces = WorkspaceList()
    public var workspacesLoad: RemoteStatus<Int> = .idle
    public var selectedWorkspace: String?

    // 4–5. Consumer and scopes
    public var form = ConsumerForm()
    public var scopes = ScopeSet()

    // 6. Create in Bitbucket
    public var consumerKeyInput = ""
    public var consumerSecretInput = Secret("")
    public var sandboxConsumer: RemoteStatus<String> = .idle

    // 7. Key and secret
    public var verification: RemoteStatus<CredentialVerdict> = .idle
    public var secretRevealed = false

    // 8. Sync to Clerk
    public var clerkConfig: RemoteStatus<ClerkConfigSnapshot> = .idle
    public var dryRun: RemoteStatus<ClerkPatchResult> = .idle
    public var applied: RemoteStatus<ClerkPatchResult> = .idle
    public var readBack: RemoteStatus<ClerkConfigSnapshot> = .idle
    public var environmentCheck: RemoteStatus<Bool> = .idle
    /// Manual mode: the user says they saved the values in the Dashboard.
    public var manualSaved = false

    public init(mode: Mode, endpoints: Endpoints, credentials: SessionCredentials) {
        self.mode = mode
        self.endpoints = endpoints
        self.credentials = credentials
    }

    // MARK: Derived values

    public var applications: [ClerkApplication] {
        if case .loaded(.platform(let applications)) = clerkAccess { applications } else { [] }
    }

    public var isManualClerk: Bool { clerkAccess.value?.isManual ?? false }

    public var selectedApplication: ClerkApplication? { applications.first { $0.id == selectedApplicationID } }

    public var selectedInstance: ClerkInstance? { selectedApplication?.instances.first { $0.id == selectedInstanceID } }

    /// The instance being configured and its Callback URL, once known.
    public var target: ClerkTarget? {
        if case .loaded(.manual(let target, _)) = clerkAccess { return target }
        guard let application = selectedApplication, let instance = selectedInstance else { return nil }
        return ClerkTarget(application: application, instance: instance, domains: domains[application.id]?.value ?? [])
    }

    public var formValidation: FormValidation {
        FormValidation(expectedCallbackURL: target?.callbackURL, allowsLoopbackHTTP: mode == .sandbox)
    }

    public var formIssues: [ConsumerField: String] { formValidation.issues(in: form) }

    /// The key and secret as entered, when both pass the paste rules.
    public var consumerCredentials: ConsumerCredentials? {
        guard case .success(let key) = CredentialInput.clean(consumerKeyInput, label: "Key"),
              case .success = CredentialInput.clean(consumerSecretInput.exposed, label: "Secret") else { return nil }
        return ConsumerCredentials(key: key, secret: consumerSecretInput)
    }

    /// The deep link to the workspace's "Add consumer" page.
    public var consumerPageURL: URL? {
        selectedWorkspace.map(endpoints.consumerPageURL(workspace:))
    }

    /// The patch that turns the connection on with the entered credentials.
    public var configPatch: ClerkConfigPatch? {
        guard let credentials = consumerCredentials else { return nil }
        return ClerkConfigPatch(enabled: true, clientID: credentials.key, clientSecret: credentials.secret)
    }

    /// Whether any request this step waits for is on its way (the spinner, and Esc cancels).
    public var isBusy: Bool {
        switch step {
        case .connect: bitbucketUser.isLoading || clerkAccess.isLoading
        case .clerkApplication: selectedApplicationID.map { domains[$0]?.isLoading ?? false } ?? false
        case .workspace: workspacesLoad.isLoading
        case .createInBitbucket: sandboxConsumer.isLoading
        case .keyAndSecret: verification.isLoading
        case .syncToClerk: clerkConfig.isLoading || dryRun.isLoading || applied.isLoading || readBack.isLoading || environmentCheck.isLoading
        default: false
        }
    }
}
