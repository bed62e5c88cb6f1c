import Foundation

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

        public var flag: String { "--" + rawValue.replacingOccurrences(of: "_", with: "-") }
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
            if let value = environment[field.environmentVariable]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty {
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

/// Which instance of the application: its environment, or its id.
public enum InstanceChoice: Sendable, Equatable, CustomStringConvertible {
    case production
    case development
    case id(String)

    /// `production`, `development` or an instance id (`ins_…`); nil for anything else.
    public init?(_ text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        switch trimmed.lowercased() {
        case "production", "prod": self = .production
        case "development", "dev": self = .development
        default:
            guard trimmed.hasPrefix("ins_"), trimmed.count > 4, !trimmed.contains(where: { $0.isWhitespace || $0 == "/" }) else { return nil }
            self = .id(trimmed)
        }
    }

    public var description: String {
        switch self {
        case .production: "production"
        case .development: "development"
        case .id(let id): id
        }
    }

    func find(in application: ClerkApplication) -> ClerkInstance? {
        switch self {
        case .production: application.instances.first { $0.environment == .production }
        case .development: application.instances.first { $0.environment == .development }
        case .id(let id): application.instances.first { $0.id == id }
        }
    }

    static let usage = "--instance is production, development or an instance id (ins_…), as in --instance production."
}

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

    public init(application: String, instance: InstanceChoice = .production, workspace: String, consumer: ConsumerCredentials,
                callbackURL: String? = nil, bitbucket: BitbucketCredentials?, platformKey: Secret, dryRun: Bool = false) {
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
        fallback: SessionCredentials? = nil, readSecret: SecretReader
    ) throws(CommandUsageError) -> ApplyPlan {
        let resolved = try ResolvedSettings(flags: flags, file: file, environment: environment, fallback: fallback, readSecret: readSecret)
        let application = try resolved.require(.application, what: "the Clerk application's id (app_…) or name")
        let workspace = try resolved.require(.workspace, what: "the slug of the Bitbucket workspace that owns the OAuth consumer")
        let rawKey = try resolved.require(.consumerKey, what: "the Key Bitbucket generated for the OAuth consumer")
        let key: String
        switch CredentialInput.clean(rawKey, label: "Key") {
        case .success(let clean): key = clean
        case .failure(let issue): throw CommandUsageError("--consumer-key: \(issue.message)")
        }
        guard let secret = resolved.consumerSecret else {
            throw CommandUsageError("Missing --consumer-secret-file (or BBCLERK_CONSUMER_SECRET_FILE): the file that holds the consumer's Secret, or - to read it from standard input.")
        }
        guard let platformKey = resolved.platformKey else {
            throw CommandUsageError("Missing --clerk-platform-key-file (or CLERK_PLATFORM_API_KEY): a Clerk Platform API key (ak_…), which may write the instance's config.")
        }
        return ApplyPlan(
            application: application, instance: resolved.instance, workspace: workspace,
            consumer: ConsumerCredentials(key: key, secret: secret), callbackURL: resolved.callbackURL,
            bitbucket: try resolved.bitbucket(), platformKey: platformKey, dryRun: dryRun)
    }
}

/// The merged values of ``CommandSettings`` sources, secrets read. Shared by apply and doctor.
struct ResolvedSettings {
    var settings: CommandSettings
    var instance: InstanceChoice
    var callbackURL: String?
    var consumerSecret: Secret?
    var bitbucketToken: Secret?
    var bitbucketEmail: String?
    var platformKey: Secret?
    var tokenSource: String?

    init(flags: CommandSettings, file: CommandSettings?, environment: [String: String], fallback: SessionCredentials?,
         readSecret: ApplyPlan.SecretReader) throws(CommandUsageError) {
        // In the sandbox the environment's real credentials are not used: its own are.
        let ambient = fallback == nil ? environment : environment.filter {
            !["BITBUCKET_EMAIL", "BITBUCKET_API_TOKEN", "CLERK_PLATFORM_API_KEY"].contains($0.key)
        }
        settings = flags.overriding(file ?? CommandSettings()).overriding(CommandSettings.fromEnvironment(ambient))
        for field in CommandSettings.Field.allCases {
            if let value = settings[field], value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                throw CommandUsageError("\(field.flag) is empty: give a value, as in \(field.flag) \(Self.example(field)).")
            }
        }
        let instanceText = settings.instance ?? "production"
        guard let instance = InstanceChoice(instanceText) else { throw CommandUsageError(InstanceChoice.usage) }
        self.instance = instance
        callbackURL = settings.callbackURL?.trimmingCharacters(in: .whitespacesAndNewlines)

