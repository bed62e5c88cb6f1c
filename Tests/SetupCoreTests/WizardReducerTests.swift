import XCTest
@testable import SetupCore

/// Canned answers for the reducer tests: one user, one application with both instances.
struct ReducerFixture {
    let user = BitbucketUser(uuid: "{u}", displayName: "Ada Lovelace", username: "ada", accountID: "1")
    let frontend = URL(string: "https://clerk.acme-store.com")!
    let application = ClerkApplication(id: "app_1", name: "Acme Store", instances: [
        ClerkInstance(id: "ins_dev", environment: .development, publishableKey: "pk_test_Z2xvd2luZy1iYXQtOTguY2xlcmsuYWNjb3VudHMuZGV2JA"),
        ClerkInstance(id: "ins_prod", environment: .production, publishableKey: "pk_live_Y2xlcmsuYWNtZS1zdG9yZS5jb20k"),
    ])
    let domain = ClerkDomain(id: "dmn_1", name: "acme-store.com", frontendAPIURL: URL(string: "https://clerk.acme-store.com")!,
                             accountsPortalURL: URL(string: "https://accounts.acme-store.com"), isSatellite: false)

    func freshState() -> WizardState {
        var credentials = SessionCredentials()
        credentials.bitbucketEmail = "ada@example.com"
        credentials.bitbucketToken = Secret("ATATT-token")
        credentials.clerkPlatformKey = Secret("ak_platform")
        return WizardState(mode: .live, endpoints: .production, credentials: credentials)
    }

    /// Walks to the Consumer step with canned answers.
    func stateAtConsumer() -> WizardState {
        var state = freshState()
        _ = Wizard.reduce(&state, .start)
        _ = Wizard.reduce(&state, .bitbucketChecked(.success(user)))
        _ = Wizard.reduce(&state, .clerkChecked(.success(.platform(applications: [application]))))
        _ = Wizard.reduce(&state, .next)
        _ = Wizard.reduce(&state, .domainsLoaded(application: "app_1", .success([domain])))
        _ = Wizard.reduce(&state, .next)
        _ = Wizard.reduce(&state, .workspacePageLoaded([WorkspaceSummary(slug: "acme", uuid: "{w}", isAdministrator: true)], isLast: true))
        _ = Wizard.reduce(&state, .selectWorkspace("acme"))
        _ = Wizard.reduce(&state, .next)
        return state
    }
}

/// The wizard's rules, without a network: effects are checked as data and answers are fed
/// in by hand.
final class WizardReducerTests: XCTestCase {
    let fixture = ReducerFixture()
    var user: BitbucketUser { fixture.user }
    var application: ClerkApplication { fixture.application }
    var domain: ClerkDomain { fixture.domain }
    func freshState() -> WizardState { fixture.freshState() }
    func stateAtConsumer() -> WizardState { fixture.stateAtConsumer() }

    func testStartChecksBothServicesAtOnce() {
        var state = freshState()
        let effects = Wizard.reduce(&state, .start)
        XCTAssertEqual(effects, [.checkBitbucket(state.credentials.bitbucket!), .checkClerk(state.credentials)])
        XCTAssertTrue(state.isBusy)
    }

    func testContinueIsBlockedWithAReasonUntilChecksPass() {
        var state = freshState()
        _ = Wizard.reduce(&state, .start)
        _ = Wizard.reduce(&state, .next)
        XCTAssertEqual(state.step, .connect)
        XCTAssertEqual(state.status?.kind, .warning)
        let error = RemoteError(service: .bitbucket, kind: .unauthorized, status: 401, userMessage: "Bitbucket did not accept the email and API token.", logDetail: "401")
        _ = Wizard.reduce(&state, .bitbucketChecked(.failure(error)))
        _ = Wizard.reduce(&state, .next)
        XCTAssertEqual(state.status?.text, "Bitbucket did not accept the email and API token.")
        XCTAssertEqual(state.step, .connect)
    }

