import Foundation
import Sandbox
import Testing
import TestSupport
@testable import SetupCore

/// Which client_id and redirect_uri Clerk sends users to Bitbucket with: the URL read
/// strictly, the verdict's words, the command step, and the client against the sandbox.
@Suite struct SignInRedirectTests {
    static let callback = "https://clerk.nimbus-notes.io/v1/oauth_callback"
    static let authorize = "https://bitbucket.org/site/oauth2/authorize?client_id=4KxYz123&redirect_uri=https%3A%2F%2Fclerk.nimbus-notes.io%2Fv1%2Foauth_callback&response_type=code&state=abc"

    // MARK: The URL

    @Test func readsClientIDAndRedirectURI() throws {
        let redirect = try BitbucketAuthorizeRedirect.parse(Self.authorize).get()
        #expect(redirect == BitbucketAuthorizeRedirect(clientID: "4KxYz123", redirectURI: Self.callback))
        let noRedirect = try BitbucketAuthorizeRedirect.parse("https://BitBucket.org:443/site/oauth2/authorize?client_id=k").get()
        #expect(noRedirect.redirectURI == nil)
    }

    @Test(arguments: [
        "https://evil.example/site/oauth2/authorize?client_id=k",
        "http://bitbucket.org/site/oauth2/authorize?client_id=k",
        "https://bitbucket.org.evil.example/site/oauth2/authorize?client_id=k",
        "https://bitbucket.org@evil.example/site/oauth2/authorize?client_id=k",
        "https://evil.example@bitbucket.org/site/oauth2/authorize?client_id=k",
        "https://bitbucket.org:8443/site/oauth2/authorize?client_id=k",
        "https://bitbucket.org/site/oauth2/access_token?client_id=k",
        "https://bitbucket.org/site/oauth2/authorize?redirect_uri=x",
        "https://bitbucket.org/site/oauth2/authorize?client_id=",
        "https://bitbucket.org/site/oauth2/authorize?client_id=a&client_id=b",
        "https://bitbucket.org/site/oauth2/authorize?client_id=k&redirect_uri=a&redirect_uri=b",
        "https://bitbucket.org/site/oauth2/authorize?client_id=k%1B%5B2J",
        "https://bitbucket.org/site/oauth2/authorize?client_id=k%E2%80%AEx",
        "https://bitbucket.org/site/oauth2/authorize?client_id=a%20b",
        "not a url at all",
        "",
    ])
    func refusesAnythingElse(_ text: String) {
        #expect(throws: BitbucketAuthorizeRedirect.Refusal.self) { try BitbucketAuthorizeRedirect.parse(text).get() }
    }

    @Test func aVeryLongClientIDIsRefused() {
        let long = "https://bitbucket.org/site/oauth2/authorize?client_id=" + String(repeating: "k", count: 5000)
        #expect(throws: BitbucketAuthorizeRedirect.Refusal.self) { try BitbucketAuthorizeRedirect.parse(long).get() }
    }

    // MARK: The verdict

    func judge(_ clientID: String, _ redirectURI: String? = callback, key: String? = "4KxYz123") -> SignInRedirectVerdict {
        .judge(.success(BitbucketAuthorizeRedirect(clientID: clientID, redirectURI: redirectURI)), expectedKey: key, expectedCallback: Self.callback)
    }

    @Test func theKeyAndTheCallbackAreProof() {
        let verdict = judge("4KxYz123")
        #expect(verdict.isProof)
        #expect(verdict.userMessage == "Clerk sends sign-ins to Bitbucket with client_id 4KxYz123 (yours) and redirect_uri \(Self.callback) (the Callback URL).")
        #expect(judge("4KxYz123", nil).userMessage == "Clerk sends sign-ins to Bitbucket with client_id 4KxYz123 (yours).")
    }

    @Test func anotherClientIDIsNamed() {
        let verdict = judge("ClerkShared0BbKey7")
        #expect(verdict.isMismatch && verdict.clientIDDiffers && !verdict.redirectURIDiffers)
        #expect(verdict.userMessage == "Clerk still sends sign-ins with client_id ClerkShared0BbKey7, not your key 4KxYz123: it still uses its shared credentials or an older key; paste the Key again in the Dashboard and save.")
    }

