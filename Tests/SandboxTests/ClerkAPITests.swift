import Foundation
import Sandbox
import XCTest

final class ClerkAPITests: SandboxTestCase {
    var platform: [String: String] { bearer(info.clerk_platform_api_key) }
    var acmeProduction: SandboxInstanceInfo {
        info.clerk_instances.first { $0.application_name == "Acme Store" && $0.environment_type == "production" }!
    }
    var acmeConfigURL: String {
        "\(info.clerk_api_url)/platform/applications/\(acmeProduction.application_id)/instances/production/config"
    }

    func patch(_ url: String, _ body: Any, ifMatch: String? = nil) async throws -> Reply {
        var headers = platform
        headers["Content-Type"] = "application/json"
        if let ifMatch { headers["If-Match"] = ifMatch }
        return try await client.send("PATCH", url, headers: headers, body: jsonBody(body))
    }

    func testApplicationsAndDomains() async throws {
        let apps = try await client.get(info.clerk_api_url + "/platform/applications", headers: platform)
        XCTAssertEqual(apps.status, 200)
        let list = try XCTUnwrap(apps.jsonArray as? [[String: Any]])
        XCTAssertEqual(list.map { $0["name"] as? String }, ["Acme Store", "Nimbus Notes"])
        let instances = try XCTUnwrap(list[0]["instances"] as? [[String: Any]])
        XCTAssertEqual(Set(instances.compactMap { $0["environment_type"] as? String }), ["development", "production"])
        XCTAssertNil(instances[0]["secret_key"])

        let domains = try await client.get("\(info.clerk_api_url)/platform/applications/\(acmeProduction.application_id)/domains", headers: platform)
        let data = try XCTUnwrap(domains.json?["data"] as? [[String: Any]])
        XCTAssertEqual(domains.json?["total_count"] as? Int, 1)
        XCTAssertEqual(data.first?["frontend_api_url"] as? String, "https://clerk.acme-store.com")
        XCTAssertEqual(data.first?["accounts_portal_url"] as? String, "https://accounts.acme-store.com")
        XCTAssertEqual(data.first?["is_satellite"] as? Bool, false)

        let unknown = try await client.get(info.clerk_api_url + "/platform/applications/app_nope", headers: platform)
        XCTAssertEqual(unknown.status, 404)
        XCTAssertEqual(clerkErrorCode(unknown), "resource_not_found")
    }

    func testWrongKindsOfKeyAre401() async throws {
        let secretOnPlatform = try await client.get(info.clerk_api_url + "/platform/applications", headers: bearer(info.clerk_secret_key))
        XCTAssertEqual(secretOnPlatform.status, 401)
        XCTAssertEqual(clerkErrorCode(secretOnPlatform), "platform_api_unrecognized_credential")
        XCTAssertNotNil(secretOnPlatform.json?["clerk_trace_id"] as? String)
        let error = try XCTUnwrap((secretOnPlatform.json?["errors"] as? [[String: Any]])?.first)
        XCTAssertNotNil(error["long_message"] as? String)
        XCTAssertNotNil(error["meta"] as? [String: Any])

        let garbage = try await client.get(info.clerk_api_url + "/platform/applications", headers: bearer("ak_nope"))
        XCTAssertEqual(clerkErrorCode(garbage), "authentication_invalid")

        let platformOnBackend = try await client.get(info.clerk_api_url + "/instance", headers: platform)
        XCTAssertEqual(platformOnBackend.status, 401)

        let instance = try await client.get(info.clerk_api_url + "/instance", headers: bearer(info.clerk_secret_key))
        XCTAssertEqual(instance.status, 200)
        XCTAssertEqual(instance.json?["object"] as? String, "instance")
        XCTAssertEqual(instance.json?["environment_type"] as? String, "production")
        XCTAssertEqual(instance.json?["id"] as? String, acmeProduction.instance_id)
        let domains = try await client.get(info.clerk_api_url + "/domains", headers: bearer(info.clerk_secret_key))
        XCTAssertEqual(((domains.json?["data"] as? [[String: Any]])?.first)?["frontend_api_url"] as? String, "https://clerk.acme-store.com")

        let readOnly = try await client.get(acmeConfigURL, headers: bearer(info.clerk_platform_readonly_api_key))
        XCTAssertEqual(readOnly.status, 403)
        XCTAssertEqual(clerkErrorCode(readOnly), "authorization_invalid")
    }

