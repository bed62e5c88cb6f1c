import Foundation

/// `bbclerk apply` without a process: checks the credentials, finds the instance, verifies
/// the consumer at Bitbucket's token endpoint, compares Callback URLs, previews the change
/// (dry run), applies it with `If-Match` (a 409 re-reads, previews again and retries once),
/// reads it back and checks the Frontend API. Stops at the first failed step: nothing is
/// written to Clerk unless every check before the PATCH held.
public struct ApplyRunner: Sendable {
    public var endpoints: Endpoints
    public var retry: RetryPolicy
    public var timeout: TimeInterval
    /// Where dry runs and applies are recorded, like the wizard's; nil records nothing.
    public var audit: AuditLog?
    public var now: @Sendable () -> Date
    /// Runs just before each PATCH that applies (attempt 1, then 2 after a conflict). Tests
    /// change the config here to provoke a 409.
    public var beforeApply: (@Sendable (_ attempt: Int) async -> Void)?

    public init(endpoints: Endpoints, retry: RetryPolicy = .init(), timeout: TimeInterval = 15, audit: AuditLog? = nil,
                now: @escaping @Sendable () -> Date = { Date() }, beforeApply: (@Sendable (Int) async -> Void)? = nil) {
        self.endpoints = endpoints
        self.retry = retry
        self.timeout = timeout
        self.audit = audit
        self.now = now
        self.beforeApply = beforeApply
    }

    public func run(_ plan: ApplyPlan) async -> ApplyResult {
        var result = ApplyResult(plan: plan)
        for secret in [plan.consumer.secret, plan.platformKey] + [plan.bitbucket?.token].compactMap({ $0 }) {
            SecretRedactor.shared.register(secret)
        }

        // 1–2. Bitbucket account and workspace, when credentials were given.
        if let credentials = plan.bitbucket {
            let bitbucket = BitbucketClient(endpoints: endpoints, credentials: credentials, retry: retry, timeout: timeout)
            guard result.add(await Self.bitbucketAccount(bitbucket)) else { return result }
            guard result.add(await workspaceStep(bitbucket, slug: plan.workspace)) else { return result }
        } else {
            result.add(CommandStep(name: "bitbucket_credentials", title: "Bitbucket account", status: .skipped,
                                   message: "No Bitbucket API token was given, so the account was not checked (set BITBUCKET_EMAIL and BITBUCKET_API_TOKEN to check it)."))
            result.add(CommandStep(name: "workspace", title: "Bitbucket workspace", status: .skipped,
                                   message: "Not checked without a Bitbucket API token; recorded as \(CommandText.safe(plan.workspace, limit: 80))."))
        }

        // 3–4. Clerk: the key, the application and instance, the Callback URL.
        let clerk = ClerkClient(endpoints: endpoints, platformKey: plan.platformKey, secretKey: nil, retry: retry, timeout: timeout)
        let lookup = await ClerkLookup.resolve(application: plan.application, instance: plan.instance, client: clerk)
        guard result.add(lookup.credentials), let applicationStep = lookup.application, result.add(applicationStep),
              let target = lookup.target else { return result }
        result.target = target

        // 5. The consumer's key and secret at Bitbucket's token endpoint.
        let verifier = BitbucketClient(endpoints: endpoints, credentials: BitbucketCredentials(email: "", token: Secret("")),
                                       retry: retry, timeout: timeout)
        let verdict = await verifier.verify(plan.consumer)
        result.verdict = verdict
        guard result.add(Self.consumerStep(verdict, target: target)) else { return result }

        // 6. The consumer's Callback URL, when given, against Clerk's.
        guard result.add(Self.callbackStep(plan.callbackURL, target: target, allowsLoopbackHTTP: endpoints.isLoopback)) else { return result }

        // 7. Read the config and preview the change.
        guard let application = target.applicationID else { return result }
        let patch = ClerkConfigPatch(enabled: true, clientID: plan.consumer.key, clientSecret: plan.consumer.secret)
        var snapshot: ClerkConfigSnapshot
        switch await preview(clerk, patch: patch, application: application, target: target, plan: plan, result: &result, retrying: false) {
        case .some(let read): snapshot = read
        case .none: return result
        }
        if plan.dryRun {
            result.add(CommandStep(name: "apply", title: "Apply", status: .skipped, message: "Dry run: nothing was applied to Clerk."))
            return result
        }

        // 8. Apply with If-Match; one conflict re-reads, previews again and retries.
        var attempt = 1
        while true {
            await beforeApply?(attempt)
            do throws(RemoteError) {
                let applied = try await clerk.patchBitbucketConnection(
                    patch, application: application, instance: target.instanceID, ifMatch: snapshot.configVersion, dryRun: false)
                record(.apply, plan: plan, target: target, version: applied.configVersion, outcome: AuditEntry.ok, result: &result)
                result.applied = true
                result.configVersion = applied.configVersion
                let retried = attempt > 1 ? " after Clerk's config changed since the first preview (re-read, previewed again and retried once)" : ""
                result.add(CommandStep(name: "apply", title: "Apply", status: .ok,
                                       message: "Applied with If-Match\(retried); config version \(CommandText.safe(applied.configVersion, limit: 80))."))
                break
            } catch {
                record(.apply, plan: plan, target: target, version: snapshot.configVersion, outcome: error.kind.auditName, result: &result)
                if error.kind == .conflict, attempt == 1 {
                    attempt += 1
                    switch await preview(clerk, patch: patch, application: application, target: target, plan: plan, result: &result, retrying: true) {
                    case .some(let read): snapshot = read
                    case .none: return result
                    }
                    continue
                }
                let fix = error.kind == .conflict
                    ? "Someone else keeps changing this instance's config: wait until they are done and run bbclerk apply again."
                    : Self.clerkFix(error)
                result.add(CommandStep(name: "apply", title: "Apply", status: .failed,
                                       message: error.userMessage + " Nothing was changed in Clerk.", fix: fix))
                return result
            }
        }

        // 9. Read back.
        do throws(RemoteError) {
            let readBack = try await clerk.bitbucketConnection(application: application, instance: target.instanceID)
            result.configVersion = readBack.configVersion
            if readBack.connection.enabled == true, readBack.connection.clientID == plan.consumer.key {
                result.add(CommandStep(name: "read_back", title: "Read back", status: .ok,
                                       message: "Clerk's config shows Bitbucket enabled with client_id \(CommandText.safe(plan.consumer.key, limit: 80))."))
            } else {
                result.add(CommandStep(name: "read_back", title: "Read back", status: .failed,
                                       message: "Clerk's config, read back, does not show Bitbucket enabled with the new client_id.",
                                       fix: "Run bbclerk doctor to see the instance's state, then bbclerk apply again."))
                return result
            }
        } catch {
            result.add(CommandStep(name: "read_back", title: "Read back", status: .failed, message: error.userMessage,
                                   fix: "The change was applied; run bbclerk doctor in a moment to confirm it."))
            return result
        }

        // 10. What a browser would see.
        result.add(await Self.frontendStep(clerk, target: target))
        return result
    }