    @Test func anotherRedirectURIIsNamed() {
        let proxied = "https://nimbus-notes.io/__clerk/v1/oauth_callback"
        let verdict = judge("4KxYz123", proxied)
        #expect(verdict.redirectURIDiffers && !verdict.clientIDDiffers)
        #expect(verdict.userMessage.hasPrefix("Clerk sends sign-ins with your client_id 4KxYz123 but redirect_uri \(proxied), not the Callback URL \(Self.callback)"))
        let both = judge("old", proxied)
        #expect(both.clientIDDiffers && both.redirectURIDiffers)
        #expect(both.userMessage.contains("It also sends redirect_uri \(proxied)"))
    }

    @Test func withoutAKeyNothingIsJudgedButTheCallback() {
        #expect(judge("anything", key: nil) == .observed(BitbucketAuthorizeRedirect(clientID: "anything", redirectURI: Self.callback)))
        #expect(judge("anything", "https://other.example/cb", key: nil).isMismatch)
    }

    @Test func aFailureClaimsNothing() {
        let error = RemoteError(service: .clerkFrontend, kind: .badRequest(code: "redirect_url_domain_mismatch"), status: 422,
                                userMessage: "Clerk's Frontend API refused a test sign-in (The provided redirect URL must belong to your instance's domain).", logDetail: "")
        let verdict = SignInRedirectVerdict.judge(.failure(error), expectedKey: "k", expectedCallback: Self.callback)
        #expect(!verdict.isProof && !verdict.isMismatch && verdict.redirect == nil)
        #expect(verdict.userMessage.hasPrefix("Could not check which client_id Clerk sends sign-ins to Bitbucket with: Clerk's Frontend API refused"))
    }

    @Test func hostileRemoteTextIsSanitised() {
        let hostile = "k\u{1B}]52;c;ZWNobyBwd25lZA==\u{07}\u{202E}" + String(repeating: "x", count: 300)
        let verdict = judge(hostile, "https://a.example/\u{1B}[2J" + String(repeating: "y", count: 400))
        for text in [verdict.userMessage, SignInRedirectStep.step(verdict).text()] {
            #expect(!text.unicodeScalars.contains { DisplayText.isControl($0) && $0 != "\n" || DisplayText.isBidiControl($0) })
            #expect(text.count < 1200)
        }
    }

    // MARK: The command step

    @Test func theStepSaysWhatToDoForEachOutcome() {
        let proof = SignInRedirectStep.step(judge("4KxYz123"))
        #expect(proof.name == "sign_in_redirect" && proof.status == .ok)
        #expect(proof.text() == "✓ Clerk sends sign-ins to Bitbucket with: client_id 4KxYz123 (your key), redirect_uri \(Self.callback) (the Callback URL).")

        let other = SignInRedirectStep.step(judge("old"))
        #expect(other.status == .failed)
        #expect(other.fix?.contains("paste the Key again") == true)

        let callback = SignInRedirectStep.step(judge("4KxYz123", "https://x.example/cb"))
        #expect(callback.status == .failed)
        #expect(callback.fix?.contains("Callback URL to https://x.example/cb") == true)
        #expect(callback.fix?.contains("paste the Key") == false)

        #expect(SignInRedirectStep.step(judge("k", key: nil)).status == .warning)

        let network = RemoteError(service: .clerkFrontend, kind: .network, userMessage: "Clerk's Frontend API could not be reached.", logDetail: "")
        let unreachable = SignInRedirectStep.step(.judge(.failure(network), expectedKey: "k", expectedCallback: Self.callback))
        // bbclerk could not look: not checked ("–"), never a failure of the setup.
        #expect(unreachable.status == .skipped)
        #expect(unreachable.message.hasPrefix("Not checked: could not check"))
        #expect(unreachable.message.contains("network"))
        #expect(!unreachable.message.contains("paste the Key"))
        #expect(unreachable.fix == nil)

        let noKeys = RemoteError(service: .clerkFrontend, kind: .badRequest(code: "oauth_config_missing"), status: 400, userMessage: "refused", logDetail: "")
        // A refusal that names the setup's problem is a failure with its fix.
        let missing = SignInRedirectStep.step(.couldNotCheck(noKeys))
        #expect(missing.status == .failed)
        #expect(missing.fix?.contains("no custom Bitbucket credentials") == true)
        #expect(SignInRedirectStep.skipped("Bitbucket sign-in is not on.").status == .skipped)
    }

