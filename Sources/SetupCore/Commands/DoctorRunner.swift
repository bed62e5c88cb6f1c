#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// What `bbclerk doctor` needs: the instance to audit and the credentials to audit it with.
public struct DoctorPlan: Sendable {
    public var application: String
    public var instance: InstanceChoice
    /// The consumer's Secret: with it the configured client_id is verified at Bitbucket.
    public var consumerSecret: Secret?
    public var callbackURL: String?
    public var bitbucket: BitbucketCredentials?
    public var platformKey: Secret

    public init(application: String, instance: InstanceChoice = .production, consumerSecret: Secret? = nil, callbackURL: String? = nil,
                bitbucket: BitbucketCredentials?, platformKey: Secret) {
        self.application = application
        self.instance = instance
        self.consumerSecret = consumerSecret
        self.callbackURL = callbackURL
        self.bitbucket = bitbucket
        self.platformKey = platformKey
    }

    /// Like ``ApplyPlan/resolve(flags:file:environment:dryRun:fallback:readSecret:)``:
    /// `--application` and a Platform API key are required; missing Bitbucket credentials
    /// are a failed check, not a usage error.
    public static func resolve(
        flags: CommandSettings, file: CommandSettings? = nil, environment: [String: String],
        fallback: SessionCredentials? = nil, readSecret: ApplyPlan.SecretReader
    ) throws(CommandUsageError) -> DoctorPlan {
        let resolved = try ResolvedSettings(flags: flags, file: file, environment: environment, fallback: fallback, readSecret: readSecret)
        let application = try resolved.require(.application, what: "the Clerk application's id (app_…) or name")
        guard let platformKey = resolved.platformKey else {
            throw CommandUsageError("Missing --clerk-platform-key-file (or CLERK_PLATFORM_API_KEY): a Clerk Platform API key (ak_…), which may read the instance's config.")
        }
        return DoctorPlan(application: application, instance: resolved.instance, consumerSecret: resolved.consumerSecret,
                          callbackURL: resolved.callbackURL, bitbucket: try resolved.bitbucket(), platformKey: platformKey)
    }
}

/// `bbclerk doctor` without a process: audits an existing setup, every check run that can
/// be, each with a one-line fix when it fails.
public struct DoctorRunner: Sendable {
    public var endpoints: Endpoints
    public var retry: RetryPolicy
    public var timeout: TimeInterval

    public init(endpoints: Endpoints, retry: RetryPolicy = .init(), timeout: TimeInterval = 15) {
        self.endpoints = endpoints
        self.retry = retry
        self.timeout = timeout
    }