    // MARK: Steps

    static func bitbucketAccount(_ client: BitbucketClient) async -> CommandStep {
        let title = "Bitbucket account"
        do throws(RemoteError) {
            let user = try await client.currentUser()
            return CommandStep(name: "bitbucket_credentials", title: title, status: .ok,
                               message: "Signed in as \(CommandText.safe(user.displayName, limit: 80)).")
        } catch {
            return CommandStep(name: "bitbucket_credentials", title: title, status: .failed, message: error.userMessage,
                               fix: bitbucketTokenFix)
        }
    }

    static let bitbucketTokenFix = "Create an API token with scopes (app Bitbucket; read:user:bitbucket and read:workspace:bitbucket) at https://id.atlassian.com/manage-profile/security/api-tokens and set BITBUCKET_EMAIL and BITBUCKET_API_TOKEN."

    func workspaceStep(_ client: BitbucketClient, slug: String) async -> CommandStep {
        let title = "Bitbucket workspace"
        do throws(RemoteError) {
            let role = try await client.permission(in: slug)
            return CommandStep(name: "workspace", title: title, status: .ok,
                               message: "\(CommandText.safe(slug, limit: 80)): you are \(role.rawValue) there.")
        } catch {
            return CommandStep(name: "workspace", title: title, status: .failed, message: error.userMessage,
                               fix: "Check --workspace: it is the slug in the workspace's URL (bitbucket.org/<slug>), of a workspace your account belongs to.")
        }
    }

