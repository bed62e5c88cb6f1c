import Foundation
import Sandbox
import XCTest

final class SandboxInfoTests: SandboxTestCase {
    func testJSONLineHasEveryKeyOnOneLine() throws {
        let line = info.jsonLine()
        XCTAssertFalse(line.contains("\n"))
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        for key in ["bitbucket_api_url", "bitbucket_web_url", "clerk_api_url", "clerk_frontend_url",
                    "bitbucket_email", "bitbucket_api_token", "clerk_platform_api_key", "clerk_secret_key", "consumers",
                    "bitbucket_limited_token", "clerk_instances", "clerk_publishable_key"] {
            XCTAssertNotNil(object[key], "missing \(key)")
        }
        // Sorted keys: the line is reproducible byte for byte.
        XCTAssertTrue(line.hasPrefix("{\"bitbucket_admin_workspace_count\":"))
        let consumers = try XCTUnwrap(object["consumers"] as? [[String: Any]])
        XCTAssertGreaterThanOrEqual(consumers.count, 4)
        for consumer in consumers {
            XCTAssertEqual(Set(consumer.keys), ["workspace", "name", "key", "secret", "private", "scopes", "callback_url"])
        }
        XCTAssertTrue(info.bitbucket_api_url.hasSuffix("/bitbucket-api/2.0"))
        XCTAssertTrue(info.bitbucket_api_url.hasPrefix("http://127.0.0.1:"))
        XCTAssertFalse(info.bitbucket_api_url.hasSuffix(":0/bitbucket-api/2.0"), "port 0 must be replaced by the bound port")
    }

    func testSeedShapes() {
        XCTAssertEqual(info.bitbucket_email, "ada@example.com")
        XCTAssertTrue(info.bitbucket_api_token.hasPrefix("ATATT3x"))
        XCTAssertTrue(info.clerk_platform_api_key.hasPrefix("ak_"))
        XCTAssertTrue(info.clerk_secret_key.hasPrefix("sk_live_"))
        XCTAssertEqual(info.bitbucket_workspace_count, 14)
        // Old (18/32) and new (32/76) credential formats both appear.
        let lengths = Set(info.consumers.map { [$0.key.count, $0.secret.count] })
        XCTAssertTrue(lengths.contains([18, 32]))
        XCTAssertTrue(lengths.contains([32, 76]))
        XCTAssertTrue(info.consumers.contains { $0.private && $0.callback_url == nil })
        XCTAssertTrue(info.consumers.contains { !$0.private })
        XCTAssertTrue(info.consumers.contains { $0.private && !$0.scopes.contains("email") })
        XCTAssertTrue(info.consumers.contains {
            $0.private && Set($0.scopes) == ["account", "email"] && $0.callback_url == "https://clerk.acme-store.com/v1/oauth_callback"
        })
    }

    func testPublishableKeysEncodeTheFrontendHost() throws {
        XCTAssertEqual(info.clerk_instances.count, 4)
        for instance in info.clerk_instances {
            let parts = instance.publishable_key.split(separator: "_")
            XCTAssertEqual(parts.count, 3)
            XCTAssertEqual(String(parts[1]), instance.environment_type == "production" ? "live" : "test")
            var encoded = String(parts[2])
            XCTAssertFalse(encoded.contains("="))
            while encoded.count % 4 != 0 { encoded += "=" }
            let decoded = String(decoding: try XCTUnwrap(Data(base64Encoded: encoded)), as: UTF8.self)
            XCTAssertEqual(decoded, URL(string: instance.frontend_api_url)!.host! + "$")
            XCTAssertEqual(instance.callback_url, instance.frontend_api_url + "/v1/oauth_callback")
        }
        XCTAssertTrue(info.clerk_instances.contains { $0.publishable_key == "pk_test_Z2xvd2luZy1iYXQtOTguY2xlcmsuYWNjb3VudHMuZGV2JA" })
    }

    func testSeedIsDeterministicAndWorkspaceCountIsAnOption() async throws {
        let other = try await SandboxServer.start(SandboxOptions(workspaceCount: 150))
        let small = try await SandboxServer.start(SandboxOptions(workspaceCount: 1))
        XCTAssertEqual(other.info.bitbucket_api_token, info.bitbucket_api_token)
        XCTAssertEqual(other.info.clerk_platform_api_key, info.clerk_platform_api_key)
        XCTAssertEqual(other.info.bitbucket_workspace_count, 150)
        // The special workspaces are always there.
        XCTAssertEqual(small.info.bitbucket_workspace_count, 4)
        let page = try await client.get(other.info.bitbucket_api_url + "/user/workspaces?pagelen=100&page=2",
                                        headers: basic(info.bitbucket_email, info.bitbucket_api_token))
        XCTAssertEqual((page.json?["values"] as? [Any])?.count, 50)
        XCTAssertNil(page.json?["next"])
        await other.stop()
        await small.stop()
    }
}
