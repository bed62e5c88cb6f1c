#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Carries out the effects of ``Wizard`` and answers with actions: network calls (``run(_:send:)``,
/// which front ends start in a task of their own, keyed by ``WizardEffect/key`` so Esc can
/// cancel it) and local work (``perform(_:)``, at once: the draft, the audit log, the
/// clipboard, the browser). Every client it uses is injected, the clock too, so both front
/// ends do the same things through it and tests replace what they must.
public struct EffectRunner: Sendable {
    public var endpoints: Endpoints
    public var retry: RetryPolicy
    public var timeout: TimeInterval
    /// How many workspace names are fetched at once: a screen of rows in one round (an
    /// 80×24 list shows 13). Bitbucket limits requests per hour (1,000), not at once, and
    /// only the visible rows are asked for.
    public var detailConcurrency: Int
    /// Workspace names kept across runs; nil keeps none (tests, the sandbox).
    public var workspaceNames: WorkspaceNameStore?
    /// Reads the Clerk CLI's sign-in (``ClerkCLISignIn/lookUp(environment:now:)`` in a live
    /// session); tests and the sandbox find none.
    public var clerkCLISignIn: @Sendable () -> ClerkCLISignIn = { .absent }
    /// The draft and the audit log; nil keeps neither (tests, unless they give a folder).
    public var files: SessionFiles?
    /// Where `c` copies to; nil where there is none (the line mode never copies).
    public var clipboard: (any WizardClipboard)?
    /// Where `o` opens links; nil where there is none.
    public var browser: (any WizardBrowser)?
    /// The time drafts and audit lines are stamped with.
    public var clock: any WizardClock = SystemClock()

    public init(endpoints: Endpoints, retry: RetryPolicy = .init(), timeout: TimeInterval = 15, detailConcurrency: Int = 16,
                workspaceNames: WorkspaceNameStore? = nil, files: SessionFiles? = nil, clock: any WizardClock = SystemClock()) {
        self.endpoints = endpoints
        self.retry = retry
        self.timeout = timeout
        self.detailConcurrency = detailConcurrency
        self.workspaceNames = workspaceNames
        self.files = files
        self.clock = clock
    }

    /// Carries out a local effect (``WizardEffect/isLocal``) now and returns its answers;
    /// nothing for any other effect. Called on the front end's own thread: the terminal's
    /// clipboard writes to the terminal, which only that thread may touch.
    public func perform(_ effect: WizardEffect) -> [WizardAction] {
        switch effect {
        case .saveDraft(let draft):
            guard let files else { return [] }
            do { try files.drafts.save(draft.stamped(clock.now)) } catch {
                return [.recordFailed("Your answers could not be saved as a draft (\(describedError(error))); they are kept only while bbclerk runs.")]
            }
            return []
        case .discardDraft:
            try? files?.drafts.discard()
            return []
        case .appendAudit(var entry):
            guard let files else { return [] }
            entry.time = clock.now
            do { try files.audit.append(entry) } catch {
                return [.recordFailed("The audit log could not be written (\(describedError(error))).")]
            }
            return []
        case .copyToClipboard(let label, let value):
            guard let clipboard else { return [] }
            return [.copied(label: label, hint: clipboard.copy(value))]
        case .openInBrowser(let url):
            guard let browser else { return [] }
            return [.linkOpened(problem: browser.open(url))]
        default:
            return []
        }
    }

    /// Runs `effect`, calling `send` with each resulting action (several for paged lists).
    /// Effects that are not network work (`cancel`) send nothing.
    public func run(_ effect: WizardEffect, send: @Sendable (WizardAction) async -> Void) async {
        switch effect {
        case .checkBitbucket(let credentials):
            await send(.bitbucketChecked(await result(.bitbucket) { try await bitbucket(credentials).currentUser() }))
        case .lookUpClerkCLISignIn:
            await send(.clerkCLISignInLooked(clerkCLISignIn()))
        case .checkClerk(let credentials):
            await send(.clerkChecked(await checkClerk(credentials)))
        case .loadDomains(let application, let key):
            await send(.domainsLoaded(application: application, await result(.clerkPlatform) { try await clerk(platformKey: key).domains(application: application) }))
        case .loadWorkspaces(let credentials):
            await loadWorkspaces(credentials, send: send)
        case .loadWorkspaceDetails(let slugs, let credentials):
            await loadWorkspaceDetails(slugs, credentials, send: send)
        case .createSandboxConsumer(let workspace, let form, let scopes, let credentials):
            let request = SandboxConsumerRequest(
                name: form.name, description: form.description, callbackURL: form.callbackURL, url: form.url,
                privacyPolicyURL: form.privacyPolicyURL, eulaURL: form.eulaURL, isPrivate: form.isPrivate,
                scopes: scopes.map(\.rawValue))
            await send(.sandboxConsumerCreated(await result(.bitbucket) {
                try await bitbucket(credentials).createConsumerInSandbox(request, workspace: workspace)
            }))
        case .verifyConsumer(let consumer):
            await send(.verified(await ConsumerVerifier(endpoints: endpoints, retry: retry, timeout: timeout).verify(consumer)))
        case .readClerkConfig(let application, let instance, let key, let purpose):
            let client = clerk(platformKey: key)
            let outcome = await result(.clerkPlatform) {
                // Before a preview: learn from the schema that the key exists and what is sensitive.
                let schema = purpose == .preview ? try await client.bitbucketConfigSchema(application: application, instance: instance) : nil
                var snapshot = try await client.bitbucketConnection(application: application, instance: instance)
                snapshot.schema = schema
                return snapshot
            }
            switch purpose {
            case .preview: await send(.configLoaded(outcome))
            case .readBack: await send(.readBackFinished(outcome))
            case .recheckWrite: await send(.writeRechecked(outcome))
            }
        case .patchClerkConfig(let patch, let application, let instance, let ifMatch, let dryRun, let key):
            let outcome = await result(.clerkPlatform) {
                try await clerk(platformKey: key).patchBitbucketConnection(patch, application: application, instance: instance,
                                                                           ifMatch: ifMatch, dryRun: dryRun)
            }
            await send(dryRun ? .dryRunFinished(outcome) : .applyFinished(outcome))
        case .checkEnvironment(let probe):
            await send(.environmentChecked(await result(.clerkFrontend) {
                try await clerk(platformKey: probe.domainStatus?.platformKey).frontendCheck(probe)
            }))
        case .checkSignInRedirect(let probe, let redirectURL):
            await send(.signInRedirectChecked(await result(.clerkFrontend) {
                try await clerk(platformKey: probe.domainStatus?.platformKey).signInRedirect(probe, redirectURL: redirectURL)
            }))
        case .after(let seconds, let effect):
            // Cancelling the task (Esc, or leaving the step) ends the wait without an answer.
            guard (try? await Task.sleep(nanoseconds: UInt64(max(0, seconds) * 1_000_000_000))) != nil else { return }
            await run(effect, send: send)
        case .cancel:
            break
        case .saveDraft, .discardDraft, .appendAudit, .copyToClipboard, .openInBrowser:
            for action in perform(effect) { await send(action) }
        }
    }