    public func run(_ plan: DoctorPlan) async -> DoctorReport {
        for secret in [plan.consumerSecret, plan.platformKey, plan.bitbucket?.token].compactMap({ $0 }) {
            SecretRedactor.shared.register(secret)
        }
        var report = DoctorReport(application: plan.application, instance: plan.instance.description)

        // Bitbucket credentials: independent of everything else.
        if let credentials = plan.bitbucket {
            let client = BitbucketClient(endpoints: endpoints, credentials: credentials, retry: retry, timeout: timeout)
            var step = await ApplyRunner.bitbucketAccount(client)
            step.title = DoctorCheck.bitbucketCredentials.title
            report.checks.append(step)
        } else {
            report.checks.append(DoctorCheck.bitbucketCredentials.failed(
                "No Bitbucket credentials were given.", fix: "Set BITBUCKET_EMAIL and BITBUCKET_API_TOKEN (or --bitbucket-email and --bitbucket-token-file): an Atlassian API token with scopes read:user:bitbucket and read:workspace:bitbucket."))
        }

        // Clerk: the key, then the instance, then its connection.
        let clerk = ClerkClient(endpoints: endpoints, platformKey: plan.platformKey, secretKey: nil, retry: retry, timeout: timeout)
        let lookup = await ClerkLookup.resolve(application: plan.application, instance: plan.instance, client: clerk)
        report.checks.append(lookup.credentials)
        if let step = lookup.application { report.checks.append(step) }
        guard let target = lookup.target, let application = target.applicationID else {
            let reason = lookup.credentials.isOK ? "needs the application and instance (see above)" : "needs working Clerk credentials (see above)"
            if lookup.application == nil { report.checks.append(DoctorCheck.clerkApplication.skipped("Not checked: \(reason).")) }
            for check in [DoctorCheck.clerkConnection, .bitbucketClientID, .consumerScopes, .frontendAPI, .callback] {
                report.checks.append(check.skipped("Not checked: \(reason)."))
            }
            return report
        }
        report.target = target

        let config: BitbucketConnectionConfig
        do throws(RemoteError) {
            let snapshot = try await clerk.bitbucketConnection(application: application, instance: target.instanceID)
            config = snapshot.connection
            report.configVersion = snapshot.configVersion
            report.clientID = config.clientID
            report.checks.append(DoctorCheck.connection(config, target: target))
        } catch {
            report.checks.append(DoctorCheck.clerkConnection.failed(
                error.userMessage, fix: error.status == 403 || error.kind == .unauthorized
                    ? "Use a Platform API key that may read this instance's config." : "Run bbclerk doctor again in a moment."))
            for check in [DoctorCheck.bitbucketClientID, .consumerScopes] {
                report.checks.append(check.skipped("Not checked: Clerk's config could not be read."))
            }
            report.checks.append(await frontend(clerk, target: target, platformKey: plan.platformKey))
            report.checks.append(DoctorCheck.callback(plan.callbackURL, target: target, allowsLoopbackHTTP: endpoints.isLoopback))
            return report
        }

        // The configured client_id at Bitbucket.
        var verdict: CredentialVerdict?
        if let clientID = config.clientID, let secret = plan.consumerSecret {
            let verifier = ConsumerVerifier(endpoints: endpoints, retry: retry, timeout: timeout)
            verdict = await verifier.verify(ConsumerCredentials(key: clientID, secret: secret))
        }
        report.verdict = verdict
        report.checks.append(DoctorCheck.clientID(config.clientID, verdict: verdict, target: target))
        report.checks.append(DoctorCheck.scopes(verdict))
        report.checks.append(await frontend(clerk, target: target, platformKey: plan.platformKey))
        report.checks.append(DoctorCheck.callback(plan.callbackURL, target: target, allowsLoopbackHTTP: endpoints.isLoopback))
        return report
    }

    private func frontend(_ clerk: ClerkClient, target: ClerkTarget, platformKey: Secret?) async -> CommandStep {
        var step = await ApplyRunner.frontendStep(clerk, target: target, platformKey: platformKey)
        step.name = DoctorCheck.frontendAPI.rawValue
        step.title = DoctorCheck.frontendAPI.title
        return step
    }
}

/// Every check `bbclerk doctor` ran, and what it found.
public struct DoctorReport: Sendable, Equatable {
    public var application: String
    public var instance: String
    public var checks: [CommandStep] = []
    public var target: ClerkTarget?
    public var configVersion: String?
    public var clientID: String?
    public var verdict: CredentialVerdict?

    init(application: String, instance: String) {
        self.application = application
        self.instance = instance
    }

    public var ok: Bool { checks.allSatisfy(\.isOK) }
    public var exit: CommandExit { ok ? .success : .checkFailed }

    /// The machine-readable report (`bbclerk doctor --json`).
    public var json: JSONValue {
        [
            "command": "doctor", "ok": .bool(ok), "exit_code": .number(Double(exit.rawValue)),
            "application": .string(application), "instance": .string(instance),
            "target": target?.json ?? .null,
            "config_version": configVersion.map(JSONValue.string) ?? .null,
            "client_id": clientID.map(JSONValue.string) ?? .null,
            "verdict": verdict?.json ?? .null,
            "checks": .array(checks.map(\.json)),
        ]
    }

    /// One line per check (✓/!/✗/–), a fix under each failure, and a summary.
    public func text() -> String {
        var lines = checks.map { $0.text() }
        lines.append(CommandText.summary(checks))
        return lines.joined(separator: "\n")
    }
}
