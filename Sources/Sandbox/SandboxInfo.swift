#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// What a running sandbox tells its users: base URLs and the seeded credentials.
/// Encodes with exactly these snake_case keys (the `bbclerk sandbox` subcommand prints it
/// as one JSON line, which scripts and end-to-end tests parse).
public struct SandboxInfo: Sendable, Codable, Equatable {
    /// `http://HOST:PORT/bitbucket-api/2.0`
    public var bitbucket_api_url: String
    /// `http://HOST:PORT/bitbucket-web` (token endpoint at `/site/oauth2/access_token`).
    public var bitbucket_web_url: String
    /// `http://HOST:PORT/clerk-api/v1` (Platform API under `/platform`, Backend API `/instance`, `/domains`).
    public var clerk_api_url: String
    /// `http://HOST:PORT/clerk-frontend`; send the real Frontend API host in `X-Forwarded-Host`.
    public var clerk_frontend_url: String
    /// The Bitbucket user's Atlassian account email (HTTP Basic user name).
    public var bitbucket_email: String
    /// An API token with `read:user:bitbucket` and `read:workspace:bitbucket`.
    public var bitbucket_api_token: String
    /// An API token with `read:user:bitbucket` only: workspace endpoints answer the
    /// missing-scope 403.
    public var bitbucket_limited_token: String
    /// The Bitbucket user's username (also the slug of the personal workspace).
    public var bitbucket_username: String
    /// Workspaces the user is a member of, and how many of those they administer.
    public var bitbucket_workspace_count: Int
    public var bitbucket_admin_workspace_count: Int
    /// A Platform API key (`ak_…`) allowed to read and write every application's config.
    public var clerk_platform_api_key: String
    /// A Platform API key that may list applications but not read or write config (403).
    public var clerk_platform_readonly_api_key: String
    /// The access token of a Clerk CLI sign-in (`clerk auth login`), a JWT the Platform API
    /// accepts like the first key: what a stand-in CLI credentials file holds in tests.
    public var clerk_cli_access_token: String
    /// The Backend API secret key of the first application's production instance.
    public var clerk_secret_key: String
    /// The publishable key of that same instance.
    public var clerk_publishable_key: String
    /// Every seeded Clerk instance, with its keys and hosts.
    public var clerk_instances: [SandboxInstanceInfo]
    /// The seeded OAuth consumers (and, in `RunningSandbox.info`, only those: consumers
    /// created later are returned by the creation endpoint).
    public var consumers: [SandboxConsumerInfo]

    public init(
        bitbucket_api_url: String, bitbucket_web_url: String, clerk_api_url: String, clerk_frontend_url: String,
        bitbucket_email: String, bitbucket_api_token: String, bitbucket_limited_token: String,
        bitbucket_username: String, bitbucket_workspace_count: Int, bitbucket_admin_workspace_count: Int,
        clerk_platform_api_key: String, clerk_platform_readonly_api_key: String, clerk_cli_access_token: String,
        clerk_secret_key: String, clerk_publishable_key: String,
        clerk_instances: [SandboxInstanceInfo], consumers: [SandboxConsumerInfo]
    ) {
        self.bitbucket_api_url = bitbucket_api_url
        self.bitbucket_web_url = bitbucket_web_url
        self.clerk_api_url = clerk_api_url
        self.clerk_frontend_url = clerk_frontend_url
        self.bitbucket_email = bitbucket_email
        self.bitbucket_api_token = bitbucket_api_token
        self.bitbucket_limited_token = bitbucket_limited_token
        self.bitbucket_username = bitbucket_username
        self.bitbucket_workspace_count = bitbucket_workspace_count
        self.bitbucket_admin_workspace_count = bitbucket_admin_workspace_count
        self.clerk_platform_api_key = clerk_platform_api_key
        self.clerk_platform_readonly_api_key = clerk_platform_readonly_api_key
        self.clerk_cli_access_token = clerk_cli_access_token
        self.clerk_secret_key = clerk_secret_key
        self.clerk_publishable_key = clerk_publishable_key
        self.clerk_instances = clerk_instances
        self.consumers = consumers
    }

    /// One line of JSON, keys sorted, slashes unescaped, no trailing newline.
    public func jsonLine() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding plain strings, ints and arrays cannot fail.
        let data = (try? encoder.encode(self)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}

/// A Bitbucket OAuth consumer as the sandbox knows it, secret included.
public struct SandboxConsumerInfo: Sendable, Codable, Equatable {
    public var workspace: String
    public var name: String
    public var key: String
    public var secret: String
    /// "This is a private consumer" (enables the client_credentials grant).
    public var `private`: Bool
    public var scopes: [String]
    /// `nil` when the consumer has no Callback URL (the token endpoint then refuses it).
    public var callback_url: String?

    public init(workspace: String, name: String, key: String, secret: String, private isPrivate: Bool, scopes: [String], callback_url: String?) {
        self.workspace = workspace
        self.name = name
        self.key = key
        self.secret = secret
        self.private = isPrivate
        self.scopes = scopes
        self.callback_url = callback_url
    }

    // Written by hand so a missing callback is encoded as JSON null rather than dropped:
    // the key set of the info line stays the same for every consumer.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(workspace, forKey: .workspace)
        try container.encode(name, forKey: .name)
        try container.encode(key, forKey: .key)
        try container.encode(secret, forKey: .secret)
        try container.encode(self.private, forKey: .private)
        try container.encode(scopes, forKey: .scopes)
        try container.encode(callback_url, forKey: .callback_url)
    }
}

/// One seeded Clerk instance (an application has a development and a production one).
public struct SandboxInstanceInfo: Sendable, Codable, Equatable {
    public var application_id: String
    public var application_name: String
    public var instance_id: String
    /// `development` or `production`.
    public var environment_type: String
    public var publishable_key: String
    public var secret_key: String
    /// e.g. `https://clerk.acme-store.com`; send its host in `X-Forwarded-Host`.
    public var frontend_api_url: String
    public var accounts_portal_url: String
    /// `{frontend_api_url}/v1/oauth_callback`, the Callback URL Bitbucket must have.
    public var callback_url: String
}
