#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Everything the wizard knows, as one value. Front ends draw it and send ``WizardAction``s;
/// only ``Wizard/reduce(_:_:)`` changes it.
public struct WizardState: Equatable, Sendable {
    /// Against the real services or the sandbox.
    public enum Mode: Equatable, Sendable { case live, sandbox }

    /// A line under the screen: what just happened, or why Continue did nothing.
    public struct Status: Equatable, Sendable {
        public enum Kind: Equatable, Sendable { case info, success, warning, error }
        public var kind: Kind
        /// The message without keys: every front end shows it as it is.
        public var text: String
        /// The actions the message points to, which each front end offers its own way.
        public var next: [NextAction]
        public init(_ kind: Kind, _ text: String, next: [NextAction] = []) {
            self.kind = kind
            self.text = DisplayText.sanitize(text, limit: 400)
            self.next = next
        }
    }

    public var mode: Mode
    public var endpoints: Endpoints
    public var step: WizardStep = .connect
    /// After resuming a draft: the step to walk forward to as each step's data arrives.
    public var resumeTarget: WizardStep?
    public var status: Status?
    /// The session's draft and audit bookkeeping; nil when it keeps no files.
    public var recording: SessionRecord?

    // 1. Connect
    public var credentials: SessionCredentials
    // The state of each step, one value each, so starting a step (or part of one) afresh
    // is `state.x = .init()`, never a list of fields to remember (WizardState+Steps).
    public var connect = Connect()
    public var application = Application()
    public var workspace = Workspace()
    // 4–5. Consumer and scopes
    public var form = ConsumerForm()
    public var scopes = ScopeSet()
    public var createInBitbucket = CreateInBitbucket()
    public var keyAndSecret = KeyAndSecret()
    public var sync = Sync()

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

    /// Clerk's Frontend API shows Bitbucket sign-in on.
    public var signInConfirmed: Bool { environmentCheck.value?.isOn == true }

    /// Where the key and secret would belong if entered now.
    public var currentOrigin: ConsumerOrigin? {
        guard let workspace = selectedWorkspace else { return nil }
        let instance: String? = if case .loaded(.manual(let target, _)) = clerkAccess { target.instanceID } else { selectedInstanceID }
        return ConsumerOrigin(workspace: workspace, applicationID: selectedApplicationID, instanceID: instance)
    }

    /// The workspace the consumer whose key was entered lives in (what Done and the audit
    /// log name), else the one chosen.
    public var consumerWorkspace: String? { consumerOrigin?.workspace ?? selectedWorkspace }

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

    /// A write to Clerk is on its way, or its outcome is being read back after a lost answer:
    /// nothing may start another.
    public var isWriting: Bool { applied.isLoading || writeCheck?.isChecking == true }

    /// Whether any request this step waits for is on its way (the spinner, and Esc cancels).
    public var isBusy: Bool {
        switch step {
        case .connect: bitbucketUser.isLoading || clerkAccess.isLoading
        case .clerkApplication: selectedApplicationID.map { domains[$0]?.isLoading ?? false } ?? false
        case .workspace: workspacesLoad.isLoading
        case .createInBitbucket: sandboxConsumer.isLoading
        case .keyAndSecret: verification.isLoading
        case .syncToClerk: clerkConfig.isLoading || dryRun.isLoading || isWriting || readBack.isLoading || environmentCheck.isLoading || signInRedirect.isLoading
        default: false
        }
    }
}

/// The workspace and Clerk instance a consumer's key and secret were entered for.
public struct ConsumerOrigin: Equatable, Sendable {
    public var workspace: String
    public var applicationID: String?
    public var instanceID: String?

    public init(workspace: String, applicationID: String?, instanceID: String?) {
        self.workspace = workspace
        self.applicationID = applicationID
        self.instanceID = instanceID
    }
}

/// A key and secret set aside with where they belong.
public struct StashedConsumer: Equatable, Sendable {
    public var origin: ConsumerOrigin
    public var key: String
    public var secret: Secret

    /// Said where new credentials are asked for, so the empty fields are not a surprise.
    public var notice: String {
        "The Key and Secret entered earlier belong to the consumer in workspace \(DisplayText.sanitize(origin.workspace, limit: 60)), so they were set aside: paste this workspace's consumer's, or choose \(DisplayText.sanitize(origin.workspace, limit: 60)) again to get them back."
    }
}

/// Re-reading the config after an apply whose answer was lost.
public struct WriteCheck: Equatable, Sendable {
    /// Why the answer was lost.
    public var cause: RemoteError
    /// The version the write was guarded by.
    public var guardVersion: String?
    public var attempts = 0
    /// Nil while reading.
    public var outcome: WriteOutcome?
    /// The re-read's own failure, for ``WriteOutcome/unknown``.
    public var recheckError: RemoteError?

    public var isChecking: Bool { outcome == nil }

    public var userMessage: String {
        outcome?.userMessage(cause: cause, recheckError: recheckError, waited: PropagationBackoff.waited(after: attempts))
            ?? "Clerk's answer to the change did not arrive (\(RemoteText.clause(cause.userMessage))): reading the configuration again to see whether it was applied…"
    }
}

/// What Clerk's Frontend API shows, as a user's browser would see it.
public enum FrontendCheck: Equatable, Sendable {
    /// `user_settings.social.oauth_bitbucket`: `enabled`, and `authenticatable` (sign-in,
    /// not only linking an account).
    case signIn(enabled: Bool, authenticatable: Bool)
    /// A production domain whose DNS Clerk has not verified yet: its Frontend API host does
    /// not answer until then. `records` are the CNAMEs to add, as "host → target".
    case dnsNotVerified(host: String, records: [String])
    /// DNS is verified but the host's certificate is not issued yet (`ssl.status`).
    case sslPending(host: String, status: String)

    public var isOn: Bool { self == .signIn(enabled: true, authenticatable: true) }

    /// What was found, in one sentence.
    public var userMessage: String {
        switch self {
        case .signIn(true, true):
            "Clerk's Frontend API shows Bitbucket sign-in enabled."
        case .signIn(true, false):
            "Clerk's Frontend API shows Bitbucket enabled but not for sign-in (authenticatable is off): turn on \"Enable for sign-up and sign-in\" for Bitbucket in the Clerk Dashboard."
        case .signIn(false, _):
            "Clerk's Frontend API does not show Bitbucket sign-in as enabled yet."
        case .dnsNotVerified(let host, let records):
            "DNS for \(DisplayText.sanitize(host, limit: 120)) is not verified yet, so Clerk's Frontend API cannot be reached there: "
                + (records.isEmpty ? "add the CNAME records shown under Domains in the Clerk Dashboard" : "add the CNAME " + records.map { DisplayText.sanitize($0, limit: 160) }.joined(separator: ", "))
                + ", then check again (DNS can take a while to propagate)."
        case .sslPending(let host, let status):
            "Clerk has verified the DNS for \(DisplayText.sanitize(host, limit: 120)) but its certificate is not issued yet (status \(DisplayText.sanitize(status, limit: 40))): check again in a few minutes."
        }
    }
}
