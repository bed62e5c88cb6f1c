import XCTest
@testable import CursesUI
@testable import SetupCore

/// Key and Secret pasted together fill both fields from inside a field too (coming back
/// from step 7 puts the focus in the Secret field), not only from outside them.
final class CreatePasteInFieldTests: XCTestCase {
    func testAPairPastedIntoTheSecretFieldFillsBoth() {
        var h = Journey.create(80, 24)
        h.press(.character("k"))  // to the Key field
        h.press(.tab)             // to the Secret field
        let key = "aB3dE5fG7hJ9kL2mN4pQ6rS8tU1vW3xY", secret = String(repeating: "s1T2", count: 8)
        h.press(.paste("Key\n\(key)\nSecret\n\(secret)\n"))
        XCTAssertEqual(h.state.consumerKeyInput, key)
        XCTAssertEqual(h.state.consumerSecretInput.exposed, secret)
        XCTAssertFalse(h.canvas().textLayer().contains("line breaks or control characters"), h.canvas().textLayer())
    }

    func testOneValuePastedIntoAFieldStaysInThatField() {
        var h = Journey.create(80, 24)
        h.press(.character("k"))
        h.press(.paste("aB3dE5fG7hJ9kL2mN4pQ6rS8tU1vW3xY"))
        XCTAssertEqual(h.state.consumerKeyInput, "aB3dE5fG7hJ9kL2mN4pQ6rS8tU1vW3xY")
        XCTAssertTrue(h.state.consumerSecretInput.isEmpty)
    }
}

/// Step 2 at 60×16: the focused Callback URL row, its value under the label, is scrolled
/// into view whole (the value was below the fold while its label had the focus).
final class ApplicationCallbackInViewTests: XCTestCase {
    func testTheFocusedCallbackURLIsShownAt60x16() {
        var h = Journey.application(60, 16)
        func focused() -> Bool { h.canvas().textLayer().contains("› Callback URL") }
        for _ in 0..<6 where !focused() { h.press(.tab) }
        XCTAssertTrue(focused(), h.canvas().textLayer())
        XCTAssertTrue(h.canvas().textLayer().contains("oauth_callback"), h.canvas().textLayer())
    }
}
