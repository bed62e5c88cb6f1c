import Foundation
import Sandbox
import XCTest

/// The Frontend API's `POST /v1/client/sign_ins` for `oauth_bitbucket`, as the spec and
/// `api_errors.json` describe it (docs/VENDOR-FACTS.md, "A test sign-in").
final class ClerkSignInTests: SandboxTestCase {
    var signInsURL: String { info.clerk_frontend_url + "/v1/client/sign_ins" }
    let form = ["Content-Type": "application/x-www-form-urlencoded"]

    func signIn(host: String, query: String = "", headers: [String: String] = [:],
                redirectURL: String? = "https://accounts.acme-store.com/sign-in/sso-callback",
                strategy: String = "oauth_bitbucket") async throws -> Reply {
        var all = form.merging(headers) { $1 }
        all["X-Forwarded-Host"] = host
        var body = "strategy=\(strategy)"
        if let redirectURL { body += "&redirect_url=" + (redirectURL.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "") }
        return try await client.send("POST", signInsURL + query, headers: all, body: Data(body.utf8))
    }

    func authorizeURL(_ reply: Reply) -> URLComponents? {
        let json = reply.json
        let signIn = (json?["response"] as? [String: Any]) ?? json
        let verification = signIn?["first_factor_verification"] as? [String: Any]
        XCTAssertEqual(verification?["status"] as? String, "unverified")
        return (verification?["external_verification_redirect_url"] as? String).flatMap(URLComponents.init(string:))
    }

    func query(_ url: URLComponents?, _ name: String) -> String? { url?.queryItems?.first { $0.name == name }?.value }

    func devToken(_ host: String) async throws -> String {
        let reply = try await client.send("POST", info.clerk_frontend_url + "/v1/dev_browser", headers: ["X-Forwarded-Host": host])
        return try XCTUnwrap(reply.json?["token"] as? String)
    }

    func testProductionWithCustomCredentialsSendsItsClientIDBare() async throws {
        let nimbus = info.clerk_instances.first { $0.application_name == "Nimbus Notes" && $0.environment_type == "production" }!
        let key = info.consumers.first { $0.name == "Nimbus Notes" }!.key
        let reply = try await signIn(host: "clerk.nimbus-notes.io", headers: ["Origin": "https://accounts.nimbus-notes.io"],
                                     redirectURL: "https://accounts.nimbus-notes.io/sign-in/sso-callback")
        XCTAssertEqual(reply.status, 200)
        XCTAssertNil(reply.json?["response"], "the second application answers the bare sign-in")
        XCTAssertEqual(reply.json?["object"] as? String, "sign_in_attempt")
        let url = authorizeURL(reply)
        XCTAssertEqual(url?.host, "bitbucket.org")
        XCTAssertEqual(url?.path, "/site/oauth2/authorize")
        XCTAssertEqual(query(url, "client_id"), key)
        XCTAssertEqual(query(url, "redirect_uri"), nimbus.callback_url)
        XCTAssertEqual(query(url, "response_type"), "code")
    }

    func testDevelopmentNeedsTheTokenAndUsesSharedCredentialsWrapped() async throws {
        let host = "glowing-bat-98.clerk.accounts.dev"
        let refused = try await signIn(host: host, redirectURL: "https://glowing-bat-98.accounts.dev/sign-in/sso-callback")
        XCTAssertEqual(refused.status, 401)
        XCTAssertEqual(clerkErrorCode(refused), "dev_browser_unauthenticated")
        let token = try await devToken(host)
        let reply = try await signIn(host: host, query: "?__clerk_db_jwt=\(token)", redirectURL: "https://glowing-bat-98.accounts.dev/sign-in/sso-callback")
        XCTAssertEqual(reply.status, 200)
        XCTAssertNotNil(reply.json?["client"], "the first application answers {response, client}")
        XCTAssertEqual(query(authorizeURL(reply), "client_id"), "ClerkShared0BbKey7")
    }

    func testProductionRefusalsUseClerksCodes() async throws {
        let host = "clerk.nimbus-notes.io"
        let portal = "https://accounts.nimbus-notes.io"
        let noOrigin = try await signIn(host: host, redirectURL: portal + "/sign-in/sso-callback")
        XCTAssertEqual(clerkErrorCode(noOrigin), "request_header_missing")
        let native = try await signIn(host: host, query: "?_is_native=1", headers: ["Authorization": ""], redirectURL: portal)
        XCTAssertEqual(clerkErrorCode(native), "native_api_disabled")
        let both = try await signIn(host: host, headers: ["Origin": portal, "Authorization": "Bearer x"], redirectURL: portal)
        XCTAssertEqual(clerkErrorCode(both), "origin_authorization_headers_conflict")
        let foreignOrigin = try await signIn(host: host, headers: ["Origin": "https://evil.example"], redirectURL: portal)
        XCTAssertEqual(clerkErrorCode(foreignOrigin), "origin_invalid")
        let foreignRedirect = try await signIn(host: host, headers: ["Origin": portal], redirectURL: "https://evil.example/cb")
        XCTAssertEqual(foreignRedirect.status, 422)
        XCTAssertEqual(clerkErrorCode(foreignRedirect), "redirect_url_domain_mismatch")
        let noRedirect = try await signIn(host: host, headers: ["Origin": portal], redirectURL: nil)
        XCTAssertEqual(clerkErrorCode(noRedirect), "form_param_missing")
    }

    func testADisabledConnectionIsNotAStrategy() async throws {
        let portal = "https://accounts.acme-store.com"
        let disabled = try await signIn(host: "clerk.acme-store.com", headers: ["Origin": portal])
        XCTAssertEqual(disabled.status, 422)
        XCTAssertEqual(clerkErrorCode(disabled), "form_param_value_invalid")
        // A development instance answers the same for a disabled connection.
        let configURL = "\(info.clerk_api_url)/platform/applications/\(info.clerk_instances.first { $0.application_name == "Acme Store" }!.application_id)/instances/development/config"
        var headers = bearer(info.clerk_platform_api_key)
        headers["Content-Type"] = "application/json"
        let patched = try await client.send("PATCH", configURL, headers: headers, body: jsonBody(["connection_oauth_bitbucket": ["enabled": false]]))
        XCTAssertEqual(patched.status, 200)
        let host = "glowing-bat-98.clerk.accounts.dev"
        let token = try await devToken(host)
        let off = try await signIn(host: host, query: "?__clerk_db_jwt=\(token)", redirectURL: "https://glowing-bat-98.accounts.dev/sign-in/sso-callback")
        XCTAssertEqual(clerkErrorCode(off), "form_param_value_invalid")
    }
}
