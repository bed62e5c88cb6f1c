import Foundation
import Sandbox
import XCTest

final class BitbucketOAuthTests: SandboxTestCase {
    var tokenURL: String { info.bitbucket_web_url + "/site/oauth2/access_token" }

    func token(_ key: String, _ secret: String, form: String = "grant_type=client_credentials") async throws -> Reply {
        var headers = basic(key, secret)
        headers["Content-Type"] = "application/x-www-form-urlencoded"
        return try await client.send("POST", tokenURL, headers: headers, body: Data(form.utf8))
    }

    func consumer(_ matches: (SandboxConsumerInfo) -> Bool) throws -> SandboxConsumerInfo {
        try XCTUnwrap(info.consumers.first(where: matches))
    }

    func testEveryTokenEndpointVerdict() async throws {
        let good = try consumer { $0.private && $0.callback_url != nil && Set($0.scopes) == ["account", "email"] }
        let ok = try await token(good.key, good.secret)
        XCTAssertEqual(ok.status, 200)
        XCTAssertEqual(ok.json?["scope"] as? String, "account email")
        XCTAssertEqual(ok.json?["expires_in"] as? Int, 7200)
        XCTAssertEqual(ok.json?["token_type"] as? String, "bearer")
        XCTAssertEqual(ok.json?["state"] as? String, "client_credentials")
        XCTAssertNotNil(ok.json?["access_token"] as? String)
        XCTAssertNil(ok.json?["refresh_token"])
        // RFC 6749 §5.1: a token answer must not be cached.
        XCTAssertEqual(ok.headers["cache-control"], "no-store")
        XCTAssertEqual(ok.headers["pragma"], "no-cache")

        let wrong = try await token(good.key, "not-the-secret")
        XCTAssertEqual(wrong.status, 400)
        XCTAssertEqual(wrong.json?["error"] as? String, "unauthorized_client")
        XCTAssertEqual(wrong.json?["error_description"] as? String, "Invalid OAuth client credentials")

        let noCallback = try consumer { $0.callback_url == nil }
        let refused = try await token(noCallback.key, noCallback.secret)
        XCTAssertEqual(refused.status, 400)
        XCTAssertEqual(refused.json?["error"] as? String, "invalid_request")
        XCTAssertEqual(refused.json?["error_description"] as? String, "No callback uri defined for the OAuth client.")

        let publicConsumer = try consumer { !$0.private }
        let publicReply = try await token(publicConsumer.key, publicConsumer.secret)
        XCTAssertEqual(publicReply.status, 400)
        XCTAssertEqual(publicReply.json?["error"] as? String, "invalid_grant")
        XCTAssertEqual(publicReply.json?["error_description"] as? String,
                       "Cannot use client_credentials with a consumer marked as \"public\". Calls for auto generated consumers should use urn:bitbucket:oauth2:jwt instead.")

        // The weaker probe for public consumers: right credentials + made-up code → some other error.
        let probe = try await token(publicConsumer.key, publicConsumer.secret, form: "grant_type=authorization_code&code=made-up-code")
        XCTAssertEqual(probe.status, 400)
        XCTAssertEqual(probe.json?["error"] as? String, "invalid_grant")
        let wrongProbe = try await token(publicConsumer.key, "wrong", form: "grant_type=authorization_code&code=made-up-code")
        XCTAssertEqual(wrongProbe.json?["error"] as? String, "unauthorized_client")

        let unsupported = try await token(good.key, good.secret, form: "grant_type=password&username=a&password=b")
        XCTAssertEqual(unsupported.status, 400)
        XCTAssertEqual(unsupported.json?["error"] as? String, "unsupported_grant_type")

        let noEmail = try consumer { $0.private && $0.callback_url != nil && !$0.scopes.contains("email") }
        let partial = try await token(noEmail.key, noEmail.secret)
        XCTAssertEqual(partial.status, 200)
        XCTAssertFalse((partial.json?["scope"] as? String ?? "").split(separator: " ").contains("email"))
    }

    func testCreatedConsumerWorksAtTheTokenEndpoint() async throws {
        let url = info.bitbucket_web_url + "/_sandbox/acme-store/oauth-consumers"
        var headers = basic(info.bitbucket_email, info.bitbucket_api_token)
        headers["Content-Type"] = "application/json"
        let body: [String: Any] = [
            "name": "Acme Store (bbclerk)", "description": "Sign in with Bitbucket",
            "callback_url": "https://clerk.acme-store.com/v1/oauth_callback", "url": "https://acme-store.com",
            "private": true, "scopes": ["account", "email"],
        ]
        let created = try await client.send("POST", url, headers: headers, body: jsonBody(body))
        XCTAssertEqual(created.status, 201)
        let key = try XCTUnwrap(created.json?["key"] as? String)
        let secret = try XCTUnwrap(created.json?["secret"] as? String)
        XCTAssertEqual(key.count, 32)
        XCTAssertEqual(secret.count, 76)
        XCTAssertTrue((key + secret).allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) })
        XCTAssertEqual(created.json?["workspace"] as? String, "acme-store")
        XCTAssertEqual(created.json?["callback_url"] as? String, "https://clerk.acme-store.com/v1/oauth_callback")

        let ok = try await token(key, secret)
        XCTAssertEqual(ok.status, 200)
        XCTAssertEqual(ok.json?["scope"] as? String, "account email")
        let known = await sandbox.consumers()
        XCTAssertTrue(known.contains { $0.key == key })

        let duplicate = try await client.send("POST", url, headers: headers, body: jsonBody(body))
        XCTAssertEqual(duplicate.status, 400)
        XCTAssertEqual(duplicate.json?["type"] as? String, "error")
        XCTAssertNotNil(((duplicate.json?["error"] as? [String: Any])?["fields"] as? [String: Any])?["name"])

        // Account Read ticks Email in Bitbucket's form.
        let implied = try await client.send("POST", url, headers: headers,
                                            body: jsonBody(["name": "Read only", "private": true, "scopes": ["account"], "callback_url": "https://example.com/cb"]))
        XCTAssertEqual(implied.json?["scopes"] as? [String], ["account", "email"])

        let notAdmin = try await client.send("POST", info.bitbucket_web_url + "/_sandbox/babbage-labs/oauth-consumers",
                                             headers: headers, body: jsonBody(body))
        XCTAssertEqual(notAdmin.status, 403)
        let anonymous = try await client.send("POST", url, headers: ["Content-Type": "application/json"], body: jsonBody(body))
        XCTAssertEqual(anonymous.status, 401)
    }

    func testDeepLinkPageListsTheFormFields() async throws {
        let page = try await client.get(info.bitbucket_web_url + "/zurich-unicode/workspace/settings/oauth-consumers/new")
        XCTAssertEqual(page.status, 200)
        XCTAssertTrue(page.headers["content-type"]?.hasPrefix("text/html") ?? false)
        for label in ["Name", "Description", "Callback URL", "URL", "Privacy policy URL", "EULA URL", "This is a private consumer"] {
            XCTAssertTrue(page.text.contains(label), label)
        }
        XCTAssertTrue(page.text.contains("Zürich Ünïcode 日本 Team"))
        let missing = try await client.get(info.bitbucket_web_url + "/no-such-team/workspace/settings/oauth-consumers/new")
        XCTAssertEqual(missing.status, 404)
    }
}
