import Foundation
import Testing
@testable import SetupCore

/// The Clerk target as the wizard and `apply`/`doctor` build it, and the shared config diff.
@Suite struct ClerkTargetTests {
    static let application = ClerkApplication(id: "app_1", name: "Acme", instances: [
        ClerkInstance(id: "ins_dev", environment: .development,
                      publishableKey: "pk_test_Z2xvd2luZy1iYXQtOTguY2xlcmsuYWNjb3VudHMuZGV2JA"),
        ClerkInstance(id: "ins_prod", environment: .production),
    ])

    @Test func productionReadsTheDomainAndItsAccountPortal() throws {
        let domain = ClerkDomain(id: "dmn_1", name: "acme.example", frontendAPIURL: URL(string: "https://clerk.acme.example")!,
                                 accountsPortalURL: URL(string: "https://portal.acme.example/")!)
        let target = try #require(ClerkTarget(application: Self.application, instance: Self.application.instances[1], domains: [domain]))
        #expect(target.callbackURL == "https://clerk.acme.example/v1/oauth_callback")
        #expect(target.homeURL == "https://acme.example")
        // The portal Clerk named wins over the guess from the host (accounts.acme.example).
        #expect(target.signInURL == "https://portal.acme.example/sign-in")
        #expect(ClerkTarget(application: Self.application, instance: Self.application.instances[1], domains: []) == nil)
    }

    @Test func developmentDecodesTheKeyAndGuessesThePortal() throws {
        let target = try #require(ClerkTarget(application: Self.application, instance: Self.application.instances[0], domains: []))
        #expect(target.frontendAPIURL.absoluteString == "https://glowing-bat-98.clerk.accounts.dev")
        #expect(target.signInURL == "https://glowing-bat-98.accounts.dev/sign-in")
    }

    @Test func preferredInstanceIsProductionElseTheFirst() {
        #expect(Self.application.preferredInstance?.id == "ins_prod")
        let devOnly = ClerkApplication(id: "app_2", name: "Dev", instances: [ClerkInstance(id: "ins_a", environment: .development)])
        #expect(devOnly.preferredInstance?.id == "ins_a")
        #expect(InstanceChoice.production.find(in: devOnly) == nil, "--instance production never falls back")
    }

    @Test func blocksSyncIsExactlyNotUsable() {
        let verdicts: [CredentialVerdict] = [
            .valid(grantedScopes: ["account", "email"]), .valid(grantedScopes: ["email"]), .wrongCredentials,
            .publicConsumer(probe: .credentialsAccepted), .publicConsumer(probe: .credentialsRejected),
            .publicConsumer(probe: .inconclusive("timeout")), .noCallbackURL, .rateLimited(retryAfter: 3),
            .failed(RemoteError(service: .bitbucket, kind: .network, userMessage: "down", logDetail: "down")),
        ]
        for verdict in verdicts { #expect(verdict.blocksSync == !verdict.isUsable, "\(verdict)") }
        #expect(CredentialVerdict.valid(grantedScopes: []).userMessage.contains("Account → Read and Account → Email"))
    }

    @Test func diffLinesAreSortedSanitisedAndSayTheSecretIsWriteOnly() {
        let before: JSONValue = ["enabled": false, "huge": .number(1e300), "evil\u{1B}[2Jkey": "v\u{1B}]0;x\u{07}"]
        let after: JSONValue = ["connection_oauth_bitbucket": ["enabled": true, "client_id": "k", "huge": .number(1e300),
                                                               "evil\u{1B}[2Jkey": "v\u{1B}]0;x\u{07}"]]
        let patch = ClerkConfigPatch(enabled: true, clientID: "k", clientSecret: Secret("s"))
        let lines = ConfigDiff(before: before, after: after, writesSecret: ConfigDiff.writesSecret(patch)).lines
        #expect(lines == [
            ConfigDiffLine(.added, "client_id: \"k\""),
            ConfigDiffLine(.added, "client_secret: set (write-only: Clerk never shows it back)"),
            ConfigDiffLine(.removed, "enabled: false"), ConfigDiffLine(.added, "enabled: true"),
            ConfigDiffLine(.same, "evilkey: \"v\""),
            ConfigDiffLine(.same, "huge: 1e+300"),
        ])
        let diff = ConfigDiff(before: before, after: after, writesSecret: true)
        #expect(diff.after["client_secret"] == .string("set"))
        #expect(diff.changes)
        // A secret Clerk shows redacted is only its state, never the placeholder.
        let shown = ConfigDiff(before: [:], after: ["client_secret": .string(Secret.mask)]).lines
        #expect(shown == [ConfigDiffLine(.added, "client_secret: set")])
        #expect(ConfigDiff(before: before, after: before).lines.allSatisfy { $0.kind == .same })
    }
}
