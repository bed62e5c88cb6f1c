#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Work the reducer asks for, as data: the effect runner carries it out (network calls in
/// tasks, the local work of ``isLocal`` at once) and answers with actions. Nothing the wizard
/// does to the world happens any other way, so both front ends do the same and tests see it.
public enum WizardEffect: Equatable, Sendable {
    case checkBitbucket(BitbucketCredentials)
    case checkClerk(SessionCredentials)
    /// Read the Clerk CLI's sign-in again (the user may have run `clerk auth login` since).
    case lookUpClerkCLISignIn
    case loadDomains(application: String, platformKey: Secret)
    case loadWorkspaces(BitbucketCredentials)
    case loadWorkspaceDetails([String], BitbucketCredentials)
    case createSandboxConsumer(workspace: String, form: ConsumerForm, scopes: [Scope], BitbucketCredentials)
    case verifyConsumer(ConsumerCredentials)
    case readClerkConfig(application: String, instance: String, platformKey: Secret, purpose: ConfigReadPurpose)
    case patchClerkConfig(ClerkConfigPatch, application: String, instance: String, ifMatch: String?, dryRun: Bool, platformKey: Secret)
    case checkEnvironment(FrontendProbe)
    /// A test sign-in: which client_id and redirect_uri Clerk sends users to Bitbucket with
    /// (``ClerkClient/signInRedirect(_:redirectURL:)``), never followed.
    case checkSignInRedirect(FrontendProbe, redirectURL: URL)
    /// `effect`, after waiting `seconds` (backoff while Clerk's reads catch up).
    indirect case after(seconds: Double, WizardEffect)
    case cancel(EffectKey)

    // Local work, done at once (``isLocal``)
    /// Replace the saved draft (the runner stamps its time).
    case saveDraft(WizardDraft)
    /// Remove the saved draft (Done, or a resume declined).
    case discardDraft
    /// One line at the end of the audit log (the runner stamps its time).
    case appendAudit(AuditEntry)
    /// Send `value` to the user's clipboard; answered with ``WizardAction/copied(label:hint:)``.
    case copyToClipboard(label: String, value: Secret)
    /// Open `url` in a browser; answered with ``WizardAction/linkOpened(problem:)``.
    case openInBrowser(URL)

    /// Why the config is read: before a dry run (with its schema), to confirm an applied
    /// change, or to learn whether an apply whose answer was lost landed.
    public enum ConfigReadPurpose: Equatable, Sendable { case preview, readBack, recheckWrite }

    /// Which in-flight work an effect belongs to, so Esc can cancel it.
    public enum EffectKey: Hashable, Sendable {
        case connect, domains, workspaces, workspaceDetails, sandboxConsumer, verification, clerkConfig, environment, signInRedirect
    }

    public var key: EffectKey? {
        switch self {
        case .checkBitbucket, .checkClerk, .lookUpClerkCLISignIn: .connect
        case .loadDomains: .domains
        case .loadWorkspaces: .workspaces
        case .loadWorkspaceDetails: .workspaceDetails
        case .createSandboxConsumer: .sandboxConsumer
        case .verifyConsumer: .verification
        case .readClerkConfig, .patchClerkConfig: .clerkConfig
        case .checkEnvironment: .environment
        case .checkSignInRedirect: .signInRedirect
        case .after(_, let effect): effect.key
        case .cancel, .saveDraft, .discardDraft, .appendAudit, .copyToClipboard, .openInBrowser: nil
        }
    }

    /// Work on this machine that takes no time worth a task: files, clipboard, browser. The
    /// front ends have ``EffectRunner/perform(_:)`` do it at once, in order, so a draft is
    /// on disk before bbclerk can end and an apply's attempt line before its PATCH leaves.
    public var isLocal: Bool {
        switch self {
        case .saveDraft, .discardDraft, .appendAudit, .copyToClipboard, .openInBrowser: true
        default: false
        }
    }
}

/// How to ask Clerk's Frontend API about an instance: where it is, whether it is a
/// development instance (which wants a dev-browser token first), and, with a Platform
/// credential, the domain whose DNS status to read before (a production host does not
/// resolve until its DNS is verified).
public struct FrontendProbe: Equatable, Sendable {
    public var frontendAPIURL: URL
    public var isDevelopment: Bool
    public var domainStatus: DomainStatusSource?

    public init(frontendAPIURL: URL, isDevelopment: Bool, domainStatus: DomainStatusSource? = nil) {
        self.frontendAPIURL = frontendAPIURL
        self.isDevelopment = isDevelopment
        self.domainStatus = domainStatus
    }

    /// Where a domain's status can be read through the Platform API.
    public struct DomainStatusSource: Equatable, Sendable {
        public var application: String
        public var domain: String
        public var platformKey: Secret

        public init(application: String, domain: String, platformKey: Secret) {
            self.application = application
            self.domain = domain
            self.platformKey = platformKey
        }
    }
}
