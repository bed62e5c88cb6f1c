#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

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

    /// Every instance the plan names, one report each.
    public func audit(_ plan: DoctorPlan) async -> DoctorAudit {
        for secret in plan.secrets { SecretRedactor.shared.register(secret) }
        let bitbucket = await bitbucketStep(plan)
        switch plan.access {
        case .manual(let secretKey, let publishableKey):
            return DoctorAudit(reports: [await manual(plan, secretKey: secretKey, publishableKey: publishableKey, bitbucket: bitbucket)])
        case .platform(let key):
            guard plan.application == nil else { return DoctorAudit(reports: [await one(plan, platformKey: key, bitbucket: bitbucket)]) }
            return await every(plan, platformKey: key, bitbucket: bitbucket)
        }
    }

    /// The first (with an application named, the only) report of ``audit(_:)``.
    public func run(_ plan: DoctorPlan) async -> DoctorReport {
        await audit(plan).reports.first ?? DoctorReport(application: plan.application ?? "", instance: plan.instance?.description ?? "")
    }

    /// Bitbucket credentials: independent of everything else, checked once for all instances.
    private func bitbucketStep(_ plan: DoctorPlan) async -> CommandStep {
        guard let credentials = plan.bitbucket else {
            return DoctorCheck.bitbucketCredentials.failed(
                "No Bitbucket credentials were given.", fix: "Set BITBUCKET_EMAIL and BITBUCKET_API_TOKEN (or --bitbucket-email and --bitbucket-token-file): an Atlassian API token with scopes read:user:bitbucket and read:workspace:bitbucket.")
        }
        let client = BitbucketClient(endpoints: endpoints, credentials: credentials, retry: retry, timeout: timeout)
        var step = await ApplyRunner.bitbucketAccount(client)
        step.title = DoctorCheck.bitbucketCredentials.title
        return step
    }

    private func one(_ plan: DoctorPlan, platformKey: Secret, bitbucket: CommandStep) async -> DoctorReport {
        let instance = plan.instance ?? .production
        var report = DoctorReport(application: plan.application ?? "", instance: instance.description)
        report.checks.append(bitbucket)
        let clerk = ClerkClient(endpoints: endpoints, platformKey: platformKey, secretKey: nil, retry: retry, timeout: timeout)
        let lookup = await ClerkLookup.resolve(application: plan.application ?? "", instance: instance, client: clerk)
        report.checks.append(lookup.credentials)
        if let step = lookup.application { report.checks.append(step) }
        guard let target = lookup.target else {
            let reason = lookup.credentials.isOK ? "needs the application and instance (see above)" : "needs working Clerk credentials (see above)"
            report.skip(DoctorCheck.afterClerkCredentials.filter { $0 != .clerkApplication || lookup.application == nil }, reason)
            return report
        }
        let snapshot = await readConnection(clerk, target: target)
        await instanceChecks(plan, clerk: clerk, target: target, snapshot: snapshot, platformKey: platformKey, into: &report)
        return report
    }

    /// Every application and instance the credential sees (filtered by `--instance`); an
    /// instance where Bitbucket sign-in was never started is listed, not audited.
    private func every(_ plan: DoctorPlan, platformKey: Secret, bitbucket: CommandStep) async -> DoctorAudit {
        let clerk = ClerkClient(endpoints: endpoints, platformKey: platformKey, secretKey: nil, retry: retry, timeout: timeout)
        let applications: [ClerkApplication]
        do throws(RemoteError) {
            applications = try await clerk.applications()
        } catch {
            var report = DoctorReport(application: "", instance: plan.instance?.description ?? "")
            report.checks = [bitbucket, ClerkLookup.credentialsFailure(error)]
            report.skip(DoctorCheck.afterClerkCredentials, "needs working Clerk credentials (see above)")
            return DoctorAudit(reports: [report])
        }
        let seen = DoctorCheck.clerkCredentials.ok(ClerkLookup.seesMessage(applications.count))
        var audit = DoctorAudit(reports: [])
        if let choice = plan.instance, !applications.contains(where: { choice.find(in: $0) != nil }) {
            audit.nothingAudited = DoctorAudit.noneMatched
        }
        for application in applications {
            let instances = application.instances.filter { instance in plan.instance.map { $0.find(in: application)?.id == instance.id } ?? true }
            guard !instances.isEmpty else { continue }
            var domains: [ClerkDomain] = []
            var domainError: RemoteError?
            if instances.contains(where: { $0.environment == .production }) {
                do throws(RemoteError) { domains = try await clerk.domains(application: application.id) } catch { domainError = error }
            }
            for instance in instances {
                var report = DoctorReport(application: application.id, instance: instance.id)
                report.checks = [bitbucket, seen]
                guard let target = ClerkTarget(application: application, instance: instance, domains: domains) else {
                    report.checks.append(DoctorCheck.clerkApplication.failed(
                        domainError?.userMessage ?? "Clerk gave no domain or publishable key for \(CommandText.safe(application.name, limit: 80)) · \(instance.environment.rawValue), so its Callback URL is unknown.",
                        fix: "Check the instance's domain in the Clerk Dashboard (Configure → Domains) and run again."))
                    audit.reports.append(report)
                    continue
                }
                let snapshot = await readConnection(clerk, target: target)
                if case .success(let read) = snapshot, read.connection.enabled != true, read.connection.clientID == nil {
                    audit.notSetUp.append(target.label)
                    continue
                }
                report.checks.append(DoctorCheck.clerkApplication.ok("\(target.label); Callback URL \(CommandText.safe(target.callbackURL, limit: 200))."))
                await instanceChecks(plan, clerk: clerk, target: target, snapshot: snapshot, platformKey: platformKey, into: &report)
                audit.reports.append(report)
            }
        }
        return audit
    }

    private func readConnection(_ clerk: ClerkClient, target: ClerkTarget) async -> Result<ClerkConfigSnapshot, RemoteError> {
        guard let application = target.applicationID else {
            return .failure(RemoteError(service: .clerkPlatform, kind: .notFound, userMessage: "The application is not known.", logDetail: "no application id"))
        }
        do throws(RemoteError) {
            return .success(try await clerk.bitbucketConnection(application: application, instance: target.instanceID))
        } catch {
            return .failure(error)
        }
    }

    /// The checks of one instance once its target is known: its connection, the client_id
    /// at Bitbucket, the scopes, the Frontend API and the Callback URL.
    private func instanceChecks(_ plan: DoctorPlan, clerk: ClerkClient, target: ClerkTarget, snapshot: Result<ClerkConfigSnapshot, RemoteError>,
                                platformKey: Secret, into report: inout DoctorReport) async {
        report.target = target
        let config: BitbucketConnectionConfig
        switch snapshot {
        case .failure(let error):
            report.checks.append(DoctorCheck.clerkConnection.failed(
                error.userMessage, fix: error.status == 403 || error.kind == .unauthorized
                    ? "Use a Platform API key (or a Clerk CLI sign-in) that may read this instance's config."
                    : error.fix(retry: "run bbclerk doctor again", reach: "Check the network connection (and HTTPS_PROXY) and run bbclerk doctor again.")))
            report.skip([.bitbucketClientID, .consumerScopes], "Clerk's config could not be read")
            report.checks.append(await frontend(clerk, target: target, platformKey: platformKey))
            report.checks.append(DoctorCheck.callback(plan.callbackURL, target: target, allowsLoopbackHTTP: endpoints.isLoopback))
            return
        case .success(let read):
            config = read.connection
            report.configVersion = read.configVersion
            report.clientID = config.clientID
            report.checks.append(DoctorCheck.connection(config, target: target))
        }

        // The configured client_id: the Key given, and at Bitbucket with the Secret.
        if let expected = plan.consumerKey, let clientID = config.clientID, clientID != expected {
            report.checks.append(DoctorCheck.bitbucketClientID.failed(
                "Clerk holds client_id \(CommandText.safe(clientID, limit: 80)), not the Key given (\(CommandText.safe(expected, limit: 80))).",
                fix: "If the Key given is the consumer's, run \(DoctorCheck.applyCommand(target)) with it; otherwise check --consumer-key."))
            report.checks.append(DoctorCheck.consumerScopes.skipped("Not checked: the Key given is not the one Clerk holds."))
        } else {
            var verdict: CredentialVerdict?
            if let clientID = config.clientID, let secret = plan.consumerSecret {
                let verifier = ConsumerVerifier(endpoints: endpoints, retry: retry, timeout: timeout)
                verdict = await verifier.verify(ConsumerCredentials(key: clientID, secret: secret))
            }
            report.verdict = verdict
            report.checks.append(DoctorCheck.clientID(config.clientID, verdict: verdict, target: target))
            report.checks.append(DoctorCheck.scopes(verdict))
        }
        report.checks.append(await frontend(clerk, target: target, platformKey: platformKey))
        report.checks.append(DoctorCheck.callback(plan.callbackURL, target: target, allowsLoopbackHTTP: endpoints.isLoopback))
    }

    func frontend(_ clerk: ClerkClient, target: ClerkTarget, platformKey: Secret?) async -> CommandStep {
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

    /// Adds `checks` as not run, each saying why ("Not checked: <reason>.").
    mutating func skip(_ checks: [DoctorCheck], _ reason: String) {
        for check in checks { self.checks.append(check.skipped("Not checked: \(reason).")) }
    }

    /// What to do first: the fix of the first failed check, nil when none failed.
    public var nextAction: String? { checks.first { $0.status == .failed }.map { $0.fix ?? $0.message } }

    /// The machine-readable report of this instance (one of `bbclerk doctor --json`'s `instances`).
    public var json: JSONValue {
        [
            "ok": .bool(ok), "next_action": nextAction.map(JSONValue.string) ?? .null,
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
