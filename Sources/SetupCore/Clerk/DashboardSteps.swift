/// Where Bitbucket's custom credentials go in the Clerk Dashboard, for manual mode and for
/// every fix that sends the user there. One text, so the wizard, the line mode, `apply`,
/// `doctor` and the README cannot drift apart.
///
/// clerk-docs `docs/guides/configure/auth-strategies/social-connections/bitbucket.mdx`
/// (rewritten 2026-01-20 for the Dashboard redesign): "SSO connections" page → "Select Add
/// connection and select For all users" → "Select Bitbucket from the provider list" →
/// "Ensure that both Enable for sign-up and sign-in and Use custom credentials are toggled
/// on" → paste the Key and Secret → Save. The fields are "Client ID" and "Client Secret".
public enum DashboardSteps {
    /// The path, as one line.
    public static let path = "SSO connections → Add connection → For all users → Bitbucket → Use custom credentials"

    /// Numbered steps, ending where the values are pasted.
    public static let lines = [
        "1. Open the Clerk Dashboard (https://dashboard.clerk.com) and choose this application and instance.",
        "2. SSO connections → Add connection → For all users → Bitbucket (if Bitbucket is already listed, open it).",
        "3. Turn on \"Enable for sign-up and sign-in\" and \"Use custom credentials\".",
        "4. Paste these as Client ID and Client Secret, then Save:",
    ]
}