        let secretFiles: [(CommandSettings.Field, String)] = [.consumerSecretFile, .bitbucketTokenFile, .clerkPlatformKeyFile]
            .compactMap { field in settings[field].map { (field, $0) } }
        let fromStdin = secretFiles.filter { $0.1 == "-" }.map { $0.0.flag }
        if fromStdin.count > 1 {
            throw CommandUsageError("Only one secret can come from standard input, but \(fromStdin.joined(separator: " and ")) are both -: put the others in files.")
        }
        func read(_ field: CommandSettings.Field) throws(CommandUsageError) -> Secret? {
            guard let path = settings[field] else { return nil }
            let text: String
            do { text = try readSecret(path, field.flag) } catch {
                throw CommandUsageError("\(field.flag) \(path == "-" ? "(standard input)" : path): \(error)")
            }
            switch CredentialInput.clean(text, label: "Secret") {
            case .success(let clean): return Secret(clean)
            case .failure(let issue):
                throw CommandUsageError("\(field.flag) \(path == "-" ? "(standard input)" : path): \(issue.message.replacingOccurrences(of: "is required: paste it from Bitbucket", with: "is empty: the file holds nothing"))")
            }
        }
        consumerSecret = try read(.consumerSecretFile)
        let ambientCredentials = SessionCredentials.fromEnvironment(ambient)
        bitbucketToken = try read(.bitbucketTokenFile) ?? ambientCredentials.bitbucketToken ?? fallback?.bitbucketToken
        platformKey = try read(.clerkPlatformKeyFile) ?? ambientCredentials.clerkPlatformKey ?? fallback?.clerkPlatformKey
        bitbucketEmail = settings.bitbucketEmail ?? (fallback?.bitbucketEmail).flatMap { $0.isEmpty ? nil : $0 }
    }

    func require(_ field: CommandSettings.Field, what: String) throws(CommandUsageError) -> String {
        guard let value = settings[field]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else {
            throw CommandUsageError("Missing \(field.flag) (or \(field.environmentVariable)): \(what).")
        }
        return value
    }

    /// Both halves or neither: a token without an email (or the reverse) is a usage error.
    func bitbucket() throws(CommandUsageError) -> BitbucketCredentials? {
        switch (bitbucketEmail, bitbucketToken) {
        case (nil, nil): return nil
        case (let email?, let token?): return BitbucketCredentials(email: email, token: token)
        case (nil, _?):
            throw CommandUsageError("Missing --bitbucket-email (or BITBUCKET_EMAIL): the Atlassian account email that goes with the API token.")
        case (_?, nil):
            throw CommandUsageError("Missing --bitbucket-token-file (or BITBUCKET_API_TOKEN): the Atlassian API token that goes with --bitbucket-email.")
        }
    }

    static func example(_ field: CommandSettings.Field) -> String {
        switch field {
        case .application: "\"Acme Store\""
        case .instance: "production"
        case .workspace: "acme-store"
        case .consumerKey: "<Key from Bitbucket>"
        case .callbackURL: "https://clerk.example.com/v1/oauth_callback"
        case .bitbucketEmail: "you@example.com"
        case .consumerSecretFile, .bitbucketTokenFile, .clerkPlatformKeyFile: "~/secret.txt (or - for standard input)"
        }
    }
}

/// Finds the application and instance named on the command line among those the Platform
/// API key sees, and where the instance's Frontend API is.
enum ClerkLookup {
    /// By id first, then by name (case-insensitive); a message saying what to type instead.
    static func application(_ query: String, in applications: [ClerkApplication]) -> Result<ClerkApplication, CommandStepFailure> {
        if let byID = applications.first(where: { $0.id == query }) { return .success(byID) }
        let byName = applications.filter { $0.name.compare(query, options: .caseInsensitive) == .orderedSame }
        if byName.count == 1 { return .success(byName[0]) }
        let choices = applications.map { "\(CommandText.safe($0.name, limit: 60)) (\(CommandText.safe($0.id, limit: 40)))" }
            .sorted().joined(separator: ", ")
        if byName.count > 1 {
            return .failure(CommandStepFailure(
                message: "\(byName.count) applications are named \"\(CommandText.safe(query, limit: 60))\".",
                fix: "Give the application's id instead: --application \(byName.map(\.id).sorted().joined(separator: " or --application "))."))
        }
        return .failure(CommandStepFailure(
            message: "The Platform API key sees no application \"\(CommandText.safe(query, limit: 60))\".",
            fix: applications.isEmpty ? "Use a Platform API key of the Clerk workspace that holds the application."
                : "Use --application with one of: \(choices)."))
    }

