import XCTest
@testable import SetupCore

final class FormValidationTests: XCTestCase {
    let callback = "https://clerk.example.com/v1/oauth_callback"

    func validForm() -> ConsumerForm {
        var form = ConsumerForm()
        form.prefill(applicationName: "Acme Store", callbackURL: callback, homeURL: "https://example.com")
        return form
    }

    func testPrefilledFormIsValidAndPrivateByDefault() {
        let form = validForm()
        XCTAssertTrue(form.isPrivate)
        XCTAssertEqual(form.name, "Acme Store")
        XCTAssertEqual(form.url, "https://example.com")
        XCTAssertEqual(FormValidation(expectedCallbackURL: callback).issues(in: form), [:])
    }

    func testPrefillKeepsTypedValues() {
        var form = ConsumerForm()
        form.name = "My own name"
        form.prefill(applicationName: "Acme Store", callbackURL: callback, homeURL: nil)
        XCTAssertEqual(form.name, "My own name")
        XCTAssertEqual(form.callbackURL, callback)
    }

    func testRequiredFields() {
        var form = validForm()
        form.name = ""
        form.callbackURL = ""
        let issues = FormValidation(expectedCallbackURL: callback).issues(in: form)
        XCTAssertEqual(issues[.name], "Name is required.")
        XCTAssertEqual(issues[.callbackURL], "Callback URL is required.")
        XCTAssertNil(issues[.eulaURL], "optional fields may stay empty")
    }

    func testURLsMustBeAbsoluteHTTPS() {
        let rules = FormValidation(expectedCallbackURL: nil)
        XCTAssertEqual(rules.issue(.url, "example.com"), "URL must be an absolute URL starting with https://.")
        XCTAssertEqual(rules.issue(.url, "http://example.com"), "URL must use https:// (Bitbucket and Clerk refuse plain http).")
        XCTAssertEqual(rules.issue(.privacyPolicyURL, "ftp://example.com/p"), "Privacy policy URL must start with https://, not ftp://.")
        XCTAssertEqual(rules.issue(.eulaURL, "https://exa mple.com"), "EULA URL must not contain spaces.")
        XCTAssertEqual(rules.issue(.url, " https://example.com"), "URL has spaces at its start or end: remove them.")
        XCTAssertNil(rules.issue(.url, "https://example.com/home"))
    }

    func testLoopbackHTTPOnlyInTheSandbox() {
        XCTAssertNotNil(FormValidation(expectedCallbackURL: nil).issue(.url, "http://127.0.0.1:8080/x"))
        XCTAssertNil(FormValidation(expectedCallbackURL: nil, allowsLoopbackHTTP: true).issue(.url, "http://127.0.0.1:8080/x"))
        XCTAssertNotNil(FormValidation(expectedCallbackURL: nil, allowsLoopbackHTTP: true).issue(.url, "http://example.com/x"))
    }

    func testCallbackMustMatchClerkByteForByteAndSaysWhy() {
        let rules = FormValidation(expectedCallbackURL: callback)
        let slash = rules.issue(.callbackURL, callback + "/")
        XCTAssertEqual(slash, "Callback URL must be exactly \(callback) — a trailing slash differs; sign-in would fail with \"Invalid redirect_uri\".")
        let accounts = rules.issue(.callbackURL, "https://accounts.example.com/v1/oauth_callback") ?? ""
        XCTAssertTrue(accounts.contains("Account Portal host (accounts.)"), accounts)
        let other = rules.issue(.callbackURL, "https://clerk.example.org/v1/oauth_callback") ?? ""
        XCTAssertTrue(other.contains("Invalid redirect_uri"), other)
        XCTAssertTrue(rules.issue(.callbackURL, "https://CLERK.example.com/v1/oauth_callback")?.contains("letter case") ?? false)
    }

    func testLabelsAreBitbucketsExactly() {
        XCTAssertEqual(ConsumerField.allCases.map(\.label),
                       ["Name", "Description", "Callback URL", "URL", "Privacy policy URL", "EULA URL"])
    }
}

final class FormValidationControlTests: XCTestCase {
    /// A Name restored from a draft or pasted from elsewhere must not carry terminal controls
    /// to Bitbucket or to the clipboard.
    func testControlCharactersAndLineBreaksAreRefused() {
        let rules = FormValidation(expectedCallbackURL: nil)
        XCTAssertEqual(rules.issue(.name, "Acme\u{1B}[31m Store"), "Name contains control characters or line breaks: type it again.")
        XCTAssertEqual(rules.issue(.description, "two\nlines"), "Description contains control characters or line breaks: type it again.")
        XCTAssertNil(rules.issue(.name, "Zürich Ünïcode 日本 Team"))
    }
}
