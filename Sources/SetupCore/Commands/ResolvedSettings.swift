import Basics
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The merged values of ``CommandSettings`` sources, secrets read. Shared by apply and doctor.
struct ResolvedSettings {
    var settings: CommandSettings
    var instance: InstanceChoice
    var callbackURL: String?
    var consumerSecret: Secret?
    var bitbucketToken: Secret?
    var bitbucketEmail: String?
    var platformKey: Secret?
    /// The Clerk CLI's sign-in as found (not looked up in the sandbox).
    var clerkCLI: ClerkCLISignIn = .absent

    init(flags: CommandSettings, file: CommandSettings?, environment: [String: String], fallback: SessionCredentials?,
         readSecret: ApplyPlan.SecretReader) throws(CommandUsageError) {
        // In the sandbox the environment's real credentials are not used: its own are.
        let ambient = fallback == nil ? environment : environment.filter {
            !["BITBUCKET_EMAIL", "BITBUCKET_API_TOKEN", "CLERK_PLATFORM_API_KEY"].contains($0.key)
        }
        settings = flags.overriding(file ?? CommandSettings()).overriding(CommandSettings.fromEnvironment(ambient))
        for field in CommandSettings.Field.allCases {
            if let value = settings[field], value.trimmingWhitespaceAndNewlines().isEmpty {
                throw CommandUsageError("\(field.flag) is empty: give a value, as in \(field.flag) \(Self.example(field)).")
            }
        }
        let instanceText = settings.instance ?? "production"
        guard let instance = InstanceChoice(instanceText) else { throw CommandUsageError(InstanceChoice.usage) }
        self.instance = instance
        callbackURL = settings.callbackURL?.trimmingWhitespaceAndNewlines()

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
                // The path is not repeated: a secret given by mistake where the path goes would be.
                throw CommandUsageError("\(field.flag)\(path == "-" ? " (standard input)" : ""): \(error)")
            }
            switch CredentialInput.clean(text, label: "Secret") {
            case .success(let clean): return Secret(clean)
            case .failure(let issue):
                throw CommandUsageError("\(field.flag)\(path == "-" ? " (standard input)" : ""): \(issue.message.replacing("is required: paste it from Bitbucket", with: "is empty: the file holds nothing"))")
            }
        }
        consumerSecret = try read(.consumerSecretFile)
        let ambientCredentials = SessionCredentials.fromEnvironment(ambient)
        bitbucketToken = try read(.bitbucketTokenFile) ?? ambientCredentials.bitbucketToken ?? fallback?.bitbucketToken
        platformKey = try read(.clerkPlatformKeyFile) ?? ambientCredentials.clerkPlatformKey ?? fallback?.clerkPlatformKey
        // The CLI's own order: an ak_ key first, then its sign-in. Never in the sandbox.
        if platformKey == nil, fallback == nil {
            clerkCLI = ClerkCLISignIn.lookUp(environment: environment)
            platformKey = clerkCLI.token
            if let token = platformKey { SecretRedactor.shared.register(token) }
        }
        bitbucketEmail = settings.bitbucketEmail ?? (fallback?.bitbucketEmail).flatMap { $0.isEmpty ? nil : $0 }
    }

    func require(_ field: CommandSettings.Field, what: String) throws(CommandUsageError) -> String {
        var missing = MissingValues()
        guard let value = value(field, what: what, missing: &missing) else { throw missing.error }
        return value
    }

    /// The value of `field`, or nil with the field added to `missing`.
    func value(_ field: CommandSettings.Field, what: String, missing: inout MissingValues) -> String? {
        guard let value = settings[field]?.trimmingWhitespaceAndNewlines(), !value.isEmpty else {
            missing.add("\(field.flag) (or \(field.environmentVariable)): \(what)")
            return nil
        }
        return value
    }

    /// The Platform credential, or nil with its line added to `missing` (and why the Clerk
    /// CLI's sign-in, when there is one, could not stand in).
    func platformCredential(_ purpose: String, missing: inout MissingValues) -> Secret? {
        if let platformKey { return platformKey }
        let why = clerkCLI.problem.map { " (\($0))" } ?? ""
        missing.add("\(CommandSettings.Field.clerkPlatformKeyFile.flag) (or CLERK_PLATFORM_API_KEY, or a Clerk CLI sign-in: clerk auth login): a Clerk Platform API key (ak_…) or sign-in, which may \(purpose)\(why)")
        return nil
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

/// Every value a command lacks, so that one run names them all (each with its flag and
/// environment variable) instead of one per attempt.
struct MissingValues {
    private(set) var lines: [String] = []

    mutating func add(_ line: String) { lines.append(line) }

    var isEmpty: Bool { lines.isEmpty }

    var error: CommandUsageError {
        lines.count == 1 ? CommandUsageError("Missing \(lines[0]).")
            : CommandUsageError("Missing \(lines.count) values:\n" + lines.map { "  \($0)" }.joined(separator: "\n"))
    }
}
