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
                       .failure(CredentialInputIssue(message: "Key contains a space or line break: copy only the key itself.")))
        XCTAssertEqual(CredentialInput.clean("abc\u{1B}[2Jdef", label: "Key"),
                       .failure(CredentialInputIssue(message: "Key contains control characters: paste it again.")))
        XCTAssertEqual(CredentialInput.clean("   ", label: "Key"),
                       .failure(CredentialInputIssue(message: "Key is required: paste it from Bitbucket.")))
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
