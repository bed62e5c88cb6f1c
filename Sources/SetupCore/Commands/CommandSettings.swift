import Basics
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The values `bbclerk apply` and `bbclerk doctor` take, as one source gave them (flags, the
/// `--from` file, the environment), before they are merged. Secrets appear only as the path
/// of a file that holds them (or `-`, standard input): no field here can hold a secret.
public struct CommandSettings: Sendable, Equatable {
    public var application: String?
    public var instance: String?
    public var workspace: String?
    public var consumerKey: String?
    public var callbackURL: String?
    public var bitbucketEmail: String?
    public var consumerSecretFile: String?
    public var bitbucketTokenFile: String?
    public var clerkPlatformKeyFile: String?

    public init(application: String? = nil, instance: String? = nil, workspace: String? = nil, consumerKey: String? = nil,
                callbackURL: String? = nil, bitbucketEmail: String? = nil, consumerSecretFile: String? = nil,
                bitbucketTokenFile: String? = nil, clerkPlatformKeyFile: String? = nil) {
        self.application = application
        self.instance = instance
        self.workspace = workspace
        self.consumerKey = consumerKey
        self.callbackURL = callbackURL
        self.bitbucketEmail = bitbucketEmail
        self.consumerSecretFile = consumerSecretFile
        self.bitbucketTokenFile = bitbucketTokenFile
        self.clerkPlatformKeyFile = clerkPlatformKeyFile
    }

    /// Every value: its flag, its environment variable and its key in the `--from` file.
    public enum Field: String, CaseIterable, Sendable {
        case application, instance, workspace
        case consumerKey = "consumer_key"
        case callbackURL = "callback_url"
        case bitbucketEmail = "bitbucket_email"
        case consumerSecretFile = "consumer_secret_file"
        case bitbucketTokenFile = "bitbucket_token_file"
        case clerkPlatformKeyFile = "clerk_platform_key_file"

        public var flag: String { "--" + rawValue.replacing("_", with: "-") }
        public var fileKey: String { rawValue }

        /// The environment variable that gives this value (for the secret files: the path).
        public var environmentVariable: String {
            switch self {
            case .bitbucketEmail: "BITBUCKET_EMAIL"
            default: "BBCLERK_" + rawValue.uppercased()
            }
        }

        var keyPath: WritableKeyPath<CommandSettings, String?> {
            switch self {
            case .application: \.application
            case .instance: \.instance
            case .workspace: \.workspace
            case .consumerKey: \.consumerKey
            case .callbackURL: \.callbackURL
            case .bitbucketEmail: \.bitbucketEmail
            case .consumerSecretFile: \.consumerSecretFile
            case .bitbucketTokenFile: \.bitbucketTokenFile
            case .clerkPlatformKeyFile: \.clerkPlatformKeyFile
            }
        }
    }

    public subscript(field: Field) -> String? {
        get { self[keyPath: field.keyPath] }
        set { self[keyPath: field.keyPath] = newValue }
    }

    /// The `BBCLERK_*` variables (and `BITBUCKET_EMAIL`); empty values count as unset.
    public static func fromEnvironment(_ environment: [String: String]) -> CommandSettings {
        var settings = CommandSettings()
        for field in Field.allCases {
            if let value = environment[field.environmentVariable]?.trimmingWhitespaceAndNewlines(), !value.isEmpty {
                settings[field] = value
            }
        }
        return settings
    }

    /// Each value from `self`, else from `fallback`.
    public func overriding(_ fallback: CommandSettings) -> CommandSettings {
        var merged = fallback
        for field in Field.allCases where self[field] != nil { merged[field] = self[field] }
        return merged
    }

    /// Reads an apply file: flat `key = "value"` lines (the TOML subset of ``TOMLParser``),
    /// keys as in ``Field`` (`application`, `consumer_key`, `consumer_secret_file`, …).
    /// Relative secret-file paths are taken from `baseDirectory` (the file's folder). A
    /// secret value itself is refused: the file names the file that holds it.
    public static func parseFile(_ text: String, path: String, baseDirectory: URL? = nil) throws(CommandUsageError) -> CommandSettings {
        let root: TOMLTable
        do { root = try TOMLParser(file: path).parse(text) } catch { throw CommandUsageError("--from \(error)") }
        var settings = CommandSettings()
        let known = Field.allCases.map(\.fileKey)
        for key in root.keys {
            let line = root.line(of: key)
            let place = line > 0 ? "\(path):\(line)" : path
            if ["consumer_secret", "bitbucket_api_token", "bitbucket_token", "clerk_platform_api_key", "clerk_platform_key", "client_secret"].contains(key) {
                throw CommandUsageError("\(place): \(key): secrets do not go in this file; put the secret in a file of its own (mode 0600) and name it with \(key.hasSuffix("secret") ? "consumer_secret_file" : key.hasPrefix("clerk") ? "clerk_platform_key_file" : "bitbucket_token_file") = \"path\".")
            }
            guard let field = Field(rawValue: key) else {
                throw CommandUsageError("\(place): \(key): unknown key; the keys are \(known.joined(separator: ", ")).")
            }
            guard case .string(let value)? = root[key] else {
                throw CommandUsageError("\(place): \(key): must be a string in quotes, as in \(key) = \"…\".")
            }
            var resolved = value
            if [.consumerSecretFile, .bitbucketTokenFile, .clerkPlatformKeyFile].contains(field), value != "-",
               !value.hasPrefix("/"), let baseDirectory {
                resolved = baseDirectory.appendingPathComponent(value).path
            }
            settings[field] = resolved
        }
        return settings
    }
}