    // MARK: Pieces

    func bitbucket(_ credentials: BitbucketCredentials) -> BitbucketClient {
        BitbucketClient(endpoints: endpoints, credentials: credentials, retry: retry, timeout: timeout)
    }

    func clerk(platformKey: Secret?, secretKey: Secret? = nil) -> ClerkClient {
        ClerkClient(endpoints: endpoints, platformKey: platformKey, secretKey: secretKey, retry: retry, timeout: timeout)
    }

    func loadWorkspaces(_ credentials: BitbucketCredentials, send: @Sendable (WizardAction) async -> Void) async {
        var pages = bitbucket(credentials).administeredWorkspaces().makeAsyncIterator()
        do {
            // Each page is shown the moment it arrives (the list is usable after the first);
            // an empty last page then marks the list complete.
            while let page = try await pages.next() {
                await send(.workspacePageLoaded(page, isLast: false))
                if let cached = await workspaceNames?.details(for: page), !cached.isEmpty {
                    await send(.workspaceNamesCached(cached))
                }
            }
            await send(.workspacePageLoaded([], isLast: true))
            // A side note for the list, not worth an error of its own when it fails.
            if let count = try? await bitbucket(credentials).memberOnlyWorkspaceCount() {
                await send(.memberOnlyWorkspacesCounted(count))
            }
        } catch {
            await send(.workspacesFailed(RemoteError.wrapping(error, service: .bitbucket)))
        }
    }

    /// Names known from the cache are answered without a request; the rest are fetched with
    /// bounded concurrency and remembered for the next run.
    func loadWorkspaceDetails(_ slugs: [String], _ credentials: BitbucketCredentials, send: @Sendable (WizardAction) async -> Void) async {
        var toFetch = slugs
        if let names = workspaceNames {
            let split = await names.split(slugs)
            for details in split.known { await send(.workspaceDetailsLoaded(slug: details.slug, .success(details))) }
            toFetch = split.toFetch
        }
        guard !toFetch.isEmpty else { return }
        var fetched: [WorkspaceDetails] = []
        for await (slug, outcome) in bitbucket(credentials).workspaceDetails(toFetch, maxConcurrent: detailConcurrency) {
            if case .success(let details) = outcome { fetched.append(details) }
            await send(.workspaceDetailsLoaded(slug: slug, outcome))
        }
        // Also after a cancellation: the names that did arrive are kept.
        await workspaceNames?.record(fetched)
    }

    /// Platform API when its key is there; otherwise manual mode from the secret key
    /// (instance and domains) or the publishable key (decoded, no request).
    func checkClerk(_ credentials: SessionCredentials) async -> Result<ClerkAccess, RemoteError> {
        if let key = credentials.clerkPlatformKey {
            return await result(.clerkPlatform) { .platform(applications: try await clerk(platformKey: key).applications()) }
        }
        let client = clerk(platformKey: nil, secretKey: credentials.clerkSecretKey)
        return await result(credentials.clerkSecretKey == nil ? .clerkFrontend : .clerkBackend) {
            let (target, source) = try await client.manualTarget(publishableKey: credentials.clerkPublishableKey)
            return .manual(target: target, source: source)
        }
    }

    /// `body`'s value, or its failure as a RemoteError of `service` (a cancellation or a
    /// transport error that did not come typed).
    func result<T>(_ service: RemoteError.Service, _ body: () async throws -> T) async -> Result<T, RemoteError> {
        do { return .success(try await body()) } catch { return .failure(RemoteError.wrapping(error, service: service)) }
    }
}

extension RemoteError {
    /// `error` as a RemoteError: itself when it is one, a cancellation, or a network failure.
    static func wrapping(_ error: any Error, service: Service) -> RemoteError {
        if let error = error as? RemoteError { return error }
        if error is CancellationError {
            return RemoteError(service: service, kind: .cancelled, userMessage: "Cancelled.", logDetail: "cancelled")
        }
        return RemoteError(service: service, kind: .network,
                           userMessage: "\(service.displayName) could not be reached: check the network and try again.",
                           logDetail: String(describing: error))
    }
}