    func testConfigNeverReturnsTheSecretAndSchemaMarksIt() async throws {
        let nimbus = info.clerk_instances.first { $0.application_name == "Nimbus Notes" && $0.environment_type == "production" }!
        let url = "\(info.clerk_api_url)/platform/applications/\(nimbus.application_id)/instances/\(nimbus.instance_id)/config"
        let config = try await client.get(url + "?keys=connection_oauth_bitbucket", headers: platform)
        XCTAssertEqual(config.status, 200)
        XCTAssertNotNil(config.json?["config_version"] as? String)
        let bitbucket = try XCTUnwrap(config.json?["connection_oauth_bitbucket"] as? [String: Any])
        XCTAssertEqual(bitbucket["enabled"] as? Bool, true)
        XCTAssertEqual(bitbucket["client_id"] as? String, info.consumers.first { $0.workspace == "nimbus-notes" }?.key)
        // A set secret reads back redacted, never as itself (clerk/cli deploy/index.test.ts).
        XCTAssertEqual(bitbucket["client_secret"] as? String, "••••••••")
        let secret = try XCTUnwrap(info.consumers.first { $0.workspace == "nimbus-notes" }?.secret)
        XCTAssertFalse(config.text.contains(secret))
        XCTAssertNil(config.json?["connection_oauth_google"], "keys= filters")

        let everything = try await client.get(url, headers: platform)
        XCTAssertFalse(everything.text.contains(secret))
        XCTAssertFalse(everything.text.contains("GOCSPX-"))

        let schema = try await client.get(url + "/schema?keys=connection_oauth_bitbucket", headers: platform)
        let properties = try XCTUnwrap(((schema.json?["properties"] as? [String: Any])?["connection_oauth_bitbucket"] as? [String: Any])?["properties"] as? [String: Any])
        XCTAssertEqual(Set(properties.keys), ["enabled", "authenticatable", "block_email_subaddresses", "client_id", "client_secret"])
        XCTAssertEqual((properties["client_secret"] as? [String: Any])?["x-clerk-sensitive"] as? Bool, true)

        let unknown = try await client.get(url + "?keys=connection_oauth_myspace", headers: platform)
        XCTAssertEqual(unknown.status, 400)
        XCTAssertEqual(clerkErrorCode(unknown), "unknown_config_key")
    }

    func testDryRunChangesNothing() async throws {
        let before = try await client.get(acmeConfigURL, headers: platform)
        let version = try XCTUnwrap(before.json?["config_version"] as? String)
        let change: [String: Any] = ["connection_oauth_bitbucket": ["enabled": true, "client_id": "k", "client_secret": "s3cret-value"]]
        let dry = try await patch(acmeConfigURL + "?dry_run=true", change, ifMatch: version)
        XCTAssertEqual(dry.status, 200)
        XCTAssertEqual(dry.json?["dry_run"] as? Bool, true)
        XCTAssertEqual(dry.json?["config_version"] as? String, version)
        XCTAssertEqual(((dry.json?["before"] as? [String: Any])?["connection_oauth_bitbucket"] as? [String: Any])?["enabled"] as? Bool, false)
        XCTAssertEqual(((dry.json?["after"] as? [String: Any])?["connection_oauth_bitbucket"] as? [String: Any])?["enabled"] as? Bool, true)
        XCTAssertFalse(dry.text.contains("s3cret-value"))

        let after = try await client.get(acmeConfigURL, headers: platform)
        XCTAssertEqual(after.text, before.text)

        let applied = try await patch(acmeConfigURL, change, ifMatch: version)
        XCTAssertEqual(applied.status, 200)
        XCTAssertEqual(applied.json?["dry_run"] as? Bool, false)
        XCTAssertNotEqual(applied.json?["config_version"] as? String, version)
        XCTAssertFalse(applied.text.contains("s3cret-value"))
    }

    func testStaleIfMatchIsAConflict() async throws {
        let first = try await client.get(acmeConfigURL, headers: platform)
        let stale = try XCTUnwrap(first.json?["config_version"] as? String)
        let applied = try await patch(acmeConfigURL, ["connection_oauth_bitbucket": ["block_email_subaddresses": true]], ifMatch: stale)
        XCTAssertEqual(applied.status, 200)
        let conflict = try await patch(acmeConfigURL, ["connection_oauth_bitbucket": ["authenticatable": false]], ifMatch: stale)
        XCTAssertEqual(conflict.status, 409)
        XCTAssertEqual(clerkErrorCode(conflict), "config_version_conflict")
        let error = try XCTUnwrap((conflict.json?["errors"] as? [[String: Any]])?.first)
        XCTAssertEqual(error["long_message"] as? String, "Config was modified since last read. Re-fetch and retry.")
    }

