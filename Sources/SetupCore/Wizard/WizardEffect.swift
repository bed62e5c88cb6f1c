import Foundation

/// Work the reducer asks for, as data: the effect runner (network) or the front end
/// (clipboard, browser) carries it out and answers with actions.
public enum WizardEffect: Equatable, Sendable {
    case checkBitbucket(BitbucketCredentials)
    case checkClerk(SessionCredentials)
    case loadDomains(application: String, platformKey: Secret)
    case loadWorkspaces(BitbucketCredentials)
    case loadWorkspaceDetails([String], BitbucketCredentials)
    case createSandboxConsumer(workspace: String, form: ConsumerForm, scopes: [Scope], BitbucketCredentials)
    case verifyConsumer(ConsumerCredentials)
    case readClerkConfig(application: String, instance: String, platformKey: Secret, purpose: ConfigReadPurpose)
    case patchClerkConfig(ClerkConfigPatch, application: String, instance: String, ifMatch: String?, dryRun: Bool, platformKey: Secret)
    case checkEnvironment(frontendAPIURL: URL)
    case cancel(EffectKey)

    /// Why the config is read: before a dry run, or to confirm an applied change.
    public enum ConfigReadPurpose: Equatable, Sendable { case preview, readBack }

    /// Which in-flight work an effect belongs to, so Esc can cancel it.
    public enum EffectKey: Hashable, Sendable {
        case connect, domains, workspaces, workspaceDetails, sandboxConsumer, verification, clerkConfig, environment
    }

    public var key: EffectKey? {
        switch self {
        case .checkBitbucket, .checkClerk: .connect
        case .loadDomains: .domains
        case .loadWorkspaces: .workspaces
        case .loadWorkspaceDetails: .workspaceDetails
        case .createSandboxConsumer: .sandboxConsumer
        case .verifyConsumer: .verification
        case .readClerkConfig, .patchClerkConfig: .clerkConfig
        case .checkEnvironment: .environment
        case .cancel: nil
        }
    }
}