    static func consumerStep(_ verdict: CredentialVerdict, target: ClerkTarget) -> CommandStep {
        let title = "Consumer key and secret"
        let message = CommandText.safe(verdict.userMessage, limit: 400)
        if verdict.isUsable { return CommandStep(name: "consumer", title: title, status: .ok, message: message) }
        let fix: String = switch verdict {
        case .valid: "In Bitbucket, edit the consumer and tick Account → Email and Account → Read, then run again."
        case .wrongCredentials, .publicConsumer(.credentialsRejected):
            "Copy the Key and Secret again from Workspace settings → OAuth consumers and run again."
        case .noCallbackURL: "Set the consumer's Callback URL in Bitbucket to \(target.callbackURL) and run again."
        case .publicConsumer: "Tick \"This is a private consumer\" in Bitbucket so the key and secret can be checked fully."
        case .rateLimited: "Wait a minute and run again."
        case .failed: "Check the network connection and run again."
        }
        return CommandStep(name: "consumer", title: title, status: .failed, message: message, fix: fix)
    }

    static func callbackStep(_ given: String?, target: ClerkTarget, allowsLoopbackHTTP: Bool) -> CommandStep {
        let title = "Callback URL"
        guard let given else {
            return CommandStep(name: "callback", title: title, status: .skipped,
                               message: "Not compared: pass --callback-url with the consumer's Callback URL to check it is exactly \(CommandText.safe(target.callbackURL))")
        }
        let validation = FormValidation(expectedCallbackURL: target.callbackURL, allowsLoopbackHTTP: allowsLoopbackHTTP)
        if let issue = validation.issue(.callbackURL, given) {
            return CommandStep(name: "callback", title: title, status: .failed, message: CommandText.safe(issue, limit: 400),
                               fix: "Edit the consumer in Bitbucket: set its Callback URL to \(target.callbackURL) exactly.")
        }
        return CommandStep(name: "callback", title: title, status: .ok, message: "The consumer's Callback URL is Clerk's, exactly.")
    }

    static func frontendStep(_ clerk: ClerkClient, target: ClerkTarget) async -> CommandStep {
        let title = "Frontend API"
        do throws(RemoteError) {
            if try await clerk.isBitbucketEnabled(frontendAPIURL: target.frontendAPIURL) {
                return CommandStep(name: "frontend_api", title: title, status: .ok,
                                   message: "\(CommandText.safe(target.frontendAPIURL.absoluteString))/v1/environment shows Bitbucket sign-in (oauth_bitbucket) enabled.")
            }
            return CommandStep(name: "frontend_api", title: title, status: .failed,
                               message: "\(CommandText.safe(target.frontendAPIURL.absoluteString))/v1/environment does not show Bitbucket sign-in enabled.",
                               fix: "In the Clerk Dashboard open SSO connections → Bitbucket and turn on \"Enable for sign-up and sign-in\", or run bbclerk apply.")
        } catch {
            return CommandStep(name: "frontend_api", title: title, status: .failed, message: error.userMessage,
                               fix: "Check that the instance's Frontend API (\(CommandText.safe(target.frontendAPIURL.absoluteString))) is reachable and run again.")
        }
    }

    static func clerkFix(_ error: RemoteError) -> String {
        switch error.kind {
        case .validation: "Fix what Clerk named above (production instances need both client_id and client_secret) and run again."
        case .unauthorized: "Set CLERK_PLATFORM_API_KEY (or --clerk-platform-key-file) to a Platform API key (ak_…)."
        case .forbidden: "Use a Platform API key that may change this instance's config."
        default: "Run again in a moment; nothing was changed."
        }
    }

    // MARK: Pieces

