import Foundation

/// The Bitbucket social connection as Clerk's config holds it (`connection_oauth_bitbucket`).
/// `client_secret` is write-only: it is never expected back, and is masked if it comes.
public struct BitbucketConnectionConfig: Sendable, Equatable {
    public var enabled: Bool?
    public var authenticatable: Bool?
    public var clientID: String?
    /// Every field as read, `client_secret` (if any) replaced by bullets.
    public var raw: [String: JSONValue]

    public init(enabled: Bool? = nil, authenticatable: Bool? = nil, clientID: String? = nil, raw: [String: JSONValue] = [:]) {
        self.enabled = enabled
        self.authenticatable = authenticatable
        self.clientID = clientID
        self.raw = raw
    }

    init(json: JSONValue?) {
        let members = ClerkConfigKey.masked(json ?? .object([:])).objectValue ?? [:]
        self.init(
            enabled: members["enabled"]?.boolValue, authenticatable: members["authenticatable"]?.boolValue,
            clientID: members["client_id"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }, raw: members)
    }
}

/// The config read from the Platform API, with the version to send back in `If-Match`.
public struct ClerkConfigSnapshot: Sendable, Equatable {
    public var configVersion: String
    public var connection: BitbucketConnectionConfig

    public init(configVersion: String, connection: BitbucketConnectionConfig) {
        self.configVersion = configVersion
        self.connection = connection
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
