#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The Bitbucket social connection as Clerk's config holds it (`connection_oauth_bitbucket`).
///
/// Clerk answers a set `client_secret` redacted (a placeholder string) and an unset one, or
/// an unset `client_id`, as `""` (clerk/cli `commands/deploy/providers.ts`
/// `hasProviderRequiredCredentials` and `commands/deploy/index.test.ts`). Older answers left
/// the secret out: that is "unknown", never "not set".
public struct BitbucketConnectionConfig: Sendable, Equatable {
    public var enabled: Bool?
    public var authenticatable: Bool?
    /// Nil when absent or `""`.
    public var clientID: String?
    /// Whether a client secret is stored: true for a redacted value, false for `""` or
    /// null, nil when the answer did not include the field.
    public var secretSet: Bool?
    /// Every field as read, `client_secret` (if any) replaced by bullets.
    public var raw: [String: JSONValue]

    public init(enabled: Bool? = nil, authenticatable: Bool? = nil, clientID: String? = nil, secretSet: Bool? = nil,
                raw: [String: JSONValue] = [:]) {
        self.enabled = enabled
        self.authenticatable = authenticatable
        self.clientID = clientID
        self.secretSet = secretSet
        self.raw = raw
    }

    init(json: JSONValue?) {
        let original = json?.objectValue ?? [:]
        let members = ClerkConfigKey.masked(json ?? .object([:])).objectValue ?? [:]
        self.init(
            enabled: members["enabled"]?.boolValue, authenticatable: members["authenticatable"]?.boolValue,
            clientID: members["client_id"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 },
            secretSet: ConfigDiff.isSet(original["client_secret"]), raw: members)
    }

    /// Both custom credentials are stored, as Clerk's CLI requires before it calls a
    /// provider configured (`hasProviderRequiredCredentials`). An answer without the secret
    /// field counts only its client_id.
    public var hasCustomCredentials: Bool { clientID != nil && secretSet != false }

    /// Whether this is what `patch` writes: on, with its client_id, and a secret stored.
    public func shows(_ patch: ClerkConfigPatch) -> Bool {
        enabled == patch.enabled && clientID == patch.clientID && (patch.clientSecret == nil || secretSet != false)
    }
}

/// The config read from the Platform API, with the version to send back in `If-Match`.
public struct ClerkConfigSnapshot: Sendable, Equatable {
    /// As Clerk sent it: the spec types it a string, the CLI's fixtures use numbers
    /// (`config_version: 42`); a number is kept as its digits, which is what `If-Match`
    /// sends back either way.
    public var configVersion: String
    public var connection: BitbucketConnectionConfig
    /// What the config schema said about the key, when it was read.
    public var schema: ClerkConfigSchema?

    public init(configVersion: String, connection: BitbucketConnectionConfig, schema: ClerkConfigSchema? = nil) {
        self.configVersion = configVersion
        self.connection = connection
        self.schema = schema
    }

    /// Fields to show only as set / not set.
    public var sensitiveFields: Set<String> { schema?.sensitiveFields ?? ConfigDiff.defaultSensitiveFields }
}

/// `GET …/config/schema?keys=connection_oauth_bitbucket`, as far as bbclerk uses it: that
/// the key exists, which of its fields Clerk keeps hidden (`x-clerk-sensitive`) and which it
/// requires.
public struct ClerkConfigSchema: Sendable, Equatable {
    public var fields: Set<String>
    public var sensitiveFields: Set<String>
    public var requiredFields: Set<String>

    public init(fields: Set<String>, sensitiveFields: Set<String>, requiredFields: Set<String> = []) {
        self.fields = fields
        self.sensitiveFields = sensitiveFields
        self.requiredFields = requiredFields
    }

    /// From the schema document: `properties.connection_oauth_bitbucket` (nil when absent).
    init?(document: JSONValue) {
        guard let key = document["properties"]?[ClerkConfigKey.bitbucket] else { return nil }
        let properties = key["properties"]?.objectValue ?? [:]
        fields = Set(properties.keys)
        // Clerk marks secrets `x-clerk-sensitive`; `writeOnly` says the same in plain JSON Schema.
        sensitiveFields = Set(properties.filter { _, field in
            field["x-clerk-sensitive"]?.boolValue == true || field["writeOnly"]?.boolValue == true
        }.keys).union(ConfigDiff.defaultSensitiveFields)
        requiredFields = Set((key["required"]?.arrayValue ?? []).compactMap(\.stringValue))
    }
}

/// The one change bbclerk makes to Clerk: enable the Bitbucket connection with the
/// consumer's key and secret. Without a secret the stored one is kept.
public struct ClerkConfigPatch: Sendable, Equatable {
    public var enabled: Bool
    public var clientID: String
    public var clientSecret: Secret?

    public init(enabled: Bool = true, clientID: String, clientSecret: Secret?) {
        self.enabled = enabled
        self.clientID = clientID
        self.clientSecret = clientSecret
    }

    /// `{"connection_oauth_bitbucket":{"enabled":…,"client_id":…,"client_secret":…}}`,
    /// sorted keys. Holds the secret: send it, never log it.
    public func body() -> Data {
        var connection: [String: JSONValue] = ["enabled": .bool(enabled), "client_id": .string(clientID)]
        if let clientSecret { connection["client_secret"] = .string(clientSecret.exposed) }
        return JSONValue.object([ClerkConfigKey.bitbucket: .object(connection)]).jsonData()
    }
}

/// The answer to the PATCH: the new version, and the connection before and after, any
/// `client_secret` in them replaced by bullets.
public struct ClerkPatchResult: Sendable, Equatable {
    public var configVersion: String
    public var dryRun: Bool
    public var before: JSONValue
    public var after: JSONValue

    public init(configVersion: String, dryRun: Bool, before: JSONValue, after: JSONValue) {
        self.configVersion = configVersion
        self.dryRun = dryRun
        self.before = before
        self.after = after
    }
}

/// The config key and the masking of secrets in config values.
enum ClerkConfigKey {
    static let bitbucket = "connection_oauth_bitbucket"

    /// The connection object out of a config document: under its key when the document is
    /// the whole config, else the document itself.
    static func connection(in document: JSONValue?) -> JSONValue {
        guard let document else { return .object([:]) }
        if let inner = document[bitbucket] { return inner }
        return document
    }

    /// `value` with every non-empty `client_secret` (at any depth) replaced by bullets.
    static func masked(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let members):
            var out: [String: JSONValue] = [:]
            for (key, member) in members {
                if key == "client_secret", member != .null, member != .string("") {
                    out[key] = .string(Secret.mask)
                } else {
                    out[key] = masked(member)
                }
            }
            return .object(out)
        case .array(let elements):
            return .array(elements.map(masked))
        default:
            return value
        }
    }
}