    static func instance(_ choice: InstanceChoice, in application: ClerkApplication) -> Result<ClerkInstance, CommandStepFailure> {
        if let instance = choice.find(in: application) { return .success(instance) }
        let have = application.instances.map { "\($0.environment.rawValue) (\($0.id))" }.joined(separator: ", ")
        return .failure(CommandStepFailure(
            message: "\(CommandText.safe(application.name, limit: 60)) has no \(choice) instance.",
            fix: "Use --instance with one of: \(CommandText.safe(have, limit: 300))."))
    }

    /// The same rule as the wizard: production reads the primary domain's Frontend API,
    /// development decodes the publishable key; each falls back to the other.
    static func target(application: ClerkApplication, instance: ClerkInstance, domains: [ClerkDomain]) -> ClerkTarget? {
        let primary = domains.first { !$0.isSatellite }
        let fromKey = instance.publishableKey.flatMap { try? PublishableKey($0) }
        let frontend: URL? = switch instance.environment {
        case .production: primary?.frontendAPIURL ?? fromKey?.frontendAPIURL
        default: fromKey?.frontendAPIURL ?? primary?.frontendAPIURL
        }
        guard let frontend else { return nil }
        return ClerkTarget(applicationID: application.id, applicationName: application.name, instanceID: instance.id,
                           environment: instance.environment, frontendAPIURL: frontend, homeURL: primary.map { "https://\($0.name)" })
    }

    /// Lists the applications, picks the application and instance, reads the domains: the
    /// `clerk_credentials` and `clerk_application` steps.
    static func resolve(application query: String, instance choice: InstanceChoice, client: ClerkClient) async
        -> (credentials: CommandStep, application: CommandStep?, target: ClerkTarget?)
    {
        let credentialsTitle = "Clerk credentials"
        let applicationTitle = "Clerk application and instance"
        let applications: [ClerkApplication]
        do throws(RemoteError) {
            applications = try await client.applications()
        } catch {
            return (CommandStep(name: "clerk_credentials", title: credentialsTitle, status: .failed, message: error.userMessage,
                                fix: "Set CLERK_PLATFORM_API_KEY (or --clerk-platform-key-file) to a Platform API key (ak_…) from the Clerk Dashboard; a secret key (sk_…) will not do."),
                    nil, nil)
        }
        let credentials = CommandStep(
            name: "clerk_credentials", title: credentialsTitle, status: .ok,
            message: "The Platform API key sees \(applications.count) application\(applications.count == 1 ? "" : "s").")
        let application: ClerkApplication, instance: ClerkInstance
        switch ClerkLookup.application(query, in: applications) {
        case .success(let found): application = found
        case .failure(let failure): return (credentials, failure.step("clerk_application", applicationTitle), nil)
        }
        switch ClerkLookup.instance(choice, in: application) {
        case .success(let found): instance = found
        case .failure(let failure): return (credentials, failure.step("clerk_application", applicationTitle), nil)
        }
        var domains: [ClerkDomain] = []
        var domainError: RemoteError?
        if instance.environment == .production {
            do throws(RemoteError) { domains = try await client.domains(application: application.id) } catch { domainError = error }
        }
        guard let target = target(application: application, instance: instance, domains: domains) else {
            let failure = CommandStepFailure(
                message: domainError?.userMessage ?? "Clerk gave no domain or publishable key for this instance, so its Callback URL is unknown.",
                fix: "Check the instance's domain in the Clerk Dashboard (Configure → Domains) and run again.")
            return (credentials, failure.step("clerk_application", applicationTitle), nil)
        }
        let step = CommandStep(name: "clerk_application", title: applicationTitle, status: .ok,
                               message: "\(target.label); Callback URL \(CommandText.safe(target.callbackURL, limit: 200)).")
        return (credentials, step, target)
    }
}

/// A failed step's two texts, before it has a name.
struct CommandStepFailure: Error, Equatable {
    var message: String
    var fix: String?

    func step(_ name: String, _ title: String) -> CommandStep {
        CommandStep(name: name, title: title, status: .failed, message: message, fix: fix)
    }
}
