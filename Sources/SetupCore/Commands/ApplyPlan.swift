#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Everything `bbclerk apply` needs, checked for presence and shape (not yet against the
/// services).
public struct ApplyPlan: Sendable {
    /// An application id (`app_…`) or name.
    public var application: String
    public var instance: InstanceChoice
    /// The Bitbucket workspace that owns the consumer (for the audit log, and checked when
    /// Bitbucket credentials are given).
    public var workspace: String
    public var consumer: ConsumerCredentials
    /// The consumer's Callback URL as set in Bitbucket, to compare with Clerk's.
    public var callbackURL: String?
    /// Optional: without them the account and the workspace are not checked.
    public var bitbucket: BitbucketCredentials?
    public var platformKey: Secret
    public var dryRun: Bool
    /// Go on with a public consumer although its secret could not be proven right
    /// (`--allow-unverified-secret`).
    public var allowUnverifiedSecret: Bool

    public init(application: String, instance: InstanceChoice = .production, workspace: String, consumer: ConsumerCredentials,
                callbackURL: String? = nil, bitbucket: BitbucketCredentials?, platformKey: Secret, dryRun: Bool = false,
                allowUnverifiedSecret: Bool = false) {
        self.allowUnverifiedSecret = allowUnverifiedSecret
        self.application = application
        self.instance = instance
        self.workspace = workspace
        self.consumer = consumer
        self.callbackURL = callbackURL
        self.bitbucket = bitbucket
        self.platformKey = platformKey
        self.dryRun = dryRun
    }

    /// Reads a secret file's contents (`-` is standard input). Supplied by the front end.
    public typealias SecretReader = (_ path: String, _ option: String) throws -> String

    /// Merges the sources (flags, then the `--from` file, then the environment), reads the
    /// secret files, and checks that every required value is there. `fallback` (the
    /// sandbox's seeded credentials) fills Bitbucket and Clerk credentials nothing else gave.
    public static func resolve(
        flags: CommandSettings, file: CommandSettings? = nil, environment: [String: String], dryRun: Bool,
        allowUnverifiedSecret: Bool = false, fallback: SessionCredentials? = nil, readSecret: SecretReader
    ) throws(CommandUsageError) -> ApplyPlan {
        let resolved = try ResolvedSettings(flags: flags, file: file, environment: environment, fallback: fallback, readSecret: readSecret)
        var missing = MissingValues()
        let application = resolved.value(.application, what: "the Clerk application's id (app_…) or name", missing: &missing)
        let workspace = resolved.value(.workspace, what: "the slug of the Bitbucket workspace that owns the OAuth consumer", missing: &missing)
        let rawKey = resolved.value(.consumerKey, what: "the Key Bitbucket generated for the OAuth consumer", missing: &missing)
        if resolved.consumerSecret == nil {
            missing.add("\(CommandSettings.Field.consumerSecretFile.flag) (or \(CommandSettings.Field.consumerSecretFile.environmentVariable)): the file that holds the consumer's Secret, or - to read it from standard input")
        }
        let platformKey = resolved.platformCredential("write the instance's config", missing: &missing)
        guard missing.isEmpty, let application, let workspace, let rawKey, let secret = resolved.consumerSecret, let platformKey else {
            throw missing.error
        }
        let key: String
        switch CredentialInput.clean(rawKey, label: "Key") {
        case .success(let clean): key = clean
        case .failure(let issue): throw CommandUsageError("--consumer-key: \(issue.message)")
        }
        if let issue = CredentialInput.shapeIssue(key, as: .consumerKey) { throw CommandUsageError("--consumer-key: \(issue)") }
        if let issue = CredentialInput.shapeIssue(secret.exposed, as: .consumerSecret) ?? CredentialInput.pairIssue(key: key, secret: secret.exposed) {
            throw CommandUsageError("--consumer-secret-file: \(issue)")
        }
        return ApplyPlan(
            application: application, instance: resolved.instance, workspace: workspace,
            consumer: ConsumerCredentials(key: key, secret: secret), callbackURL: resolved.callbackURL,
            bitbucket: try resolved.bitbucket(), platformKey: platformKey, dryRun: dryRun, allowUnverifiedSecret: allowUnverifiedSecret)
    }
}
