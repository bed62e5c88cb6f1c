#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// What `bbclerk doctor` audits, and with which credentials.
public struct DoctorPlan: Sendable {
    /// How Clerk is read: with a Platform credential (an `ak_` key or the Clerk CLI's
    /// sign-in) every application it sees; without one, the one instance a secret or
    /// publishable key names, from the outside (manual mode).
    public enum Access: Sendable {
        case platform(Secret)
        case manual(secretKey: Secret?, publishableKey: String)
    }

    public var access: Access
    /// An application id or name; nil audits every application the credential sees.
    public var application: String?
    /// Nil: the production instance of `application`, or every instance when no
    /// application is named.
    public var instance: InstanceChoice?
    /// The consumer's Key: Clerk's client_id is compared with it.
    public var consumerKey: String?
    /// The consumer's Secret: with it the configured client_id is verified at Bitbucket.
    public var consumerSecret: Secret?
    public var callbackURL: String?
    public var bitbucket: BitbucketCredentials?

    public init(application: String?, instance: InstanceChoice? = nil, consumerKey: String? = nil, consumerSecret: Secret? = nil,
                callbackURL: String? = nil, bitbucket: BitbucketCredentials?, platformKey: Secret) {
        self.init(access: .platform(platformKey), application: application, instance: instance, consumerKey: consumerKey,
                  consumerSecret: consumerSecret, callbackURL: callbackURL, bitbucket: bitbucket)
    }

    public init(access: Access, application: String? = nil, instance: InstanceChoice? = nil, consumerKey: String? = nil,
                consumerSecret: Secret? = nil, callbackURL: String? = nil, bitbucket: BitbucketCredentials?) {
        self.access = access
        self.application = application
        self.instance = instance
        self.consumerKey = consumerKey
        self.consumerSecret = consumerSecret
        self.callbackURL = callbackURL
        self.bitbucket = bitbucket
    }

    /// Like ``ApplyPlan/resolve(flags:file:environment:dryRun:allowUnverifiedSecret:fallback:readSecret:)``,
    /// but nothing is required beyond one way into Clerk: missing Bitbucket credentials are a
    /// check that did not run, not a usage error.
    public static func resolve(
        flags: CommandSettings, file: CommandSettings? = nil, environment: [String: String],
        fallback: SessionCredentials? = nil, readSecret: ApplyPlan.SecretReader
    ) throws(CommandUsageError) -> DoctorPlan {
        let resolved = try ResolvedSettings(flags: flags, file: file, environment: environment, fallback: fallback, readSecret: readSecret)
        var consumerKey: String?
        if let raw = resolved.settings.consumerKey {
            switch CredentialInput.clean(raw, label: "Key") {
            case .success(let clean): consumerKey = clean
            case .failure(let issue): throw CommandUsageError("--consumer-key: \(issue.message)")
            }
        }
        let access: Access
        if let platformKey = resolved.platformKey {
            access = .platform(platformKey)
        } else {
            // Manual mode reads the instance's own keys, from the environment only (as the wizard).
            let ambient = fallback == nil ? SessionCredentials.fromEnvironment(environment) : SessionCredentials()
            guard ambient.clerkSecretKey != nil || !ambient.clerkPublishableKey.isEmpty else {
                let why = resolved.clerkCLI.problem.map { "\n\($0)" } ?? ""
                throw CommandUsageError("""
                    No way into Clerk was given. Give one of:
                      --clerk-platform-key-file (or CLERK_PLATFORM_API_KEY): a Platform API key (ak_…); every check
                      a Clerk CLI sign-in (run clerk auth login); every check
                      CLERK_SECRET_KEY (sk_…) or CLERK_PUBLISHABLE_KEY (pk_…): manual mode, checked from outside\(why)
                    """)
            }
            if resolved.settings.application != nil || resolved.settings.instance != nil {
                throw CommandUsageError("--application and --instance need a Platform credential (CLERK_PLATFORM_API_KEY or clerk auth login): with only CLERK_SECRET_KEY or CLERK_PUBLISHABLE_KEY, doctor audits the instance that key belongs to, so leave --application out.")
            }
            access = .manual(secretKey: ambient.clerkSecretKey, publishableKey: ambient.clerkPublishableKey)
        }
        return DoctorPlan(access: access, application: resolved.settings.application,
                          instance: resolved.settings.instance == nil ? nil : resolved.instance,
                          consumerKey: consumerKey, consumerSecret: resolved.consumerSecret,
                          callbackURL: resolved.callbackURL, bitbucket: try resolved.bitbucket())
    }

    var secrets: [Secret] {
        var secrets = [consumerSecret, bitbucket?.token].compactMap { $0 }
        switch access {
        case .platform(let key): secrets.append(key)
        case .manual(let secretKey, _): if let secretKey { secrets.append(secretKey) }
        }
        return secrets
    }
}
