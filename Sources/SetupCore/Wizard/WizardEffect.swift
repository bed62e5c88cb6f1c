#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Work the reducer asks for, as data: the effect runner (network) or the front end
/// (clipboard, browser) carries it out and answers with actions.
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
        case .cancel: nil
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
