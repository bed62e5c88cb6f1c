/// Sentences the full-screen wizard and the line mode say alike: one place for each, so the
/// two front ends cannot drift apart (issue 12). Text that came from the network is
/// sanitized here (``DisplayText``).
public enum StepTexts {
    /// Connect: where an Atlassian API token is made, and with which scopes.
    public static let atlassianTokenHelp = "Create an API token with scopes (app Bitbucket; read:user:bitbucket, read:workspace:bitbucket) at https://id.atlassian.com/manage-profile/security/api-tokens"

    /// Connect: whose token it is, "Signed in as Ada Lovelace (ada-lovelace)" (no full stop).
    public static func signedIn(_ user: BitbucketUser) -> String {
        "Signed in as \(DisplayText.sanitize(user.displayName, limit: 60))"
            + (user.username.map { " (\(DisplayText.sanitize($0, limit: 40)))" } ?? "")
    }

    /// What is under way while an effect runs, or nil for one that says nothing (local
    /// effects, a cancel).
    public static func progress(_ effect: WizardEffect) -> String? {
        switch effect {
        case .checkBitbucket, .verifyConsumer: checkingBitbucket
        case .checkClerk: checkingClerk
        case .lookUpClerkCLISignIn: nil
        case .loadDomains: "Reading the application's domains from Clerk…"
        case .loadWorkspaces: "Loading your Bitbucket workspaces…"
        case .loadWorkspaceDetails(let slugs, _): "Loading the names of \(slugs.count) workspace\(slugs.count == 1 ? "" : "s")…"
        case .createSandboxConsumer: "Creating the consumer in the sandbox…"
        case .readClerkConfig(_, _, _, .preview): "Reading Clerk's current configuration…"
        case .readClerkConfig(_, _, _, .readBack): "Reading the configuration back from Clerk…"
        case .readClerkConfig(_, _, _, .recheckWrite): "Reading Clerk's configuration again to learn whether the change was applied…"
        case .patchClerkConfig(_, _, _, _, let dryRun, _): dryRun ? "Asking Clerk for a dry run…" : "Applying the change to Clerk…"
        case .checkEnvironment: askingFrontendAPI
        case .checkSignInRedirect: askingSignInRedirect
        case .after(let seconds, let effect): progress(effect).map { "In \(max(1, Int(seconds.rounded(.up)))) s: " + $0.prefix(1).lowercased() + $0.dropFirst() }
        case .cancel, .saveDraft, .discardDraft, .appendAudit, .copyToClipboard, .openInBrowser: nil
        }
    }

    public static let checkingBitbucket = "Checking with Bitbucket…"
    public static let checkingClerk = "Checking with Clerk…"
    /// Sync: while Clerk's Frontend API is asked whether the connection is on.
    public static let askingFrontendAPI = "Asking Clerk's Frontend API whether Bitbucket sign-in is on…"
    /// Sync, manual mode: while a test sign-in (never followed) shows the client_id Clerk uses.
    public static let askingSignInRedirect = "Asking Clerk which client_id it sends sign-ins to Bitbucket with (a test sign-in, never followed)…"
}
