#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// `bbclerk apply` without a process: checks the credentials, finds the instance, verifies
/// the consumer at Bitbucket's token endpoint, compares Callback URLs, previews the change
/// (dry run), applies it with `If-Match` (a 409 re-reads, previews again and retries once),
/// reads it back and checks the Frontend API. The checks before the PATCH all run, each
/// independent of the others' outcome; nothing is written to Clerk unless every one held.
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

        // 1–6 are independent checks: each runs whatever the others found (a wrong secret
        // does not hide a wrong Callback URL), and nothing is written unless all held.
        // 1–2. Bitbucket account and workspace, when credentials were given.
        if let credentials = plan.bitbucket {
            let bitbucket = BitbucketClient(endpoints: endpoints, credentials: credentials, retry: retry, timeout: timeout)
            if result.add(await Self.bitbucketAccount(bitbucket)) {
                result.add(await workspaceStep(bitbucket, slug: plan.workspace))
            } else {
                result.add(CommandStep(name: "workspace", title: "Bitbucket workspace", status: .skipped,
                                       message: "Not checked: the Bitbucket account was not accepted (see above)."))
            }
        } else {
            result.add(CommandStep(name: "bitbucket_credentials", title: "Bitbucket account", status: .skipped,
                                   message: "No Bitbucket API token was given, so the account was not checked (set BITBUCKET_EMAIL and BITBUCKET_API_TOKEN to check it)."))
            result.add(CommandStep(name: "workspace", title: "Bitbucket workspace", status: .skipped,
                                   message: "Not checked without a Bitbucket API token; recorded as \(CommandText.safe(plan.workspace, limit: 80))."))
        }

        // 3–4. Clerk: the credential, the application and instance.
        let clerk = ClerkClient(endpoints: endpoints, platformKey: plan.platformKey, secretKey: nil, retry: retry, timeout: timeout)
        let lookup = await ClerkLookup.resolve(application: plan.application, instance: plan.instance, client: clerk)
        result.add(lookup.credentials)
        if let applicationStep = lookup.application { result.add(applicationStep) }
        result.target = lookup.target

        // 5. The consumer's key and secret at Bitbucket's token endpoint.
        let verifier = ConsumerVerifier(endpoints: endpoints, retry: retry, timeout: timeout)
        let verdict = await verifier.verify(plan.consumer)
        result.verdict = verdict
        result.add(Self.consumerStep(verdict, target: lookup.target, allowUnverifiedSecret: plan.allowUnverifiedSecret))

        // 6. The consumer's Callback URL, when given, against Clerk's.
        if let target = lookup.target {
            result.add(DoctorCheck.callback(plan.callbackURL, target: target, allowsLoopbackHTTP: endpoints.isLoopback))
        } else {
            result.add(CommandStep(name: "callback", title: DoctorCheck.callback.title, status: .skipped,
                                   message: "Not compared: Clerk's instance, and so its Callback URL, is not known (see above)."))
        }

        let failed = result.steps.filter { $0.status == .failed }.count
        guard failed == 0 else {
            result.add(CommandStep(name: "apply", title: "Apply", status: .skipped,
                                   message: "Nothing was written to Clerk: \(failed == 1 ? "a check" : "\(failed) checks") above failed."))
            return result
        }
        guard let target = lookup.target, let application = target.applicationID else {
            result.add(CommandStep(name: "apply", title: "Apply", status: .failed,
                                   message: "Nothing was written to Clerk: the application's id is not known.",
                                   fix: "Give --application as the application's id (app_…) and run again."))
            return result
        }

        // 7. Read the config and preview the change.
        let patch = ClerkConfigPatch(enabled: true, clientID: plan.consumer.key, clientSecret: plan.consumer.secret)
        var snapshot: ClerkConfigSnapshot
        switch await preview(clerk, patch: patch, application: application, target: target, plan: plan, result: &result, retrying: false) {
        case .some(let read): snapshot = read
        case .none: return result
        }
        resolveInterruptedWrite(snapshot, target: target, result: &result)
        if plan.dryRun {
            result.add(CommandStep(name: "apply", title: "Apply", status: .skipped, message: "Dry run: nothing was applied to Clerk."))
            return result
        }

        // 8. Apply with If-Match; one conflict re-reads, previews again and retries. A lost
        // answer is followed by a re-read: only Clerk or the re-read may say what happened.
        var attempt = 1
        var applied: ClerkPatchResult?
        while applied == nil {
            await beforeApply?(attempt)
            // Before the PATCH leaves: a process killed before the answer still leaves a trace.
            record(.apply, plan: plan, target: target, version: snapshot.configVersion, outcome: AuditEntry.attempt, result: &result)
            do throws(RemoteError) {
                applied = try await clerk.patchBitbucketConnection(
                    patch, application: application, instance: target.instanceID, ifMatch: snapshot.configVersion, dryRun: false)
            } catch {
                guard error.leavesWriteUncertain else {
                    // Clerk refused before writing: a first conflict re-reads, previews again and retries.
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
                                           message: WriteOutcome.refused.userMessage(cause: error), fix: fix))
                    return result
                }
                let (outcome, recheckError, reads) = await recheck(clerk, patch: patch, application: application, target: target,
                                                                   guardVersion: snapshot.configVersion)
                result.writeOutcome = outcome
                record(.apply, plan: plan, target: target, version: snapshot.configVersion, outcome: "\(error.kind.auditName),\(outcome.name)", result: &result)
                let message = outcome.userMessage(cause: error, recheckError: recheckError, waited: PropagationBackoff.waited(after: reads),
                                                  reader: .command)
                guard case .applied(let version) = outcome else {
                    result.add(CommandStep(name: "apply", title: "Apply", status: .failed, message: message,
                                           fix: outcome == .unknown ? "Run bbclerk doctor to see what Clerk holds now." : "Run bbclerk apply again."))
                    return result
                }
                result.applied = true
                result.configVersion = version
                result.add(CommandStep(name: "apply", title: "Apply", status: .ok, message: message))
                result.add(await Self.frontendStep(clerk, target: target, platformKey: plan.platformKey, afterWrite: true))
                return result
            }
        }
        guard let applied else { return result }
        record(.apply, plan: plan, target: target, version: applied.configVersion, outcome: AuditEntry.ok, result: &result)
        result.applied = true
        result.writeOutcome = .applied(configVersion: applied.configVersion)
        result.configVersion = applied.configVersion
        let retried = attempt > 1 ? " after Clerk's config changed since the first preview (re-read, previewed again and retried once)" : ""
        result.add(CommandStep(name: "apply", title: "Apply", status: .ok,
                               message: "Applied with If-Match\(retried); config version \(CommandText.safe(applied.configVersion, limit: 80))."))

        // 9. Read back. The PATCH answer is trusted; a read that still shows the old value
        // may lag behind the write, so it is read again with capped backoff.
        var reads = 1
        while true {
            do throws(RemoteError) {
                let readBack = try await clerk.bitbucketConnection(application: application, instance: target.instanceID)
                if readBack.connection.shows(patch) {
                    result.configVersion = readBack.configVersion
                    let waited = reads > 1 ? " (after \(RemoteErrors.seconds(PropagationBackoff.waited(after: reads))) of propagation)" : ""
                    result.add(CommandStep(name: "read_back", title: "Read back", status: .ok,
                                           message: "Clerk's config shows Bitbucket enabled with client_id \(CommandText.safe(plan.consumer.key, limit: 80)) and a secret set\(waited)."))
                    break
                }
                if await PropagationBackoff.sleep(after: reads) {
                    reads += 1
                    continue
                }
                result.add(CommandStep(name: "read_back", title: "Read back", status: .failed,
                                       message: "Clerk accepted the change, but \(RemoteErrors.seconds(PropagationBackoff.waited(after: reads))) later its config still reads the old value: it may still be propagating.",
                                       fix: "Run bbclerk doctor in a few minutes to confirm it."))
                return result
            } catch {
                result.add(CommandStep(name: "read_back", title: "Read back", status: .failed,
                                       message: "Clerk accepted the change, but reading it back failed: \(error.userMessage)",
                                       fix: "The change was applied; run bbclerk doctor in a moment to confirm it."))
                return result
            }
        }

        // 10. What a browser would see.
        result.add(await Self.frontendStep(clerk, target: target, platformKey: plan.platformKey, afterWrite: true))
        return result
    }

    /// Reads the config again after a write whose answer was lost, with capped backoff while
    /// it still shows the guarding version (reads may lag). Returns the outcome, the
    /// re-read's own failure, and how many reads it took.
    private func recheck(_ clerk: ClerkClient, patch: ClerkConfigPatch, application: String, target: ClerkTarget,
                         guardVersion: String) async -> (WriteOutcome, RemoteError?, Int) {
        var reads = 1
        while true {
            do throws(RemoteError) {
                let snapshot = try await clerk.bitbucketConnection(application: application, instance: target.instanceID)
                let outcome = WriteOutcome.judge(snapshot, patch: patch, guardVersion: guardVersion)
                if case .notVisible = outcome, await PropagationBackoff.sleep(after: reads) {
                    reads += 1
                    continue
                }
                return (outcome, nil, reads)
            } catch {
                return (.unknown, error, reads)
            }
        }
    }

    // MARK: Pieces

    /// Reads the config and runs the dry run; adds the `dry_run` step. Nil when it failed.
    private func preview(_ clerk: ClerkClient, patch: ClerkConfigPatch, application: String, target: ClerkTarget,
                         plan: ApplyPlan, result: inout ApplyResult, retrying: Bool) async -> ClerkConfigSnapshot? {
        let name = retrying ? "dry_run_retry" : "dry_run"
        let title = retrying ? "Dry run again (config changed)" : "Dry run"
        var snapshot: ClerkConfigSnapshot
        do throws(RemoteError) {
            let schema = try await clerk.bitbucketConfigSchema(application: application, instance: target.instanceID)
            snapshot = try await clerk.bitbucketConnection(application: application, instance: target.instanceID)
            snapshot.schema = schema
        } catch {
            result.add(CommandStep(name: name, title: title, status: .failed, message: error.userMessage + " Nothing was changed in Clerk.",
                                   fix: Self.clerkFix(error)))
            return nil
        }
        do throws(RemoteError) {
            let preview = try await clerk.patchBitbucketConnection(
                patch, application: application, instance: target.instanceID, ifMatch: snapshot.configVersion, dryRun: true)
            record(.dryRun, plan: plan, target: target, version: preview.configVersion, outcome: AuditEntry.ok, result: &result)
            let diff = ConfigDiff(preview, patch: patch, sensitiveFields: snapshot.sensitiveFields)
            result.diff = diff
            result.configVersion = snapshot.configVersion
            let count = diff.changedFieldCount
            let change = diff.changes ? "would change \(count) field\(count == 1 ? "" : "s")" : "would change nothing"
            result.add(CommandStep(name: name, title: title, status: .ok,
                                   message: "Clerk accepted the change in a dry run (config version \(CommandText.safe(snapshot.configVersion, limit: 80))); it \(change)."))
            return snapshot
        } catch {
            record(.dryRun, plan: plan, target: target, version: snapshot.configVersion, outcome: error.kind.auditName, result: &result)
            // A dry run never writes, whatever happened to its answer.
            result.add(CommandStep(name: name, title: title, status: .failed, message: error.userMessage + " Nothing was changed in Clerk (this was a dry run).",
                                   fix: Self.clerkFix(error)))
            return nil
        }
    }

    /// An earlier run's apply to this instance that ended before Clerk answered: judged from
    /// the config just read, recorded, and told.
    private func resolveInterruptedWrite(_ snapshot: ClerkConfigSnapshot, target: ClerkTarget, result: inout ApplyResult) {
        guard let audit, let interrupted = audit.unresolvedApply().map(InterruptedWrite.init), interrupted.concerns(target) else { return }
        let line = interrupted.resolution(snapshot, at: now())
        try? audit.append(line)
        result.notes.append(interrupted.laterMessage(interrupted.judge(snapshot)))
    }

    private func record(_ action: AuditEntry.Action, plan: ApplyPlan, target: ClerkTarget, version: String?, outcome: String,
                        result: inout ApplyResult) {
        guard let audit else { return }
        let entry = AuditEntry(time: now(), application: target.applicationID ?? target.applicationName, instance: target.instanceID,
                               workspace: plan.workspace, consumerKey: plan.consumer.key, action: action,
                               configVersion: version, outcome: outcome)
        do { try audit.append(entry) } catch {
            let note = "The audit log \(audit.file.path) could not be written (\(describedError(error)))."
            if !result.notes.contains(note) { result.notes.append(note) }
        }
    }
}
