import Foundation
import Testing
@testable import SetupCore

/// Check again on Connect reads the Clerk CLI's sign-in anew: one made or renewed since the
/// start is used, one that expired is dropped with what renews it; an ak_ key or the sandbox
/// never triggers the read.
struct ClerkCLISignInReducerTests {
    func state(platformKey: Secret? = nil, source: CredentialSource? = nil, mode: WizardState.Mode = .live) -> WizardState {
        var credentials = SessionCredentials()
        credentials.clerkPlatformKey = platformKey
        credentials.sources["CLERK_PLATFORM_API_KEY"] = source
        return WizardState(mode: mode, endpoints: .production, credentials: credentials)
    }

    @Test func checkAgainReadsTheSignInAndUsesAFreshOne() {
        var state = state()
        let effects = Wizard.reduce(&state, .checkConnections)
        #expect(effects == [.lookUpClerkCLISignIn])
        let token = Secret("eyJh.eyJz.sig")
        let next = Wizard.reduce(&state, .clerkCLISignInLooked(.found(token: token, path: "/p", expiresAt: nil)))
        #expect(state.credentials.clerkPlatformKey == token)
        #expect(state.credentials.platformKeyIsClerkCLISignIn)
        #expect(next == [.checkClerk(state.credentials)])
    }

    @Test func anExpiredSignInIsDroppedAndNamed() {
        var state = state(platformKey: Secret("eyJh.eyJz.old"), source: .clerkCLI)
        _ = Wizard.reduce(&state, .checkConnections)
        let next = Wizard.reduce(&state, .clerkCLISignInLooked(.expired(path: "/p", expiredAt: nil)))
        #expect(state.credentials.clerkPlatformKey == nil)
        #expect(state.credentials.clerkCLIProblem?.contains("clerk whoami") == true)
        #expect(state.clerkAccess == .idle)
        #expect(next == [])
    }

    /// A key typed while the store is being read wins over the late answer.
    @Test func aLateAnswerDoesNotReplaceAKeyTypedMeanwhile() {
        var state = state()
        _ = Wizard.reduce(&state, .checkConnections)
        _ = Wizard.reduce(&state, .setClerkPlatformKey(Secret("ak_typed")))
        let effects = Wizard.reduce(&state, .clerkCLISignInLooked(.found(token: Secret("eyJh.eyJz.sig"), path: "/p", expiresAt: nil)))
        #expect(effects == [])
        #expect(state.credentials.clerkPlatformKey == Secret("ak_typed"))
    }

    @Test func aKeyOrTheSandboxNeverReadsTheStore() {
        var keyed = state(platformKey: Secret("ak_key"), source: .environment)
        #expect(!Wizard.reduce(&keyed, .checkConnections).contains(.lookUpClerkCLISignIn))
        var sandbox = state(mode: .sandbox)
        #expect(!Wizard.reduce(&sandbox, .checkConnections).contains(.lookUpClerkCLISignIn))
    }
}
