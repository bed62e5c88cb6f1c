import Foundation
import Testing
@testable import SetupCore

/// Publishable keys, the Callback URL and the config patch body: Clerk facts without a network.
@Suite struct ClerkValueTests {
    // Vectors from API-NOTES ("The Callback URL").
    @Test func publishableKeyVectors() throws {
        let dev = try PublishableKey("pk_test_Z2xvd2luZy1iYXQtOTguY2xlcmsuYWNjb3VudHMuZGV2JA")
        #expect(dev.frontendAPIHost == "glowing-bat-98.clerk.accounts.dev")
        #expect(dev.environment == .development)
        #expect(dev.frontendAPIURL.absoluteString == "https://glowing-bat-98.clerk.accounts.dev")
        let live = try PublishableKey("pk_live_Y2xlcmsuZXhhbXBsZS5jb20k")
        #expect(live.frontendAPIHost == "clerk.example.com")
        #expect(live.environment == .production)
        #expect(ClerkClient.callbackURL(frontendAPIURL: live.frontendAPIURL) == "https://clerk.example.com/v1/oauth_callback")
        // Pasted with a newline.
        #expect(try PublishableKey(" pk_live_Y2xlcmsuZXhhbXBsZS5jb20k\n").frontendAPIHost == "clerk.example.com")
    }

    @Test(arguments: [
        ("pk_live", PublishableKeyError.wrongShape),
        ("pk_live_", .wrongShape),
        ("pk_live_Y2xl_extra", .wrongShape),
        ("sk_live_Y2xlcmsuZXhhbXBsZS5jb20k", .unknownPrefix),
        ("pk_prod_Y2xlcmsuZXhhbXBsZS5jb20k", .unknownPrefix),
        ("pk_live_@@@@", .notBase64),
        ("pk_live_Y2xlcmsuZXhhbXBsZS5jb20", .noTrailingDollar),   // "clerk.example.com" without "$"
        ("pk_live_bG9jYWxob3N0JA", .noDotInHost),                 // "localhost$"
        ("pk_live_YSQuYiQ", .noTrailingDollar),                   // "a$.b$": a second "$"
    ])
    func publishableKeyErrors(_ raw: String, _ expected: PublishableKeyError) {
        #expect(throws: expected) { try PublishableKey(raw) }
        #expect(!expected.userMessage.isEmpty)
        #expect(expected.userMessage.contains("Clerk Dashboard"))
    }

    @Test func callbackURLHasNoDoubleSlash() {
        #expect(ClerkClient.callbackURL(frontendAPIURL: URL(string: "https://clerk.acme-store.com/")!) == "https://clerk.acme-store.com/v1/oauth_callback")
        #expect(ClerkClient.callbackURL(frontendAPIURL: URL(string: "https://glowing-bat-98.clerk.accounts.dev")!)
            == "https://glowing-bat-98.clerk.accounts.dev/v1/oauth_callback")
    }

    @Test func patchBodyIsTheDocumentedShape() throws {
        let patch = ClerkConfigPatch(enabled: true, clientID: "key", clientSecret: Secret("sec"))
        #expect(String(decoding: patch.body(), as: UTF8.self)
            == #"{"connection_oauth_bitbucket":{"client_id":"key","client_secret":"sec","enabled":true}}"#)
        #expect(!String(describing: patch).contains("sec\""))
    }

    @Test func secretsInConfigAnswersAreMasked() {
        let answer: JSONValue = ["connection_oauth_bitbucket": ["enabled": true, "client_id": "k", "client_secret": "leak"]]
        let connection = BitbucketConnectionConfig(json: ClerkConfigKey.connection(in: answer))
        #expect(connection.raw["client_secret"] == .string(Secret.mask))
        #expect(connection.clientID == "k")
        #expect(ClerkConfigKey.masked(["client_secret": nil]) == ["client_secret": nil])
    }

    @Test func environmentsRoundTrip() {
        #expect(ClerkEnvironment(rawValue: "production") == .production)
        #expect(ClerkEnvironment(rawValue: "staging") == .other("staging"))
        #expect(ClerkEnvironment.other("staging").rawValue == "staging")
    }
}
