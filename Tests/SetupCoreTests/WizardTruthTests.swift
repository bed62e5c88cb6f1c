import XCTest
@testable import SetupCore

/// What the wizard tells the user follows what it knows: a key belongs to its workspace, a
/// weaker check needs a yes, a lost answer is re-read before anything is said, a lagging read
/// is "propagating".
final class WizardTruthTests: XCTestCase {
    let fixture = ReducerFixture()
    let key = "key123"
    let secret = Secret("secret456")

    /// On Key and secret with the key and secret entered, verification on its way.
    func stateAtKeyAndSecret() -> WizardState {
        var state = fixture.stateAtConsumer()
        _ = Wizard.reduce(&state, .next)
        _ = Wizard.reduce(&state, .next)
        _ = Wizard.reduce(&state, .setConsumerKey(key))
        _ = Wizard.reduce(&state, .setConsumerSecret(secret))
        _ = Wizard.reduce(&state, .next)
        return state
    }

    /// At Sync with the dry run shown: `v1` before, nothing applied.
    func stateAtSync() -> WizardState {
        var state = stateAtKeyAndSecret()
        _ = Wizard.reduce(&state, .verified(.valid(grantedScopes: ["account", "email"])))
        _ = Wizard.reduce(&state, .next)
        _ = Wizard.reduce(&state, .configLoaded(.success(snapshot(version: "v1", clientID: nil, secretSet: false))))
        _ = Wizard.reduce(&state, .dryRunFinished(.success(ClerkPatchResult(configVersion: "v1", dryRun: true, before: [:], after: [:]))))
        return state
    }

    func snapshot(version: String, clientID: String?, secretSet: Bool, enabled: Bool? = nil) -> ClerkConfigSnapshot {
        ClerkConfigSnapshot(configVersion: version, connection: BitbucketConnectionConfig(
            enabled: enabled ?? (clientID != nil), authenticatable: true, clientID: clientID, secretSet: secretSet))
    }

    func error(_ kind: RemoteError.Kind, _ status: Int? = nil) -> RemoteError {
        RemoteError(service: .clerkPlatform, kind: kind, status: status, userMessage: "It failed.", logDetail: "")
    }

    // MARK: A key belongs to its workspace

    func testChoosingAnotherWorkspaceSetsTheKeyAsideAndChoosingItsOwnBringsItBack() {
        var state = fixture.stateAtConsumer()
        _ = Wizard.reduce(&state, .workspacePageLoaded([WorkspaceSummary(slug: "other", uuid: "{o}", isAdministrator: true)], isLast: true))
        _ = Wizard.reduce(&state, .next)
        _ = Wizard.reduce(&state, .next)
        _ = Wizard.reduce(&state, .setConsumerKey(key))
        _ = Wizard.reduce(&state, .setConsumerSecret(secret))
        XCTAssertEqual(state.consumerOrigin?.workspace, "acme")
        state.step = .workspace
        _ = Wizard.reduce(&state, .selectWorkspace("other"))
        XCTAssertEqual(state.consumerKeyInput, "", "acme's key is not kept for other")
        XCTAssertTrue(state.consumerSecretInput.isEmpty)
        XCTAssertNil(state.configPatch, "nothing that could reach Clerk")
        XCTAssertEqual(state.stashedConsumer?.origin.workspace, "acme")
        XCTAssertEqual(state.status?.kind, .warning)
        XCTAssertTrue(state.status?.text.contains("acme") == true)
        _ = Wizard.reduce(&state, .selectWorkspace("acme"))
        XCTAssertEqual(state.consumerKeyInput, key, "back on its own workspace, the key returns")
        XCTAssertEqual(state.consumerSecretInput, secret)
        XCTAssertEqual(state.consumerWorkspace, "acme")
    }