    func testProductionIsPreselectedAndCallbackComesFromTheDomain() {
        var state = freshState()
        _ = Wizard.reduce(&state, .start)
        _ = Wizard.reduce(&state, .bitbucketChecked(.success(user)))
        _ = Wizard.reduce(&state, .clerkChecked(.success(.platform(applications: [application]))))
        let effects = Wizard.reduce(&state, .next)
        XCTAssertEqual(state.step, .clerkApplication)
        XCTAssertEqual(state.selectedInstanceID, "ins_prod")
        XCTAssertEqual(effects, [.loadDomains(application: "app_1", platformKey: Secret("ak_platform"))])
        _ = Wizard.reduce(&state, .domainsLoaded(application: "app_1", .success([domain])))
        XCTAssertEqual(state.target?.callbackURL, "https://clerk.acme-store.com/v1/oauth_callback")
        _ = Wizard.reduce(&state, .selectInstance("ins_dev"))
        XCTAssertEqual(state.target?.callbackURL, "https://glowing-bat-98.clerk.accounts.dev/v1/oauth_callback")
        XCTAssertTrue(state.target?.customCredentialsOptional ?? false)
    }

    func testConsumerFormIsPrefilledFromClerk() {
        let state = stateAtConsumer()
        XCTAssertEqual(state.step, .consumer)
        XCTAssertEqual(state.form.name, "Acme Store")
        XCTAssertEqual(state.form.callbackURL, "https://clerk.acme-store.com/v1/oauth_callback")
        XCTAssertEqual(state.form.url, "https://acme-store.com")
        XCTAssertTrue(state.form.isPrivate)
        XCTAssertEqual(state.formIssues, [:])
    }

    func testWrongCallbackBlocksContinueAndSaysWhy() {
        var state = stateAtConsumer()
        _ = Wizard.reduce(&state, .setField(.callbackURL, "https://accounts.acme-store.com/v1/oauth_callback"))
        _ = Wizard.reduce(&state, .next)
        XCTAssertEqual(state.step, .consumer)
        XCTAssertTrue(state.status?.text.contains("Invalid redirect_uri") ?? false, state.status?.text ?? "")
    }

    func testGoingBackAndForthKeepsEveryAnswer() {
        var state = stateAtConsumer()
        _ = Wizard.reduce(&state, .setField(.description, "Sign in to Acme"))
        _ = Wizard.reduce(&state, .setField(.eulaURL, "https://acme-store.com/eula"))
        _ = Wizard.reduce(&state, .next)
        _ = Wizard.reduce(&state, .toggleScope("repository"))
        _ = Wizard.reduce(&state, .next)
        _ = Wizard.reduce(&state, .setConsumerKey("key123"))
        for _ in 0..<5 { _ = Wizard.reduce(&state, .back) }
        XCTAssertEqual(state.step, .connect)
        XCTAssertEqual(Wizard.reduce(&state, .back), [])
        XCTAssertEqual(state.step, .connect)
        for _ in 0..<5 { _ = Wizard.reduce(&state, .next) }
        XCTAssertEqual(state.step, .createInBitbucket)
        XCTAssertEqual(state.form.description, "Sign in to Acme")
        XCTAssertEqual(state.form.eulaURL, "https://acme-store.com/eula")
        XCTAssertTrue(state.scopes.contains("repository"))
        XCTAssertEqual(state.selectedWorkspace, "acme")
        XCTAssertEqual(state.consumerKeyInput, "key123")
    }

    func testRequiredScopesCannotBeUnticked() {
        var state = stateAtConsumer()
        _ = Wizard.reduce(&state, .toggleScope(.email))
        XCTAssertTrue(state.scopes.contains(.email))
        XCTAssertEqual(state.status?.text, "Account → Email stays ticked: required by Clerk.")
    }

