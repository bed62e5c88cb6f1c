/// The state of each step, grouped by step: what one step knows goes together, so a step
/// (or the part of it that an earlier answer makes stale) starts afresh with `= .init()`
/// rather than a list of fields that a new field could be left out of.
extension WizardState {
    /// 1. Connect: what the live checks found.
    public struct Connect: Equatable, Sendable {
        public var bitbucketUser: RemoteStatus<BitbucketUser> = .idle
        public var clerkAccess: RemoteStatus<ClerkAccess> = .idle
        /// Whether the Clerk CLI's sign-in is being read again (its answer then starts the Clerk check).
        public var clerkCLILookUpPending = false
        public init() {}
    }

    /// 2. Clerk application: the choice, and each application's domains as they load.
    public struct Application: Equatable, Sendable {
        public var selectedApplicationID: String?
        public var selectedInstanceID: String?
        public var domains: [String: RemoteStatus<[ClerkDomain]>] = [:]
        public init() {}
    }

    /// 3. Workspace: the list as it loads, and the choice.
    public struct Workspace: Equatable, Sendable {
        public var workspaces = WorkspaceList()
        public var workspacesLoad: RemoteStatus<Int> = .idle
        public var selectedWorkspace: String?

        /// No list loaded; `selectedWorkspace` kept (checked against the next list).
        public init(keeping selectedWorkspace: String? = nil) {
            self.selectedWorkspace = selectedWorkspace
        }
    }

    /// 6. Create in Bitbucket: the key and secret entered, and where they belong.
    public struct CreateInBitbucket: Equatable, Sendable {
        public var consumerKeyInput = ""
        public var consumerSecretInput = Secret("")
        public var sandboxConsumer: RemoteStatus<String> = .idle
        /// Where the entered key and secret belong: the workspace and Clerk instance they were
        /// entered for. Choosing another workspace or instance sets them aside (``stashedConsumer``).
        public var consumerOrigin: ConsumerOrigin?
        /// A key and secret set aside because the workspace or instance changed; they come back
        /// when their own workspace and instance are chosen again.
        public var stashedConsumer: StashedConsumer?

        /// Nothing entered; `stashedConsumer` kept aside.
        public init(stashedConsumer: StashedConsumer? = nil) {
            self.stashedConsumer = stashedConsumer
        }
    }

    /// 7. Key and secret: the verdict on the entered credentials, and what the user chose
    /// about it. All of it is about one key and secret: new ones start it afresh.
    public struct KeyAndSecret: Equatable, Sendable {
        public var verification: RemoteStatus<CredentialVerdict> = .idle
        public var secretRevealed = false
        /// The user chose to go on with a public consumer's weaker check.
        public var weakVerdictAccepted = false
        public init() {}
    }

    /// 8. Sync to Clerk.
    public struct Sync: Equatable, Sendable {
        /// What Clerk said about this change, for this target: a new target or new
        /// credentials start it afresh (``Wizard/resetSync(_:)``).
        public var answers = Answers()
        /// Reads so far while waiting for Clerk's config to show an applied change.
        public var readBackAttempts = 0
        /// After an apply whose answer was lost: what re-reading the config found.
        public var writeCheck: WriteCheck?
        /// Frontend API checks so far while waiting for the change to show there.
        public var environmentAttempts = 0
        /// Manual mode: the user says they saved the values in the Dashboard.
        public var manualSaved = false
        public init() {}

        public struct Answers: Equatable, Sendable {
            public var clerkConfig: RemoteStatus<ClerkConfigSnapshot> = .idle
            public var dryRun: RemoteStatus<ClerkPatchResult> = .idle
            public var applied: RemoteStatus<ClerkPatchResult> = .idle
            public var readBack: RemoteStatus<ClerkConfigSnapshot> = .idle
            public var environmentCheck: RemoteStatus<FrontendCheck> = .idle
            /// Manual mode, once the Frontend API shows Bitbucket on: which client_id and
            /// redirect_uri Clerk sends users to Bitbucket with, judged against the Key and the
            /// Callback URL (a refused or failed request is a loaded ``SignInRedirectVerdict/couldNotCheck(_:)``).
            public var signInRedirect: RemoteStatus<SignInRedirectVerdict> = .idle
            public init() {}
        }
    }
}