    func testChoosingAnotherInstanceSetsTheKeyAside() {
        var state = stateAtSync()
        _ = Wizard.reduce(&state, .selectInstance("ins_dev"))
        XCTAssertEqual(state.consumerKeyInput, "")
        XCTAssertEqual(state.dryRun, .idle, "the preview was for the other instance")
        XCTAssertEqual(state.stashedConsumer?.origin.instanceID, "ins_prod")
    }

    // MARK: A weaker check needs a yes

    func testAPublicConsumersProbeNeedsAnExplicitYes() {
        var state = stateAtKeyAndSecret()
        _ = Wizard.reduce(&state, .verified(.publicConsumer(probe: .credentialsAccepted)))
        _ = Wizard.reduce(&state, .next)
        XCTAssertEqual(state.step, .keyAndSecret, "not without a yes")
        XCTAssertEqual(state.status?.next.map(\.action), [.acceptWeakVerdict, .verify], "the message points to both ways on, by action")
        XCTAssertFalse(state.status?.text.contains("Press") == true, "no key in the reducer's text: " + (state.status?.text ?? ""))
        _ = Wizard.reduce(&state, .acceptWeakVerdict)
        _ = Wizard.reduce(&state, .next)
        XCTAssertEqual(state.step, .syncToClerk)
        // A rejected probe cannot be accepted.
        var other = fixture.stateAtConsumer()
        other.verification = .loaded(.publicConsumer(probe: .credentialsRejected))
        _ = Wizard.reduce(&other, .acceptWeakVerdict)
        XCTAssertFalse(other.weakVerdictAccepted)
    }

    // MARK: Writes whose outcome is unknown

    func testOnlyAFourHundredSaysNothingChanged() {
        var state = stateAtSync()
        _ = Wizard.reduce(&state, .applySync)
        _ = Wizard.reduce(&state, .applyFinished(.failure(error(.validation, 422))))
        XCTAssertTrue(state.status?.text.contains("Nothing was changed in Clerk") == true)
        XCTAssertNil(state.writeCheck)

        for kind: RemoteError.Kind in [.timeout, .network, .server(status: 502), .malformedResponse] {
            var state = stateAtSync()
            _ = Wizard.reduce(&state, .applySync)
            let effects = Wizard.reduce(&state, .applyFinished(.failure(error(kind))))
            XCTAssertFalse(state.status?.text.contains("Nothing was changed") == true, "\(kind)")
            XCTAssertEqual(effects, [.readClerkConfig(application: "app_1", instance: "ins_prod", platformKey: Secret("ak_platform"), purpose: .recheckWrite)], "\(kind)")
            XCTAssertTrue(state.isWriting, "no other write while the outcome is unknown")
            XCTAssertEqual(Wizard.reduce(&state, .applySync), [])
            XCTAssertEqual(Wizard.reduce(&state, .previewSync), [])
        }
    }

    func testALostAnswerWhoseWriteLandedIsApplied() {
        var state = stateAtSync()
        _ = Wizard.reduce(&state, .applySync)
        _ = Wizard.reduce(&state, .applyFinished(.failure(error(.timeout))))
        let effects = Wizard.reduce(&state, .writeRechecked(.success(snapshot(version: "v2", clientID: key, secretSet: true))))
        XCTAssertEqual(state.writeCheck?.outcome, .applied(configVersion: "v2"))
        XCTAssertEqual(state.applied.value?.configVersion, "v2")
        guard case .checkEnvironment = effects.first else { return XCTFail("goes on to the outside check: \(effects)") }
        XCTAssertTrue(state.status?.text.contains("the change was applied") == true)
    }