    // MARK: Against the sandbox

    static let nimbus = ClerkTarget(applicationID: nil, applicationName: "Nimbus Notes", instanceID: "production", environment: .production,
                                    frontendAPIURL: URL(string: "https://clerk.nimbus-notes.io")!, homeURL: "https://nimbus-notes.io",
                                    accountsPortalURL: URL(string: "https://accounts.nimbus-notes.io"))

    @Test func theRedirectURLIsTheInstancesOwnPortal() {
        #expect(Self.nimbus.signInTestRedirectURL.absoluteString == "https://accounts.nimbus-notes.io/sign-in/sso-callback")
        let dev = ClerkTarget(applicationID: nil, applicationName: "x", instanceID: "development", environment: .development,
                              frontendAPIURL: URL(string: "https://glowing-bat-98.clerk.accounts.dev")!)
        #expect(dev.signInTestRedirectURL.absoluteString == "https://glowing-bat-98.accounts.dev/sign-in/sso-callback")
    }

    @Test func productionBareAnswerProvesTheSeededKey() async throws {
        try await SandboxFixture.with { fixture in
            let client = fixture.clerk(platformKey: "")
            let redirect = try await client.signInRedirect(Self.nimbus.frontendProbe(platformKey: nil), redirectURL: Self.nimbus.signInTestRedirectURL)
            #expect(redirect == BitbucketAuthorizeRedirect(clientID: fixture.consumer("Nimbus Notes").key, redirectURI: Self.callback))
            let step = await SignInRedirectStep.run(client: client, target: Self.nimbus, expectedKey: fixture.consumer("Nimbus Notes").key,
                                                    expectedCallback: Self.nimbus.callbackURL)
            #expect(step.status == .ok)
        }
    }

    @Test func developmentWrappedAnswerShowsTheSharedKey() async throws {
        try await SandboxFixture.with { fixture in
            let dev = try #require(fixture.info.clerk_instances.first { $0.application_name == "Acme Store" && $0.environment_type == "development" })
            let target = ClerkTarget(applicationID: nil, applicationName: "Acme Store", instanceID: dev.instance_id, environment: .development,
                                     frontendAPIURL: URL(string: dev.frontend_api_url)!, accountsPortalURL: URL(string: dev.accounts_portal_url))
            let step = await SignInRedirectStep.run(client: fixture.clerk(platformKey: ""), target: target, expectedKey: "myKey",
                                                    expectedCallback: target.callbackURL)
            #expect(step.status == .failed)
            #expect(step.message.hasPrefix("client_id ClerkShared0BbKey7, not your key myKey"))
        }
    }

    @Test func aRefusalIsCouldNotCheck() async throws {
        try await SandboxFixture.with { fixture in
            let acme = ClerkTarget(applicationID: nil, applicationName: "Acme Store", instanceID: "production", environment: .production,
                                   frontendAPIURL: URL(string: "https://clerk.acme-store.com")!, homeURL: "https://acme-store.com")
            let client = fixture.clerk()
            let error = await remoteError { () async throws(RemoteError) in
                try await client.signInRedirect(acme.frontendProbe(platformKey: nil), redirectURL: acme.signInTestRedirectURL)
            }
            #expect(error?.kind == .badRequest(code: "form_param_value_invalid"))
            #expect(error?.userMessage.hasPrefix("Clerk's Frontend API refused a test sign-in (") == true)
            let step = await SignInRedirectStep.run(client: fixture.clerk(), target: acme, expectedKey: "k", expectedCallback: acme.callbackURL)
            // Clerk's code names no certain cause (the Frontend API showed Bitbucket on):
            // not checked, with the likely cause and how to look by hand.
            #expect(step.status == .skipped)
            #expect(step.message.contains("turn it on and save"))
            #expect(step.message.contains("check by hand"))
        }
    }

    // MARK: The wizard, manual mode

    static func manualState(key: String = "4KxYz123") -> WizardState {
        var credentials = SessionCredentials()
        credentials.clerkSecretKey = Secret("sk_live_x")
        var state = WizardState(mode: .live, endpoints: .production, credentials: credentials)
        state.clerkAccess = .loaded(.manual(target: nimbus, source: .secretKey))
        state.step = .syncToClerk
        state.consumerKeyInput = key
        state.consumerSecretInput = Secret("secret456")
        return state
    }