    /// Reads the config and runs the dry run; adds the `dry_run` step. Nil when it failed.
    private func preview(_ clerk: ClerkClient, patch: ClerkConfigPatch, application: String, target: ClerkTarget,
                         plan: ApplyPlan, result: inout ApplyResult, retrying: Bool) async -> ClerkConfigSnapshot? {
        let name = retrying ? "dry_run_retry" : "dry_run"
        let title = retrying ? "Dry run again (config changed)" : "Dry run"
        let snapshot: ClerkConfigSnapshot
        do throws(RemoteError) {
            snapshot = try await clerk.bitbucketConnection(application: application, instance: target.instanceID)
        } catch {
            result.add(CommandStep(name: name, title: title, status: .failed, message: error.userMessage + " Nothing was changed in Clerk.",
                                   fix: Self.clerkFix(error)))
            return nil
        }
        do throws(RemoteError) {
            let preview = try await clerk.patchBitbucketConnection(
                patch, application: application, instance: target.instanceID, ifMatch: snapshot.configVersion, dryRun: true)
            record(.dryRun, plan: plan, target: target, version: preview.configVersion, outcome: AuditEntry.ok, result: &result)
            let diff = ConfigDiff(preview, patch: patch)
            result.diff = diff
            result.configVersion = snapshot.configVersion
            let change = diff.changes ? "would change \(diff.lines.filter { $0.hasPrefix("+") }.count) field(s)" : "would change nothing"
            result.add(CommandStep(name: name, title: title, status: .ok,
                                   message: "Clerk accepted the change in a dry run (config version \(CommandText.safe(snapshot.configVersion, limit: 80))); it \(change)."))
            return snapshot
        } catch {
            record(.dryRun, plan: plan, target: target, version: snapshot.configVersion, outcome: error.kind.auditName, result: &result)
            result.add(CommandStep(name: name, title: title, status: .failed, message: error.userMessage + " Nothing was changed in Clerk.",
                                   fix: Self.clerkFix(error)))
            return nil
        }
    }

    private func record(_ action: AuditEntry.Action, plan: ApplyPlan, target: ClerkTarget, version: String?, outcome: String,
                        result: inout ApplyResult) {
        guard let audit else { return }
        let entry = AuditEntry(time: now(), application: target.applicationID ?? target.applicationName, instance: target.instanceID,
                               workspace: plan.workspace, consumerKey: plan.consumer.key, action: action,
                               configVersion: version, outcome: outcome)
        do { try audit.append(entry) } catch {
            let note = "The audit log \(audit.file.path) could not be written (\(error.localizedDescription))."
            if !result.notes.contains(note) { result.notes.append(note) }
        }
    }
}

/// What `bbclerk apply` did: every step, the verdict, the diff, the version.
public struct ApplyResult: Sendable, Equatable {
    public var steps: [CommandStep] = []
    public var dryRun: Bool
    public var applied = false
    public var application: String
    public var instance: String
    public var workspace: String
    public var consumerKey: String
    public var target: ClerkTarget?
    public var verdict: CredentialVerdict?
    /// After applying: the version read back; in a dry run: the version read.
    public var configVersion: String?
    public var diff: ConfigDiff?
    /// Problems beside the steps (an audit log that could not be written).
    public var notes: [String] = []

    init(plan: ApplyPlan) {
        dryRun = plan.dryRun
        application = plan.application
        instance = plan.instance.description
        workspace = plan.workspace
        consumerKey = plan.consumer.key
    }

    /// Appends `step`; returns whether it held.
    @discardableResult
    mutating func add(_ step: CommandStep) -> Bool {
        steps.append(step)
        return step.isOK
    }

    public var ok: Bool { steps.allSatisfy(\.isOK) }
    public var exit: CommandExit { ok ? .success : .checkFailed }

    /// The machine-readable result (`bbclerk apply --json`).
    public var json: JSONValue {
        [
            "command": "apply", "ok": .bool(ok), "exit_code": .number(Double(exit.rawValue)),
            "dry_run": .bool(dryRun), "applied": .bool(applied),
            "application": .string(application), "instance": .string(instance), "workspace": .string(workspace),
            "consumer_key": .string(consumerKey),
            "target": target?.json ?? .null,
            "verdict": verdict?.json ?? .null,
            "config_version": configVersion.map(JSONValue.string) ?? .null,
            "diff": diff?.json ?? .null,
            "steps": .array(steps.map(\.json)),
            "notes": .array(notes.map(JSONValue.string)),
        ]
    }

    /// The human-readable result.
    public func text(color: Bool) -> String {
        var lines: [String] = []
        for step in steps {
            lines.append(step.text(color: color))
            if step.name.hasPrefix("dry_run"), step.isOK, let diff, step.name == (steps.last { $0.name.hasPrefix("dry_run") }?.name) {
                lines.append("  connection_oauth_bitbucket:")
                lines += diff.lines.map { "    " + $0 }
            }
        }
        lines += notes.map { "note: \($0)" }
        if ok {
            lines.append(dryRun ? "Dry run: nothing was applied. Run again without --dry-run to apply."
                : "Done: Bitbucket sign-in is configured on \(target?.label ?? instance).")
        } else {
            lines.append("Stopped: a check failed\(applied ? "" : "; nothing was changed in Clerk").")
        }
        return lines.joined(separator: "\n")
    }
}
