/// Step 8, the change to Clerk (or, in manual mode, the Dashboard steps), as both front ends
/// show it. What the checks mean is said by the reducer's status and ``DashboardSteps``.
public enum SyncPage {
    /// "Clerk: Acme · production · clerk.acme.example".
    public static func heading(_ target: ClerkTarget) -> String {
        "Clerk: \(DisplayText.sanitize(target.applicationName, limit: 40)) · \(target.environment.name) · \(DisplayText.sanitize(target.frontendAPIURL.host ?? "", limit: 120))"
    }

    /// Above the diff of `connection_oauth_bitbucket`.
    public static func diffHeading(applied: Bool) -> String {
        applied ? "The change applied to connection_oauth_bitbucket:"
            : "The change to connection_oauth_bitbucket (a dry run: nothing applied yet):"
    }

    /// Clerk's answer to the change: applied, in its configuration version.
    public static func applied(_ result: ClerkPatchResult) -> PageLine {
        PageLine("Applied to Clerk: config version \(DisplayText.sanitize(result.configVersion, limit: 40)).", .success, mark: .check)
    }

    /// The change as Clerk answered it: applied, else the dry run's; nil before either.
    /// Fields Clerk's schema marks sensitive show as set or not, never their value.
    public static func diff(_ state: WizardState) -> [ConfigDiffLine]? {
        guard let change = state.applied.value ?? state.dryRun.value else { return nil }
        let sensitive = state.clerkConfig.value?.sensitiveFields ?? ConfigDiff.defaultSensitiveFields
        return ConfigDiff(change, patch: state.configPatch, sensitiveFields: sensitive).lines
    }

    /// What Clerk's Dashboard calls the consumer's Key and Secret.
    public static let clientIDLabel = "Client ID"
    public static let clientSecretLabel = "Client Secret"

    /// What reading the configuration back found (no judgement: the status says whether it
    /// is the change).
    public static func readBack(_ snapshot: ClerkConfigSnapshot) -> String {
        "Read back: enabled \(snapshot.connection.enabled == true ? "yes" : "no"), client_id \(DisplayText.sanitize(snapshot.connection.clientID ?? "none", limit: 40))."
    }
}
