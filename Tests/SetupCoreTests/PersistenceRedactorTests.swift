import Foundation
import XCTest
@testable import SetupCore

final class PersistenceRedactorTests: XCTestCase {
    let mask = Secret.mask

    func testRegisteredSecretsAreMaskedEverywhere() {
        let redactor = SecretRedactor()
        redactor.register(Secret("hunter2-consumer-secret"))
        redactor.register(Secret("token/with+special=chars"))
        XCTAssertEqual(redactor.redact("secret=hunter2-consumer-secret and again hunter2-consumer-secret"),
                       "secret=\(mask) and again \(mask)")
        // As it appears in a form body.
        XCTAssertEqual(redactor.redact("client_secret=token%2Fwith%2Bspecial%3Dchars&grant=x"),
                       "client_secret=\(mask)&grant=x")
    }

    func testLongerSecretContainingAShorterOneIsMaskedWhole() {
        let redactor = SecretRedactor()
        redactor.register(Secret("abcdef"))
        redactor.register(Secret("abcdef-and-more"))
        XCTAssertEqual(redactor.redact("x abcdef-and-more y abcdef"), "x \(mask) y \(mask)")
    }

    func testShortValuesAreIgnored() {
        let redactor = SecretRedactor()
        redactor.register(Secret("abc"))
        redactor.register(Secret(""))
        XCTAssertEqual(redactor.redact("abc is fine"), "abc is fine")
    }

    func testCredentialShapedTokensAreMaskedWithoutRegistration() {
        let redactor = SecretRedactor()
        XCTAssertEqual(redactor.redact("Authorization: Bearer sk_live_0123456789abcdefXYZ."), "Authorization: Bearer \(mask).")
        XCTAssertEqual(redactor.redact("key ak_0123456789abcdef"), "key \(mask)")
        XCTAssertEqual(redactor.redact("token ATATT3xFfGF0abc-DEF_ghi=1A2B3C4D end"), "token \(mask) end")
        // Ordinary words and publishable keys stay.
        XCTAssertEqual(redactor.redact("task_scheduler_running pk_test_Y2xlcmsuZXhhbXBsZS5jb20k sk_short"),
                       "task_scheduler_running pk_test_Y2xlcmsuZXhhbXBsZS5jb20k sk_short")
    }

    func testConcurrentRegisterAndRedact() {
        let redactor = SecretRedactor()
        DispatchQueue.concurrentPerform(iterations: 200) { index in
            redactor.register(Secret("secret-value-\(index)"))
            _ = redactor.redact("line with secret-value-\(index / 2)")
        }
        XCTAssertEqual(redactor.redact("secret-value-199"), mask)
    }
}
