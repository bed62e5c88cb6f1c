#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The one Bitbucket user the sandbox knows.
struct BitbucketUser: Sendable {
    var displayName: String
    var email: String
    var username: String
    var uuid: String
    var accountID: String
    var createdOn: String
}

/// A user's effective role in a workspace, as `GET /user/workspaces/{slug}/permission` names it.
enum WorkspaceRole: String, Sendable {
    case owner
    case createProject = "create-project"
    case collaborator
    case member
}

/// A Bitbucket workspace and the user's role in it (`nil`: exists, but the user is not a member).
struct Workspace: Sendable {
    var slug: String
    var name: String
    var uuid: String
    var isPrivate: Bool
    var createdOn: String
    var role: WorkspaceRole?

    /// Bitbucket's `administrator` flag: only owners administer a workspace.
    var administrator: Bool { role == .owner }
}

/// A Bitbucket OAuth consumer (created in the browser in real life).
struct OAuthConsumer: Sendable {
    var workspace: String
    var name: String
    var description: String?
    var key: String
    var secret: String
    var isPrivate: Bool
    var scopes: [String]
    var callbackURL: String?
    var url: String?
    var privacyPolicyURL: String?
    var eulaURL: String?

    var info: SandboxConsumerInfo {
        SandboxConsumerInfo(workspace: workspace, name: name, key: key, secret: secret, private: isPrivate,
                            scopes: scopes, callback_url: callbackURL)
    }
}

/// One social connection's settings in a Clerk instance's config (e.g. `connection_oauth_bitbucket`).
struct SocialConnection: Sendable, Equatable {
    var enabled: Bool
    var authenticatable: Bool = true
    var blockEmailSubaddresses: Bool = false
    /// `nil`: no custom credentials (a development instance then uses Clerk's shared ones).
    var clientID: String? = nil
    /// Write-only: stored, never returned.
    var clientSecret: String? = nil

    var hasCustomCredentials: Bool {
        !(clientID ?? "").isEmpty && !(clientSecret ?? "").isEmpty
    }
}

/// A Clerk application: a name and its instances.
struct ClerkApplication: Sendable {
    var id: String
    var name: String
    var instanceIDs: [String]
}

/// A Clerk instance: keys, hosts and the config the Platform API edits.
struct ClerkInstance: Sendable {
    var id: String
    var applicationID: String
    var applicationName: String
    var environment: String
    var publishableKey: String
    var secretKey: String
    var domainID: String
    /// Production: the app's domain ("acme-store.com"); development: the Frontend API host.
    var domainName: String
    var frontendAPIURL: String
    var accountsPortalURL: String
    var createdAt: String
    var connections: [String: SocialConnection]
    /// Bumped on every applied change; published as an opaque string.
    var configRevision: Int = 1
    /// Send `config_version` as a JSON number (the revision) rather than a string.
    var numericConfigVersion = false
    /// What a set `client_secret` reads back as. Clerk's CLI fixtures show both "REDACTED"
    /// and eight bullets; which one the live service sends is not documented, so the seeded
    /// applications use one each.
    var secretPlaceholder = "REDACTED"
    /// Whether Clerk verified this domain's DNS (its Frontend API host answers only then).
    var dnsVerified = true
    /// `POST /v1/client/sign_ins` answers the bare sign-in instead of `{response, client}`.
    var bareSignIn = false
    /// The config as it was before the last write, shown to reads until `lagUntil`.
    var lagging: (connections: [String: SocialConnection], revision: Int, until: ContinuousClock.Instant)?

    var isProduction: Bool { environment == "production" }

    /// The instance as a read sees it now: before the last write while reads lag.
    func visible(at now: ContinuousClock.Instant = .now) -> ClerkInstance {
        guard let lagging, now < lagging.until else { return self }
        var old = self
        old.connections = lagging.connections
        old.configRevision = lagging.revision
        return old
    }

    /// `config_version` as Clerk sends it: the spec types it a string (clerk/cli fixtures
    /// use `v1_` and 8 hex digits); a numeric instance sends a JSON number.
    var configVersionJSON: JSONValue { numericConfigVersion ? .number(Double(40 + configRevision)) : .string(configVersion) }

    /// `If-Match` compares against the version as text, whichever way it was sent.
    var configVersionText: String { numericConfigVersion ? String(40 + configRevision) : configVersion }

    var frontendHost: String { URL(string: frontendAPIURL)?.host ?? frontendAPIURL }

    /// Opaque to clients: a hash of the instance and its revision, in the form Clerk's CLI
    /// fixtures show (`v1_1234abcd`).
    var configVersion: String {
        var generator = SplitMix64(seed: UInt64(truncatingIfNeeded: configRevision) &* 0x1000_0000_01B3 ^ fnv1a(id))
        return "v1_" + RandomText.hex(8, using: &generator)
    }

    var info: SandboxInstanceInfo {
        SandboxInstanceInfo(
            application_id: applicationID, application_name: applicationName, instance_id: id,
            environment_type: environment, publishable_key: publishableKey, secret_key: secretKey,
            frontend_api_url: frontendAPIURL, accounts_portal_url: accountsPortalURL,
            callback_url: frontendAPIURL + "/v1/oauth_callback"
        )
    }
}

/// FNV-1a, a stable string hash (Swift's `Hasher` is randomly seeded per process).
func fnv1a(_ text: String) -> UInt64 {
    var hash: UInt64 = 0xCBF2_9CE4_8422_2325
    for byte in text.utf8 {
        hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
    }
    return hash
}