    func testALostAnswerIsReReadWithBackoffBeforeItCountsAsNotLanded() {
        var state = stateAtSync()
        _ = Wizard.reduce(&state, .applySync)
        _ = Wizard.reduce(&state, .applyFinished(.failure(error(.network))))
        let old = snapshot(version: "v1", clientID: nil, secretSet: false)
        var delays: [Double] = []
        while true {
            let effects = Wizard.reduce(&state, .writeRechecked(.success(old)))
            guard case .after(let seconds, .readClerkConfig(_, _, _, .recheckWrite))? = effects.first else { break }
            delays.append(seconds)
        }
        XCTAssertEqual(delays, PropagationBackoff.delays)
        XCTAssertEqual(state.writeCheck?.outcome, .notVisible(configVersion: "v1"))
        XCTAssertTrue(state.status?.text.contains("does not appear to have landed") == true, state.status?.text ?? "")
        XCTAssertFalse(state.status?.text.contains("Nothing was changed") == true)
        XCTAssertFalse(state.isWriting)
        guard case .patchClerkConfig(_, _, _, "v1", false, _)? = Wizard.reduce(&state, .applySync).first else {
            return XCTFail("applying again is offered, guarded by the same If-Match")
        }
    }

    func testALostAnswerAndAFailedReReadIsUnknown() {
        var state = stateAtSync()
        _ = Wizard.reduce(&state, .applySync)
        _ = Wizard.reduce(&state, .applyFinished(.failure(error(.server(status: 500), 500))))
        _ = Wizard.reduce(&state, .writeRechecked(.failure(error(.timeout))))
        XCTAssertEqual(state.writeCheck?.outcome, .unknown)
        XCTAssertTrue(state.status?.text.contains("cannot tell whether the change was applied") == true)
        XCTAssertEqual(Wizard.blocker(state)?.text, state.writeCheck?.userMessage)
    }

    func testSomeoneElsesWriteIsNamed() {
        XCTAssertEqual(WriteOutcome.judge(snapshot(version: "v3", clientID: "theirs", secretSet: true),
                                          patch: ClerkConfigPatch(clientID: key, clientSecret: secret), guardVersion: "v1"),
                       .changedByOthers(configVersion: "v3"))
    }

    /// The quit dialog's sentence about Clerk follows the write: nothing changed before it,
    /// not known while it is out or its answer was lost, applied once Clerk said so.
    func testWhatQuittingLeavesInClerkFollowsTheWrite() {
        var state = stateAtSync()
        XCTAssertTrue(StepTexts.clerkOnQuit(state).hasPrefix("Nothing is changed in Clerk until you apply it"))
        _ = Wizard.reduce(&state, .applySync)
        XCTAssertTrue(StepTexts.clerkOnQuit(state).contains("whether it landed is not known"), StepTexts.clerkOnQuit(state))
        var lost = state
        _ = Wizard.reduce(&lost, .applyFinished(.failure(error(.timeout))))
        XCTAssertTrue(StepTexts.clerkOnQuit(lost).contains("not known"), StepTexts.clerkOnQuit(lost))
        _ = Wizard.reduce(&state, .applyFinished(.success(ClerkPatchResult(configVersion: "v2", dryRun: false, before: [:], after: [:]))))
        XCTAssertEqual(StepTexts.clerkOnQuit(state), "The change is applied in Clerk (config version v2); quitting does not undo it.")
    }

    // MARK: Reads that lag writes

    func testALaggingReadBackIsPropagatingThenTheOutsideCheckWaitsToo() {
        var state = stateAtSync()
        _ = Wizard.reduce(&state, .applySync)
        _ = Wizard.reduce(&state, .applyFinished(.success(ClerkPatchResult(configVersion: "v2", dryRun: false, before: [:], after: [:]))))
        var effects = Wizard.reduce(&state, .readBackFinished(.success(snapshot(version: "v1", clientID: nil, secretSet: false))))
        guard case .after(0.5, .readClerkConfig(_, _, _, .readBack))? = effects.first else { return XCTFail("reads again: \(effects)") }
        XCTAssertTrue(state.status?.text.hasPrefix("Propagating") == true)
        XCTAssertNotEqual(state.status?.kind, .error)
        effects = Wizard.reduce(&state, .readBackFinished(.success(snapshot(version: "v2", clientID: key, secretSet: true))))
        guard case .checkEnvironment = effects.first else { return XCTFail("then asks the Frontend API: \(effects)") }
        effects = Wizard.reduce(&state, .environmentChecked(.success(.signIn(enabled: false, authenticatable: true))))
        guard case .after(_, .checkEnvironment)? = effects.first else { return XCTFail("the Frontend API may lag too: \(effects)") }
        _ = Wizard.reduce(&state, .environmentChecked(.success(.signIn(enabled: true, authenticatable: true))))
        XCTAssertTrue(state.signInConfirmed)
        _ = Wizard.reduce(&state, .next)
        XCTAssertEqual(state.step, .done)
    }