    func testVerificationVerdictsGateTheSync() {
        var state = stateAtConsumer()
        _ = Wizard.reduce(&state, .next)
        _ = Wizard.reduce(&state, .next)
        _ = Wizard.reduce(&state, .setConsumerKey("  key123 \n"))
        _ = Wizard.reduce(&state, .setConsumerSecret(Secret("secret456")))
        let effects = Wizard.reduce(&state, .next)
        XCTAssertEqual(state.step, .keyAndSecret)
        XCTAssertEqual(effects, [.cancel(.verification), .verifyConsumer(ConsumerCredentials(key: "key123", secret: Secret("secret456")))])
        _ = Wizard.reduce(&state, .verified(.valid(grantedScopes: ["account"])))
        _ = Wizard.reduce(&state, .next)
        XCTAssertEqual(state.step, .keyAndSecret, "email missing blocks")
        _ = Wizard.reduce(&state, .setConsumerSecret(Secret("other")))
        XCTAssertEqual(state.verification, .idle, "new credentials drop the old verdict")
        _ = Wizard.reduce(&state, .verify)
        _ = Wizard.reduce(&state, .verified(.valid(grantedScopes: ["account", "email"])))
        _ = Wizard.reduce(&state, .next)
        XCTAssertEqual(state.step, .syncToClerk)
    }

    func testConflictOnApplyReReadsAndShowsTheNewDiff() {
        var state = stateAtConsumer()
        _ = Wizard.reduce(&state, .next)
        _ = Wizard.reduce(&state, .next)
        _ = Wizard.reduce(&state, .setConsumerKey("key123"))
        _ = Wizard.reduce(&state, .setConsumerSecret(Secret("secret456")))
        _ = Wizard.reduce(&state, .next)
        _ = Wizard.reduce(&state, .verified(.valid(grantedScopes: ["account", "email"])))
        var effects = Wizard.reduce(&state, .next)
        XCTAssertEqual(effects, [.readClerkConfig(application: "app_1", instance: "ins_prod", platformKey: Secret("ak_platform"), purpose: .preview)])
        let snapshot = ClerkConfigSnapshot(configVersion: "v1", connection: BitbucketConnectionConfig(enabled: false, authenticatable: true, clientID: nil, raw: [:]))
        effects = Wizard.reduce(&state, .configLoaded(.success(snapshot)))
        guard case .patchClerkConfig(_, _, _, "v1", true, _) = effects.first else { return XCTFail("expected a dry run with If-Match v1: \(effects)") }
        XCTAssertEqual(Wizard.reduce(&state, .applySync), [], "no apply before the dry run answered")
        let preview = ClerkPatchResult(configVersion: "v1", dryRun: true, before: .object([:]), after: .object([:]))
        _ = Wizard.reduce(&state, .dryRunFinished(.success(preview)))
        effects = Wizard.reduce(&state, .applySync)
        guard case .patchClerkConfig(_, _, _, "v1", false, _) = effects.first else { return XCTFail("expected the apply: \(effects)") }
        let conflict = RemoteError(service: .clerkPlatform, kind: .conflict, status: 409, userMessage: "Config was modified since last read.", logDetail: "")
        effects = Wizard.reduce(&state, .applyFinished(.failure(conflict)))
        XCTAssertEqual(effects.count, 1)
        guard case .readClerkConfig(_, _, _, .preview) = effects.first else { return XCTFail("expected a re-read: \(effects)") }
        XCTAssertEqual(state.status?.kind, .warning)
        XCTAssertNil(state.applied.value)
    }

    func testEscCancelsPendingWorkButNotAnApply() {
        var state = freshState()
        _ = Wizard.reduce(&state, .start)
        XCTAssertEqual(Wizard.reduce(&state, .cancelPending), [.cancel(.connect)])
        XCTAssertFalse(state.isBusy)
        state.step = .syncToClerk
        state.applied = .loading
        XCTAssertEqual(Wizard.reduce(&state, .cancelPending), [])
        XCTAssertTrue(state.applied.isLoading)
    }
}