    /// Saved in the Dashboard, the Frontend API shows sign-in on: the redirect is asked next.
    static func savedAndOn(_ state: inout WizardState) -> [WizardEffect] {
        _ = Wizard.reduce(&state, .markManualSaved)
        return Wizard.reduce(&state, .environmentChecked(.success(.signIn(enabled: true, authenticatable: true))))
    }

    @Test func manualModeProvesTheKeyThenContinues() {
        var state = Self.manualState()
        let effects = Self.savedAndOn(&state)
        #expect(effects == [.checkSignInRedirect(Self.nimbus.frontendProbe(platformKey: nil), redirectURL: URL(string: "https://accounts.nimbus-notes.io/sign-in/sso-callback")!)])
        #expect(state.isBusy)
        #expect(Wizard.blocker(state) != nil, "Continue waits for the answer")
        _ = Wizard.reduce(&state, .signInRedirectChecked(.success(BitbucketAuthorizeRedirect(clientID: "4KxYz123", redirectURI: Self.callback))))
        #expect(state.status?.kind == .success)
        #expect(state.status?.text.hasPrefix("Clerk sends sign-ins to Bitbucket with client_id 4KxYz123 (yours)") == true)
        #expect(Wizard.blocker(state) == nil)
        _ = Wizard.reduce(&state, .next)
        #expect(state.step == .done)
        #expect(DonePage.facts(state).contains { $0.mark == .check && $0.text.hasPrefix("Clerk sends sign-ins to Bitbucket with client_id 4KxYz123 (yours)") })
    }

    @Test func manualModeNamesAMismatchAndHoldsContinue() {
        var state = Self.manualState()
        _ = Self.savedAndOn(&state)
        _ = Wizard.reduce(&state, .signInRedirectChecked(.success(BitbucketAuthorizeRedirect(clientID: "oldKey", redirectURI: Self.callback))))
        #expect(state.status?.kind == .warning)
        #expect(state.status?.text.hasPrefix("Clerk still sends sign-ins with client_id oldKey, not your key 4KxYz123") == true)
        #expect(state.status?.next == [NextAction(.markManualSaved, "check again")])
        _ = Wizard.reduce(&state, .next)
        #expect(state.step == .syncToClerk)
        // Checking again asks afresh.
        let effects = Self.savedAndOn(&state)
        #expect(effects.count == 1)
        #expect(state.signInRedirect == .loading)
    }

    @Test func manualModeCouldNotCheckClaimsNothingAndDoesNotHold() {
        var state = Self.manualState()
        _ = Self.savedAndOn(&state)
        let error = RemoteError(service: .clerkFrontend, kind: .timeout, userMessage: "Clerk's Frontend API did not answer in time.", logDetail: "")
        _ = Wizard.reduce(&state, .signInRedirectChecked(.failure(error)))
        #expect(state.status?.kind == .warning)
        #expect(state.status?.text.hasPrefix("Could not check which client_id") == true)
        #expect(Wizard.blocker(state) == nil)
        #expect(DonePage.facts(state).contains { $0.mark == .warning && $0.text.hasPrefix("Could not check which client_id") })
    }

    @Test func platformModeDoesNotAsk() {
        var state = Self.manualState()
        state.credentials.clerkPlatformKey = Secret("ak_x")
        state.clerkAccess = .loaded(.platform(applications: []))
        state.environmentCheck = .loading
        #expect(Wizard.reduce(&state, .environmentChecked(.success(.signIn(enabled: true, authenticatable: true)))) == [])
    }

    @Test func manualJourneyAgainstTheSandboxEndsInProof() async throws {
        try await SandboxFixture.with { fixture in
            var state = Self.manualState(key: fixture.consumer("Nimbus Notes").key)
            state.endpoints = fixture.endpoints
            let driver = WizardDriver(state: state, runner: EffectRunner(endpoints: fixture.endpoints, retry: .fast, timeout: 5))
            await driver.send(.markManualSaved)
            let after = await driver.state
            #expect(after.signInRedirect.value?.isProof == true)
            #expect(after.status?.text.hasPrefix("Clerk sends sign-ins to Bitbucket with client_id \(fixture.consumer("Nimbus Notes").key) (yours)") == true)
        }
    }
}