    func testEnabledButNotAuthenticatableIsNotSignIn() {
        XCTAssertFalse(FrontendCheck.signIn(enabled: true, authenticatable: false).isOn)
        XCTAssertTrue(FrontendCheck.signIn(enabled: true, authenticatable: false).userMessage.contains("authenticatable"))
        let dns = FrontendCheck.dnsNotVerified(host: "clerk.example.com", records: ["clerk.example.com → frontend-api.clerk.services"])
        XCTAssertTrue(dns.userMessage.hasPrefix("DNS for clerk.example.com is not verified yet"))
    }

    // MARK: Secrets as Clerk returns them

    func testARedactedSecretIsSetAndANewOneIsAChange() {
        let redacted = BitbucketConnectionConfig(json: ["enabled": true, "client_id": "k", "client_secret": "REDACTED"])
        XCTAssertEqual(redacted.secretSet, true)
        XCTAssertEqual(redacted.clientID, "k")
        let empty = BitbucketConnectionConfig(json: ["enabled": false, "client_id": "", "client_secret": ""])
        XCTAssertEqual(empty.secretSet, false)
        XCTAssertNil(empty.clientID)
        XCTAssertNil(BitbucketConnectionConfig(json: ["enabled": true]).secretSet, "absent is unknown, not unset")

        // Same key, new secret: never "would change nothing".
        let before: JSONValue = ["enabled": true, "client_id": "k", "client_secret": "••••••••"]
        let diff = ConfigDiff(before: before, after: before, writesSecret: true)
        XCTAssertTrue(diff.changes)
        XCTAssertEqual(diff.lines.filter { $0.kind != .same }.map(\.text),
                       ["client_secret: set", "client_secret: replaced (write-only: Clerk never shows it back)"])
        XCTAssertEqual(diff.changedFieldCount, 1)
        let unchanged = ConfigDiff(before: before, after: before, writesSecret: false)
        XCTAssertFalse(unchanged.changes)
        XCTAssertFalse(unchanged.lines.contains { $0.text.contains("•") || $0.text.contains("REDACTED") })
    }

    func testTheSchemaSaysWhatIsSensitive() {
        let document: JSONValue = ["properties": ["connection_oauth_bitbucket": [
            "properties": ["client_id": ["type": "string"], "client_secret": ["type": "string", "x-clerk-sensitive": true],
                           "signing_key": ["type": "string", "x-clerk-sensitive": true]],
            "required": ["client_id"],
        ]]]
        let schema = ClerkConfigSchema(document: document)
        XCTAssertEqual(schema?.sensitiveFields, ["client_secret", "signing_key"])
        XCTAssertEqual(schema?.requiredFields, ["client_id"])
        XCTAssertNil(ClerkConfigSchema(document: ["properties": [:]]), "no key, no schema")
    }
}

/// A warning about the form as it was goes once a field is edited: it would say something
/// the form no longer shows.
final class StaleFormWarningTests: XCTestCase {
    func testEditingAFieldClearsTheFormWarning() {
        var state = ReducerFixture().stateAtConsumer()
        _ = Wizard.reduce(&state, .setField(.callbackURL, "not a url"))
        _ = Wizard.reduce(&state, .next)
        XCTAssertEqual(state.status?.kind, .warning)
        _ = Wizard.reduce(&state, .setField(.callbackURL, "https://clerk.example.com/v1/oauth_callback"))
        XCTAssertNil(state.status)
    }
}
