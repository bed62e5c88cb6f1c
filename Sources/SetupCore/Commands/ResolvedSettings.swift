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
        bitbucketEmail = settings.bitbucketEmail ?? (fallback?.bitbucketEmail).flatMap { $0.isEmpty ? nil : $0 }
    }

    func require(_ field: CommandSettings.Field, what: String) throws(CommandUsageError) -> String {
        guard let value = settings[field]?.trimmingWhitespaceAndNewlines(), !value.isEmpty else {
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
