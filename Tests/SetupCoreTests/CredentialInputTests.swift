import XCTest
@testable import SetupCore

final class CredentialInputTests: XCTestCase {
    func testTrimsSurroundingWhitespaceOfAPaste() {
        XCTAssertEqual(try CredentialInput.clean("  \tAbC123\n", label: "Key").get(), "AbC123")
    }

    func testNeverChecksLength() {
        for length in [1, 18, 32, 76, 200] {
            let value = String(repeating: "k", count: length)
            XCTAssertEqual(try CredentialInput.clean(value, label: "Key").get(), value)
        }
    }

    func testRejectsInnerWhitespaceControlsAndEmpty() {
        XCTAssertEqual(CredentialInput.clean("abc def", label: "Secret"),
                       .failure(CredentialInputIssue(message: "Secret contains a space or line break: copy only the secret itself.")))
        XCTAssertEqual(CredentialInput.clean("abc\ndef", label: "Key"),
                       .failure(CredentialInputIssue(message: "Key holds two values on two lines (the Key and the Secret together?): paste them one at a time.")))
        XCTAssertEqual(CredentialInput.clean("abc def\nghi", label: "Key"),
                       .failure(CredentialInputIssue(message: "Key contains a space or line break: copy only the key itself.")))
        XCTAssertEqual(CredentialInput.clean("abc\u{1B}[2Jdef", label: "Key"),
                       .failure(CredentialInputIssue(message: "Key contains control characters: paste it again.")))
        XCTAssertEqual(CredentialInput.clean("   ", label: "Key"),
                       .failure(CredentialInputIssue(message: "Key is required: paste it from Bitbucket.")))
    }

    /// Paste mistakes named before anything is sent: a label copied along, a Clerk key of
    /// another kind in a field, an email as the token, the Key and Secret swapped or equal.
    func testShapesThatAreCertainlyWrongAreNamed() {
        XCTAssertEqual(CredentialInput.clean("Key: 4KxAbc", label: "Key"),
                       .failure(CredentialInputIssue(message: "Key starts with the label \"Key:\" copied along: paste only the value after it.")))
        XCTAssertEqual(CredentialInput.shapeIssue("secret:abc", as: .consumerSecret),
                       "The Secret starts with the label \"Secret:\" copied along: paste only the value after it.")
        XCTAssertEqual(CredentialInput.shapeIssue("sk_live_abc", as: .platformKey),
                       "That is a Clerk secret key (sk_…), not a Platform API key: it goes in the Secret key field (CLERK_SECRET_KEY).")
        XCTAssertEqual(CredentialInput.shapeIssue("ak_abc", as: .secretKey),
                       "That is a Clerk Platform API key (ak_…), not a secret key: it goes in the Platform API key field (CLERK_PLATFORM_API_KEY).")
        XCTAssertEqual(CredentialInput.shapeIssue("pk_test_abc", as: .consumerKey),
                       "That is a Clerk publishable key (pk_…), not the consumer's Key from Bitbucket: it goes in the Publishable key field (CLERK_PUBLISHABLE_KEY).")
        XCTAssertEqual(CredentialInput.shapeIssue("whatever", as: .secretKey),
                       "A Clerk secret key starts with sk_live_ or sk_test_: copy it again from the Clerk Dashboard (API keys).")
        XCTAssertNotNil(CredentialInput.shapeIssue("ada@example.com", as: .bitbucketToken))
        // What may be right is never refused on looks: any length, a CLI token as a Platform credential.
        for (value, kind) in [("ak_x", CredentialInput.Kind.platformKey), ("eyJh.eyJz.sig", .platformKey), ("sk_test_x", .secretKey),
                              ("ATATT3xFfGF0abc", .bitbucketToken), ("k", .consumerKey), (String(repeating: "s", count: 300), .consumerSecret)] {
            XCTAssertNil(CredentialInput.shapeIssue(value, as: kind), value)
        }
        XCTAssertEqual(CredentialInput.pairIssue(key: String(repeating: "s", count: 76), secret: String(repeating: "k", count: 32)),
                       "The Key is longer than the Secret, so they look swapped: Bitbucket's Key is the shorter of the two.")
        XCTAssertNotNil(CredentialInput.pairIssue(key: "same", secret: "same"))
        XCTAssertNil(CredentialInput.pairIssue(key: String(repeating: "k", count: 18), secret: String(repeating: "s", count: 32)))
        XCTAssertNil(CredentialInput.pairIssue(key: String(repeating: "k", count: 32), secret: "wrong-secret"), "a wrong secret is Bitbucket's to judge")
    }

    /// On Connect the check fails with the reason and nothing is sent; on Create the
    /// Continue is held with the reason.
    func testTheReducerSendsNothingOfTheWrongShape() {
        var credentials = SessionCredentials()
        credentials.bitbucketEmail = "ada@example.com"
        credentials.bitbucketToken = Secret("ada@example.com")
        credentials.clerkPlatformKey = Secret("sk_live_abc")
        var state = WizardState(mode: .live, endpoints: .production, credentials: credentials)
        XCTAssertEqual(Wizard.reduce(&state, .start), [])
        XCTAssertTrue(state.bitbucketUser.error?.userMessage.contains("email address") == true)
        XCTAssertTrue(state.clerkAccess.error?.userMessage.hasPrefix("That is a Clerk secret key (sk_…)") == true)

        var create = ReducerFixture().stateAtConsumer()
        create.step = .createInBitbucket
        _ = Wizard.reduce(&create, .setConsumerKey(String(repeating: "s", count: 76)))
        _ = Wizard.reduce(&create, .setConsumerSecret(Secret(String(repeating: "k", count: 32))))
        XCTAssertEqual(Wizard.blocker(create)?.text, "The Key is longer than the Secret, so they look swapped: Bitbucket's Key is the shorter of the two.")
    }

    func testSecretNeverDescribesItsValue() {
        let secret = Secret("super-secret-value")
        XCTAssertEqual("\(secret)", "••••••••")
        XCTAssertEqual(String(reflecting: secret), "Secret(••••••••)")
        var dumped = ""
        dump(secret, to: &dumped)
        XCTAssertFalse(dumped.contains("super"), dumped)
        XCTAssertEqual(secret.exposed, "super-secret-value")
    }
}

final class DisplayTextTests: XCTestCase {
    func testRemovesEscapeSequencesAndControls() {
        XCTAssertEqual(DisplayText.sanitize("Acme\u{1B}[31m Red\u{1B}[0m"), "Acme Red")
        XCTAssertEqual(DisplayText.sanitize("title\u{1B}]0;pwned\u{07}ok"), "titleok")
        XCTAssertEqual(DisplayText.sanitize("a\u{1B}]52;c;ZXZpbA==\u{1B}\\b"), "ab")
        XCTAssertEqual(DisplayText.sanitize("x\u{9B}2Jy"), "xy")
        XCTAssertEqual(DisplayText.sanitize("bell\u{07}del\u{7F}nul\u{0}"), "belldelnul")
        XCTAssertEqual(DisplayText.sanitize("line\nbreak\ttab"), "line break tab")
    }

    func testRemovesBidiOverridesAndIsolates() {
        XCTAssertEqual(DisplayText.sanitize("evil\u{202E}txt.exe\u{2066}x\u{2069}"), "eviltxt.exex")
    }

    func testKeepsUnicodeAndCutsWithEllipsis() {
        XCTAssertEqual(DisplayText.sanitize("Zürich Ünïcode 日本"), "Zürich Ünïcode 日本")
        XCTAssertEqual(DisplayText.sanitize(String(repeating: "a", count: 10), limit: 5), "aaaa…")
    }
}
