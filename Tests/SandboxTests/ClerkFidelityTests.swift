import Foundation
import Sandbox
import XCTest

/// The sandbox answers as Clerk's own sources say the real service does
/// (docs/VENDOR-FACTS.md): secrets redacted, unset strings empty, errors with their
/// documented `meta`, strict query parameters, PUT, 405 with `Allow`, HEAD without a body,
/// domain status, dev-browser tokens.
final class ClerkFidelityTests: SandboxTestCase {
    var platform: [String: String] { bearer(info.clerk_platform_api_key) }
    func instance(_ app: String, _ environment: String) -> SandboxInstanceInfo {
        info.clerk_instances.first { $0.application_name == app && $0.environment_type == environment }!
    }
    func configURL(_ app: String = "Acme Store", _ environment: String = "production") -> String {
        "\(info.clerk_api_url)/platform/applications/\(instance(app, environment).application_id)/instances/\(environment)/config"
    }

    func write(_ url: String, _ body: Any, ifMatch: String? = nil, method: String = "PATCH") async throws -> Reply {
        var headers = platform
        headers["Content-Type"] = "application/json"
        if let ifMatch { headers["If-Match"] = ifMatch }
        return try await client.send(method, url, headers: headers, body: jsonBody(body))
    }

    func meta(_ reply: Reply) -> [String: Any]? {
        ((reply.json?["errors"] as? [[String: Any]])?.first)?["meta"] as? [String: Any]
    }

    func testSecretsReadBackRedactedAndUnsetStringsEmpty() async throws {
        let unset = try await client.get(configURL() + "?keys=connection_oauth_bitbucket", headers: platform)
        let off = try XCTUnwrap(unset.json?["connection_oauth_bitbucket"] as? [String: Any])
        XCTAssertEqual(off["client_id"] as? String, "", "unset client_id reads as \"\"")
        XCTAssertEqual(off["client_secret"] as? String, "", "unset secret reads as \"\"")
        XCTAssertTrue((unset.json?["config_version"] as? String)?.hasPrefix("v1_") == true)

        // Nimbus Notes has its consumer set: the secret reads back as a placeholder, never itself.
        let nimbus = try XCTUnwrap(info.consumers.first { $0.name == "Nimbus Notes" })
        let set = try await client.get(configURL("Nimbus Notes") + "?keys=connection_oauth_bitbucket", headers: platform)
        let on = try XCTUnwrap(set.json?["connection_oauth_bitbucket"] as? [String: Any])
        XCTAssertEqual(on["client_id"] as? String, nimbus.key)
        XCTAssertEqual(on["client_secret"] as? String, "••••••••")
        XCTAssertFalse(String(decoding: set.body, as: UTF8.self).contains(nimbus.secret))

        let schema = try await client.get(configURL() + "/schema?keys=connection_oauth_bitbucket", headers: platform)
        let secret = ((schema.json?["properties"] as? [String: Any])?["connection_oauth_bitbucket"] as? [String: Any])
            .flatMap { $0["properties"] as? [String: Any] }?["client_secret"] as? [String: Any]
        XCTAssertEqual(secret?["x-clerk-sensitive"] as? Bool, true)
    }

