import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Sandbox
import XCTest

/// The "Add consumer" page as a browser uses it: GET the form, POST it, land on the OAuth
/// consumers list, expand the name to read the Key and Secret.
final class BitbucketConsumerFormTests: SandboxTestCase {
    var newURL: String { info.bitbucket_web_url + "/acme-store/workspace/settings/oauth-consumers/new" }
    var listURL: String { info.bitbucket_web_url + "/acme-store/workspace/settings/oauth-consumers" }

    /// A urlencoded body as a browser builds it (spaces as `+`, everything else escaped).
    func form(_ pairs: [(String, String)]) -> Data {
        let allowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._* ")
        func escape(_ text: String) -> String {
            (text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text).replacingOccurrences(of: " ", with: "+")
        }
        return Data(pairs.map { "\(escape($0.0))=\(escape($0.1))" }.joined(separator: "&").utf8)
    }

    func post(_ body: Data, to url: String? = nil, client: HTTPTestClient? = nil) async throws -> Reply {
        try await (client ?? self.client).send("POST", url ?? newURL, headers: ["Content-Type": "application/x-www-form-urlencoded"], body: body)
    }

    /// The text between `<code class="…">` and `</code>` inside the row whose summary is `name`.
    func credential(_ html: String, consumer name: String, _ kind: String) throws -> String {
        let row = try XCTUnwrap(html.range(of: "<summary>\(name)</summary>"), "no row for \(name)")
        let rest = html[row.upperBound...]
        let open = try XCTUnwrap(rest.range(of: "<code class=\"\(kind)\">"))
        let close = try XCTUnwrap(rest[open.upperBound...].range(of: "</code>"))
        return String(rest[open.upperBound..<close.lowerBound])
    }

    func testSavingTheFormCreatesAConsumerWhoseKeyAndSecretTheListShows() async throws {
        let page = try await client.get(newURL)
        XCTAssertEqual(page.status, 200)
        XCTAssertTrue(page.text.contains("<form method=\"post\" action=\"/bitbucket-web/acme-store/workspace/settings/oauth-consumers/new\""))
        XCTAssertTrue(page.text.contains("<button type=\"submit\">Save</button>"))
        XCTAssertEqual(page.text.components(separatedBy: "name=\"scope\"").count - 1, 24, "one box per permission")
        for label in ["Account", "Email", "Read", "Pull requests", "Edit variables"] {
            XCTAssertTrue(page.text.contains(label), label)
        }

        // Not following redirects: Save answers 303 to the list, as a browser sees it.
        let noRedirects = HTTPTestClient(session: URLSession(configuration: .ephemeral, delegate: RefuseRedirects(), delegateQueue: nil))
        defer { noRedirects.session.invalidateAndCancel() }
        let name = "Acme <Sign-in> & \"Friends\" ü"
        let saved = try await post(form([
            ("name", name), ("description", "Sign in with Bitbucket"),
            ("callback_url", "https://clerk.acme-store.com/v1/oauth_callback"), ("url", "https://acme-store.com"),
            ("privacy_policy_url", ""), ("eula_url", ""),
            ("private", "on"), ("scope", "account"), ("scope", "email"),
        ]), client: noRedirects)
        XCTAssertEqual(saved.status, 303)
        XCTAssertEqual(saved.headers["location"], listURL)

        let list = try await client.get(listURL)
        XCTAssertEqual(list.status, 200)
        XCTAssertTrue(list.headers["content-type"]?.hasPrefix("text/html") ?? false)
        let escaped = "Acme &lt;Sign-in&gt; &amp; &quot;Friends&quot; ü"
        XCTAssertFalse(list.text.contains(name), "the name is HTML-escaped")
        let key = try credential(list.text, consumer: escaped, "key")
        let secret = try credential(list.text, consumer: escaped, "secret")
        XCTAssertEqual(key.count, 32)
        XCTAssertEqual(secret.count, 76)
        // The seeded consumers of the workspace are listed too.
        XCTAssertTrue(list.text.contains("<summary>Acme Store sign-in</summary>"))

        // The same consumer, through the sandbox's JSON list and the token endpoint.
        let known = await sandbox.consumers()
        let created = try XCTUnwrap(known.first { $0.key == key })
        XCTAssertEqual(created.secret, secret)
        XCTAssertEqual(created.name, name)
        XCTAssertTrue(created.private)
        XCTAssertEqual(created.callback_url, "https://clerk.acme-store.com/v1/oauth_callback")
        var headers = basic(key, secret)
        headers["Content-Type"] = "application/x-www-form-urlencoded"
        let token = try await client.send("POST", info.bitbucket_web_url + "/site/oauth2/access_token",
                                          headers: headers, body: Data("grant_type=client_credentials".utf8))
        XCTAssertEqual(token.status, 200)
        XCTAssertEqual(token.json?["scope"] as? String, "account email")

        // A browser following the redirect lands on the same list.
        let followed = try await post(form([("name", "Second"), ("callback_url", "https://example.com/cb"), ("scope", "account")]))
        XCTAssertEqual(followed.status, 200)
        XCTAssertTrue(followed.text.contains("<summary>Second</summary>"))
        XCTAssertTrue(followed.text.contains("account, email"), "Account Read ticks Email")
    }

    func testABadFormComesBackWithTheValuesAndTheErrors() async throws {
        let reply = try await post(form([
            ("name", "Acme Store sign-in"), ("callback_url", "not a url"), ("description", "<script>x</script>"), ("scope", "account"),
        ]))
        XCTAssertEqual(reply.status, 400)
        XCTAssertTrue(reply.text.contains("An OAuth consumer with this name already exists in this workspace."))
        XCTAssertTrue(reply.text.contains("Enter a valid URL."))
        XCTAssertTrue(reply.text.contains("value=\"not a url\""), "entered values are kept")
        XCTAssertTrue(reply.text.contains("&lt;script&gt;x&lt;/script&gt;"))
        XCTAssertFalse(reply.text.contains("<script>"))
        XCTAssertTrue(reply.text.contains("value=\"account\" checked"))

        let missingName = try await post(form([("name", "  "), ("scope", "not-a-scope")]))
        XCTAssertEqual(missingName.status, 400)
        XCTAssertTrue(missingName.text.contains("This field is required."))
        XCTAssertTrue(missingName.text.contains("Unknown scope: not-a-scope"))
        let count = await sandbox.consumers().count
        XCTAssertEqual(count, info.consumers.count, "nothing was saved")
    }

    func testOnlyAdministratorsGetThePages() async throws {
        let base = info.bitbucket_web_url + "/babbage-labs/workspace/settings/oauth-consumers"
        let page = try await client.get(base + "/new")
        XCTAssertEqual(page.status, 403)
        let list = try await client.get(base)
        XCTAssertEqual(list.status, 403)
        let save = try await post(form([("name", "X"), ("callback_url", "https://example.com/cb")]), to: base + "/new")
        XCTAssertEqual(save.status, 403)
        let missing = try await client.get(info.bitbucket_web_url + "/no-such-team/workspace/settings/oauth-consumers")
        XCTAssertEqual(missing.status, 404)
    }
}

/// A session delegate that stops at redirects, so a test sees the 303 itself.
final class RefuseRedirects: NSObject, URLSessionTaskDelegate, Sendable {
    func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                    newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void) {
        completionHandler(nil)
    }
}
