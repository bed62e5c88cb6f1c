import Foundation
import Sandbox
import Testing
@testable import SetupCore

/// Everything a person or a server can make large is bounded: field lengths (a 1.1 M
/// character paste once made a 2 MB draft rewritten on every keystroke) and Bitbucket's
/// pagination (an endless chain of distinct `next` links once made 547 requests in 28 s).
@Suite struct InputBoundsTests {
    let fixture = ReducerFixture()
    let huge = String(repeating: "x", count: 1_100_000)

    @Test func aHugePasteIntoAFormFieldIsCutToItsLimitAndSaidSo() {
        var state = fixture.stateAtConsumer()
        _ = Wizard.reduce(&state, .setField(.description, huge))
        #expect(state.form.description.count == ConsumerField.description.maxLength)
        #expect(state.status?.kind == .warning)
        #expect(state.status?.text.contains("at most 1024 characters") == true)
        let draft = try! JSONEncoder().encode(WizardDraft(from: state))
        #expect(draft.count < 16_384, "the draft stays small: \(draft.count) bytes")
    }

    @Test func aHostileDraftCannotMakeAFieldHuge() throws {
        let json = #"{"name":"\#(huge)","description":"","callbackURL":"https://x","url":"","privacyPolicyURL":"","eulaURL":"","isPrivate":true}"#
        let form = try JSONDecoder().decode(ConsumerForm.self, from: Data(json.utf8))
        #expect(form.name.count == ConsumerField.name.maxLength)
        #expect(form.callbackURL == "https://x")
    }

    @Test(arguments: [
        WizardAction.setBitbucketEmail(String(repeating: "a", count: 300) + "@example.com"),
        .setBitbucketToken(Secret(String(repeating: "t", count: 5000))),
        .setClerkPlatformKey(Secret("ak_" + String(repeating: "k", count: 5000))),
        .setClerkSecretKey(Secret("sk_" + String(repeating: "k", count: 5000))),
        .setClerkPublishableKey("pk_" + String(repeating: "k", count: 5000)),
    ])
    func anOverlongCredentialIsRefusedWhole(_ action: WizardAction) {
        var state = fixture.freshState()
        let before = state.credentials
        _ = Wizard.reduce(&state, action)
        #expect(state.credentials == before, "nothing cut and kept")
        #expect(state.status?.text.contains("longer than") == true)
    }

    @Test func anOverlongConsumerKeyOrSecretIsRefusedWhole() {
        var state = fixture.stateAtConsumer()
        _ = Wizard.reduce(&state, .next)
        _ = Wizard.reduce(&state, .next)
        _ = Wizard.reduce(&state, .setConsumerKey(huge))
        _ = Wizard.reduce(&state, .setConsumerSecret(Secret(huge)))
        #expect(state.consumerKeyInput.isEmpty)
        #expect(state.consumerSecretInput.isEmpty)
        #expect(state.status?.text.contains("longer than 4096") == true)
    }

    @Test func fitsNeverCountsPastTheLimit() {
        #expect(InputLimits.fits("abc", 3))
        #expect(!InputLimits.fits("abcd", 3))
        #expect(InputLimits.fits("äöü", 3), "characters, not bytes")
        #expect(!InputLimits.fits("äöüa", 3))
    }

    @Test func anEndlessChainOfWorkspacePagesStopsAtTheCap() async throws {
        try await SandboxFixture.with { fixture in
            await fixture.sandbox.inject(.endlessPages, pathPrefix: "/user/workspaces", count: 1000)
            let started = Date()
            let client = fixture.bitbucket()
            let error = await remoteError { () async throws(RemoteError) in try await client.allAdministeredWorkspaces() }
            #expect(error?.userMessage.contains("stopped after \(BitbucketClient.maxWorkspacePages) pages") == true)
            let requests = await fixture.sandbox.requestCount(pathPrefix: "/user/workspaces")
            #expect(requests == BitbucketClient.maxWorkspacePages, "\(requests) requests")
            #expect(Date().timeIntervalSince(started) < 10)
        }
    }
}