    func testDocumentedErrorsAndStrictParameters() async throws {
        let url = configURL()
        let current = try await client.get(url, headers: platform)
        let version = try XCTUnwrap(current.json?["config_version"] as? String)

        // dry_run accepts only true/false: dry_run=1 must never write for real.
        let one = try await write(url + "?dry_run=1", ["connection_oauth_bitbucket": ["enabled": false]])
        XCTAssertEqual(one.status, 400)
        XCTAssertEqual(clerkErrorCode(one), "invalid_query_parameter_value")
        let after = try await client.get(url, headers: platform)
        XCTAssertEqual(after.json?["config_version"] as? String, version, "nothing was written")

        let stale = try await write(url, ["connection_oauth_bitbucket": ["authenticatable": true]], ifMatch: "v1_00000000")
        XCTAssertEqual(stale.status, 409)
        XCTAssertEqual(meta(stale)?["current_version"] as? String, version)
        XCTAssertEqual(meta(stale)?["provided_version"] as? String, "v1_00000000")

        let typo = try await write(url, ["connection_oauth_bitbuckt": ["enabled": true]])
        XCTAssertEqual(clerkErrorCode(typo), "unknown_config_key")
        XCTAssertEqual(meta(typo)?["suggestions"] as? [String], ["connection_oauth_bitbucket"])

        let shape = try await write(url, ["connection_oauth_bitbucket": ["enabled": "yes"]])
        XCTAssertEqual(shape.status, 422)
        XCTAssertEqual(meta(shape)?["config_key"] as? String, "connection_oauth_bitbucket")
        XCTAssertEqual(meta(shape)?["param_name"] as? String, "enabled")
        XCTAssertNotNil(meta(shape)?["schema_path"] as? String)

        let notObject = try await write(url, ["connection_oauth_bitbucket": [1, 2]])
        XCTAssertEqual(clerkErrorCode(notObject), "config_key_body_invalid")

        var headers = platform
        headers["Content-Type"] = "application/json"
        let notJSON = try await client.send("PATCH", url, headers: headers, body: Data("enabled=true".utf8))
        XCTAssertEqual(notJSON.status, 400)
        XCTAssertEqual(clerkErrorCode(notJSON), "request_body_invalid")

        let missingCredentials = try await write(url, ["connection_oauth_bitbucket": ["enabled": true]], ifMatch: version)
        XCTAssertEqual(missingCredentials.status, 422)
        XCTAssertEqual(clerkErrorCode(missingCredentials), "config_validation_error")
        XCTAssertEqual(meta(missingCredentials)?["config_key"] as? String, "connection_oauth_bitbucket")

        let delete = try await client.send("DELETE", url, headers: platform)
        XCTAssertEqual(delete.status, 405)
        XCTAssertEqual(delete.headers["allow"], "GET, HEAD, PATCH, PUT")

        let put = try await write(url, ["connection_oauth_bitbucket": ["enabled": false]], method: "PUT")
        XCTAssertEqual(put.status, 400)
        XCTAssertEqual(clerkErrorCode(put), "missing_config_keys")
    }

    func testHeadAnswersCarryNoBody() async throws {
        let head = try await client.send("HEAD", configURL(), headers: platform)
        XCTAssertEqual(head.status, 200)
        XCTAssertTrue(head.body.isEmpty)
        // The same connection answers the next request cleanly.
        let get = try await client.get(configURL(), headers: platform)
        XCTAssertNotNil(get.json?["config_version"])
    }

    func testDevelopmentInstancesWantADevBrowserToken() async throws {
        let dev = instance("Acme Store", "development")
        let host = try XCTUnwrap(URL(string: dev.frontend_api_url)?.host)
        let forwarded = ["X-Forwarded-Host": host]
        let bare = try await client.get(info.clerk_frontend_url + "/v1/environment", headers: forwarded)
        XCTAssertEqual(bare.status, 401)
        XCTAssertEqual(clerkErrorCode(bare), "dev_browser_unauthenticated")
        let created = try await client.send("POST", info.clerk_frontend_url + "/v1/dev_browser", headers: forwarded)
        let token = try XCTUnwrap(created.json?["token"] as? String)
        let env = try await client.get(info.clerk_frontend_url + "/v1/environment?__clerk_db_jwt=\(token)&_clerk_js_version=6", headers: forwarded)
        XCTAssertEqual(env.status, 200)
        let social = (env.json?["user_settings"] as? [String: Any])?["social"] as? [String: Any]
        let bitbucket = social?["oauth_bitbucket"] as? [String: Any]
        XCTAssertEqual(bitbucket?["enabled"] as? Bool, true)
        XCTAssertEqual(bitbucket?["authenticatable"] as? Bool, true)
    }

