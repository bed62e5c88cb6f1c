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
        guard result.add(DoctorCheck.callback(plan.callbackURL, target: target, allowsLoopbackHTTP: endpoints.isLoopback)) else { return result }

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
            let change = diff.changes ? "would change \(diff.lines.filter { $0.kind == .added }.count) field(s)" : "would change nothing"
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