    func testEnablingProductionWithoutCredentialsIs422() async throws {
        let reply = try await patch(acmeConfigURL, ["connection_oauth_bitbucket": ["enabled": true]])
        XCTAssertEqual(reply.status, 422)
        XCTAssertEqual(clerkErrorCode(reply), "config_validation_error")
        let message = ((reply.json?["errors"] as? [[String: Any]])?.first)?["long_message"] as? String ?? ""
        XCTAssertTrue(message.contains("Custom credentials are required"), message)
        let onlyID = try await patch(acmeConfigURL, ["connection_oauth_bitbucket": ["enabled": true, "client_id": "key"]])
        XCTAssertEqual(onlyID.status, 422)

        // Development instances use Clerk's shared credentials: no custom ones needed.
        let dev = acmeConfigURL.replacingOccurrences(of: "/production/", with: "/development/")
        let devReply = try await patch(dev, ["connection_oauth_bitbucket": ["enabled": true]])
        XCTAssertEqual(devReply.status, 200)
    }

    func testBadBodiesAndUnknownKeysAre400() async throws {
        let unknown = try await patch(acmeConfigURL, ["connection_oauth_myspace": ["enabled": true]])
        XCTAssertEqual(unknown.status, 400)
        XCTAssertEqual(clerkErrorCode(unknown), "unknown_config_key")
        // A field the schema refuses is a 422 naming it (api_errors.json ConfigValidationError);
        // a key whose value is not an object is config_key_body_invalid; a body that is not a
        // JSON object is request_body_invalid.
        let wrongType = try await patch(acmeConfigURL, ["connection_oauth_bitbucket": ["enabled": 1]])
        XCTAssertEqual(clerkErrorCode(wrongType), "config_validation_error")
        let wrongField = try await patch(acmeConfigURL, ["connection_oauth_bitbucket": ["colour": "blue"]])
        XCTAssertEqual(clerkErrorCode(wrongField), "config_validation_error")
        let notObject = try await patch(acmeConfigURL, ["connection_oauth_bitbucket": "on"])
        XCTAssertEqual(clerkErrorCode(notObject), "config_key_body_invalid")
        let notAnObjectBody = try await patch(acmeConfigURL, ["connection_oauth_bitbucket"])
        XCTAssertEqual(clerkErrorCode(notAnObjectBody), "request_body_invalid")
    }

    func testEnvironmentReflectsAnAppliedPatch() async throws {
        let environmentURL = info.clerk_frontend_url + "/v1/environment"
        func bitbucketSetting(_ host: String) async throws -> [String: Any]? {
            let reply = try await client.get(environmentURL, headers: ["X-Forwarded-Host": host])
            XCTAssertEqual(reply.status, 200)
            XCTAssertNotNil(reply.json?["auth_config"])
            XCTAssertNotNil(reply.json?["display_config"])
            return ((reply.json?["user_settings"] as? [String: Any])?["social"] as? [String: Any])?["oauth_bitbucket"] as? [String: Any]
        }
        let before = try await bitbucketSetting("clerk.acme-store.com")
        XCTAssertEqual(before?["enabled"] as? Bool, false)
        XCTAssertEqual(before?["strategy"] as? String, "oauth_bitbucket")
        // A development instance answers only with a dev-browser token (see ClerkFidelityTests).
        let devHost = "glowing-bat-98.clerk.accounts.dev"
        let token = try await client.send("POST", info.clerk_frontend_url + "/v1/dev_browser", headers: ["X-Forwarded-Host": devHost]).json?["token"] as? String
        let devReply = try await client.get(environmentURL + "?__clerk_db_jwt=\(token ?? "")", headers: ["X-Forwarded-Host": devHost])
        let development = ((devReply.json?["user_settings"] as? [String: Any])?["social"] as? [String: Any])?["oauth_bitbucket"] as? [String: Any]
        XCTAssertEqual(development?["enabled"] as? Bool, true, "development uses Clerk's shared credentials")

        let applied = try await patch(acmeConfigURL, ["connection_oauth_bitbucket": ["enabled": true, "client_id": "key", "client_secret": "secret"]])
        XCTAssertEqual(applied.status, 200)
        let after = try await bitbucketSetting("clerk.acme-store.com")
        XCTAssertEqual(after?["enabled"] as? Bool, true)

        let unknown = try await client.get(environmentURL, headers: ["X-Forwarded-Host": "clerk.example.org"])
        XCTAssertEqual(unknown.status, 404)
        XCTAssertNotNil(clerkErrorCode(unknown))
        let missing = try await client.get(environmentURL)
        XCTAssertEqual(missing.status, 404)
    }
}