    func testDomainStatusOfAVerifiedDomain() async throws {
        let prod = instance("Acme Store", "production")
        let domains = try await client.get("\(info.clerk_api_url)/platform/applications/\(prod.application_id)/domains", headers: platform)
        let id = try XCTUnwrap((domains.json?["data"] as? [[String: Any]])?.first?["id"] as? String)
        let status = try await client.get("\(info.clerk_api_url)/platform/applications/\(prod.application_id)/domains/\(id)/status", headers: platform)
        XCTAssertEqual(status.json?["status"] as? String, "complete")
        let clerk = ((status.json?["dns"] as? [String: Any])?["cnames"] as? [String: Any])?["clerk"] as? [String: Any]
        XCTAssertEqual(clerk?["verified"] as? Bool, true)
        XCTAssertEqual(clerk?["from"] as? String, "clerk.acme-store.com")
    }
}

/// The options that let the client's tolerance be tested: reads that lag writes, an
/// unverified production domain, a numeric `config_version`.
final class ClerkOptionsTests: SandboxTestCase {
    override var options: SandboxOptions { SandboxOptions(readLagMs: 600, unverifiedDomain: true, numericConfigVersion: true) }
    var platform: [String: String] { bearer(info.clerk_platform_api_key) }
    var acme: SandboxInstanceInfo { info.clerk_instances.first { $0.application_name == "Acme Store" && $0.environment_type == "production" }! }

    func testReadsLagWritesAndVersionsAreNumbers() async throws {
        let url = "\(info.clerk_api_url)/platform/applications/\(acme.application_id)/instances/production/config"
        let before = try await client.get(url, headers: platform)
        let version = try XCTUnwrap(before.json?["config_version"] as? Int, "a JSON number")
        var headers = platform
        headers["Content-Type"] = "application/json"
        headers["If-Match"] = String(version)
        let body = jsonBody(["connection_oauth_bitbucket": ["enabled": true, "client_id": "k", "client_secret": "s"]])
        let patched = try await client.send("PATCH", url, headers: headers, body: body)
        XCTAssertEqual(patched.status, 200, String(decoding: patched.body, as: UTF8.self))
        XCTAssertEqual(patched.json?["config_version"] as? Int, version + 1)
        let lagging = try await client.get(url, headers: platform)
        XCTAssertEqual(lagging.json?["config_version"] as? Int, version, "a read right after the write still shows the old config")
        try await Task.sleep(nanoseconds: 800_000_000)
        let caughtUp = try await client.get(url, headers: platform)
        XCTAssertEqual(caughtUp.json?["config_version"] as? Int, version + 1)
        XCTAssertEqual((caughtUp.json?["connection_oauth_bitbucket"] as? [String: Any])?["client_secret"] as? String, "REDACTED")
    }

    func testAnUnverifiedDomainSaysSoAndItsHostDoesNotAnswer() async throws {
        let domains = try await client.get("\(info.clerk_api_url)/platform/applications/\(acme.application_id)/domains", headers: platform)
        let id = try XCTUnwrap((domains.json?["data"] as? [[String: Any]])?.first?["id"] as? String)
        let status = try await client.get("\(info.clerk_api_url)/platform/applications/\(acme.application_id)/domains/\(id)/status", headers: platform)
        XCTAssertEqual(status.json?["status"] as? String, "incomplete")
        let clerk = ((status.json?["dns"] as? [String: Any])?["cnames"] as? [String: Any])?["clerk"] as? [String: Any]
        XCTAssertEqual(clerk?["verified"] as? Bool, false)
        XCTAssertEqual(clerk?["to"] as? String, "frontend-api.clerk.services")
        do {
            let reply = try await client.get(info.clerk_frontend_url + "/v1/environment", headers: ["X-Forwarded-Host": "clerk.acme-store.com"])
            XCTFail("the unverified host answered \(reply.status)")
        } catch {
            // Dropped: nothing answers at a host that does not resolve.
        }
    }
}