/// Resuming a draft: answers come back at once, and the wizard walks forward to the saved
/// step as each step's data arrives, stopping where the user is needed.
final class WizardResumeTests: XCTestCase {
    func testResumeWalksForwardAsDataArrives() {
        let fixtures = ReducerFixture()
        var saved = fixtures.stateAtConsumer()
        saved.form.description = "Kept"
        let draft = WizardDraft(from: saved)
        var state = fixtures.freshState()
        var effects = Wizard.reduce(&state, .resume(draft))
        XCTAssertEqual(state.step, .connect)
        XCTAssertEqual(state.form.description, "Kept")
        XCTAssertEqual(effects.count, 2, "both checks start")
        _ = Wizard.reduce(&state, .bitbucketChecked(.success(fixtures.user)))
        effects = Wizard.reduce(&state, .clerkChecked(.success(.platform(applications: [fixtures.application]))))
        // The saved choices need no more answers (the publishable key names the Frontend API
        // while the domains load), so the walk goes straight on to the saved step.
        XCTAssertEqual(state.step, .consumer)
        XCTAssertEqual(effects.count, 2, "domains and workspaces load on the way: \(effects)")
        XCTAssertNil(state.resumeTarget)
        XCTAssertEqual(state.status?.text, "Resumed at step \(WizardStep.consumer.number) · Consumer.")
    }

    /// Secrets are never saved: on Connect the resumed session waits for the credentials
    /// typed again (or a refused token typed anew), then walks on to the saved step.
    func testResumeWaitsOnConnectForCredentialsTypedAgain() {
        let fixtures = ReducerFixture()
        var state = fixtures.freshState()
        state.credentials.bitbucketToken = nil
        state.credentials.bitbucketEmail = ""
        _ = Wizard.reduce(&state, .resume(WizardDraft(from: fixtures.stateAtConsumer())))
        XCTAssertEqual(state.credentials.bitbucketEmail, "ada@example.com", "the email comes back")
        _ = Wizard.reduce(&state, .clerkChecked(.success(.platform(applications: [fixtures.application]))))
        XCTAssertEqual(state.resumeTarget, .consumer, "still resuming: the token is to be typed again")
        _ = Wizard.reduce(&state, .setBitbucketToken(Secret("ATATT-wrong")))
        _ = Wizard.reduce(&state, .checkConnections)
        let error = RemoteError(service: .bitbucket, kind: .unauthorized, status: 401, userMessage: "Bitbucket did not accept the token.", logDetail: "")
        _ = Wizard.reduce(&state, .bitbucketChecked(.failure(error)))
        _ = Wizard.reduce(&state, .clerkChecked(.success(.platform(applications: [fixtures.application]))))
        XCTAssertEqual(state.step, .connect)
        XCTAssertEqual(state.resumeTarget, .consumer, "a refused token is typed anew on Connect")
        _ = Wizard.reduce(&state, .setBitbucketToken(Secret("ATATT-right")))
        _ = Wizard.reduce(&state, .checkConnections)
        _ = Wizard.reduce(&state, .bitbucketChecked(.success(fixtures.user)))
        _ = Wizard.reduce(&state, .clerkChecked(.success(.platform(applications: [fixtures.application]))))
        XCTAssertEqual(state.step, .consumer)
        XCTAssertNil(state.resumeTarget)
    }

    func testResumeStopsWhereAStepAfterConnectNeedsTheUser() {
        let fixtures = ReducerFixture()
        var state = fixtures.freshState()
        _ = Wizard.reduce(&state, .resume(WizardDraft(from: fixtures.stateAtConsumer())))
        _ = Wizard.reduce(&state, .bitbucketChecked(.success(fixtures.user)))
        let application = ClerkApplication(id: "app_1", name: "Acme Store", instances: [ClerkInstance(id: "ins_prod", environment: .production, publishableKey: nil)])
        _ = Wizard.reduce(&state, .clerkChecked(.success(.platform(applications: [application]))))
        let error = RemoteError(service: .clerkPlatform, kind: .server(status: 500), status: 500, userMessage: "Clerk had a problem.", logDetail: "")
        _ = Wizard.reduce(&state, .domainsLoaded(application: "app_1", .failure(error)))
        XCTAssertEqual(state.step, .clerkApplication)
        XCTAssertNil(state.resumeTarget, "the user is needed here")
    }
}
