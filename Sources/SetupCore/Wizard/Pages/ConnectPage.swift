/// Step 1, the credentials for Bitbucket and Clerk and the checks of them, as both front ends
/// show it.
public enum ConnectPage {
    public static let bitbucketHeading = "Bitbucket"
    public static let clerkHeading = "Clerk"

    /// The credentials the step shows and asks for, in its order: two for Bitbucket, then
    /// Clerk's keys.
    public enum Credential: CaseIterable, Sendable {
        case email, token, platformKey, secretKey, publishableKey

        public var label: String {
            switch self {
            case .email: "Atlassian email"
            case .token: "API token"
            case .platformKey: "Platform API key"
            case .secretKey: "Secret key"
            case .publishableKey: "Publishable key"
            }
        }

        /// What goes in the field (shown while it is empty).
        public var placeholder: String {
            switch self {
            case .email: "you@example.com"
            case .token: "Atlassian API token"
            case .platformKey, .secretKey, .publishableKey: keyPrefix + (isForManualMode ? " (manual mode)" : "")
            }
        }

        /// How a Clerk key begins ("ak_…"), or "" for the Bitbucket credentials.
        public var keyPrefix: String {
            switch self {
            case .email, .token: ""
            case .platformKey: "ak_…"
            case .secretKey: "sk_…"
            case .publishableKey: "pk_…"
            }
        }

        /// Whether it is only for manual mode (no Platform API access).
        public var isForManualMode: Bool { self == .secretKey || self == .publishableKey }

        /// How the line mode asks for a Clerk key: "Clerk Secret key for manual mode, sk_…".
        public var clerkPrompt: String {
            "Clerk \(label)" + (isForManualMode ? " for manual mode" : "") + ", \(keyPrefix)"
        }

        /// The environment variable it may come from (the key of ``SessionCredentials/sources``).
        public var variable: String {
            switch self {
            case .email: "BITBUCKET_EMAIL"
            case .token: "BITBUCKET_API_TOKEN"
            case .platformKey: "CLERK_PLATFORM_API_KEY"
            case .secretKey: "CLERK_SECRET_KEY"
            case .publishableKey: "CLERK_PUBLISHABLE_KEY"
            }
        }

        /// Whether it is typed hidden and shown masked. (The email and the publishable key
        /// are not secrets: Clerk puts the publishable key in every web page.)
        public var isSecret: Bool { self != .email && self != .publishableKey }

        /// Where the value came from ("environment", "typed here"), or "" when it is not set.
        public func source(_ credentials: SessionCredentials) -> String { credentials.sources[variable]?.rawValue ?? "" }
    }

    /// Where credentials go when an endpoint is overridden (the environment or a config
    /// file), said before they are sent; none for the real services or the sandbox.
    public static func endpointNotes(_ endpoints: Endpoints) -> [PageLine] {
        endpoints.overrideSummary.map { PageLine("Endpoints: \($0)", .warning) }
    }

    /// Where an Atlassian API token is made, and with which scopes.
    public static let atlassianTokenHelp = "Create an API token with scopes (app Bitbucket; read:user:bitbucket, read:workspace:bitbucket) at https://id.atlassian.com/manage-profile/security/api-tokens"

    /// Which Clerk key does what.
    public static let clerkKeysHelp = "A Platform API key (ak_…) or a Clerk CLI sign-in (clerk auth login) lets bbclerk write the connection. Without one, give the secret or publishable key: you paste the values in the Dashboard and bbclerk checks the result."

    /// Whose token it is, "Signed in as Ada Lovelace (ada-lovelace)" (no full stop).
    public static func signedIn(_ user: BitbucketUser) -> String {
        "Signed in as \(DisplayText.sanitize(user.displayName, limit: 60))"
            + (user.username.map { " (\(DisplayText.sanitize($0, limit: 40)))" } ?? "")
    }

    /// What Clerk's check found.
    public static func clerkFound(_ access: ClerkAccess) -> String {
        switch access {
        case .platform(let applications):
            "Platform API: \(applications.count) application\(applications.count == 1 ? "" : "s") found"
        case .manual(let target, let source):
            "Manual mode (\(source.displayName)): \(DisplayText.sanitize(target.frontendAPIURL.host ?? "", limit: 120)). You will paste the values in the Clerk Dashboard."
        }
    }
}
