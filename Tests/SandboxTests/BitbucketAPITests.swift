import Foundation
import Sandbox
import XCTest

final class BitbucketAPITests: SandboxTestCase {
    var auth: [String: String] { basic(info.bitbucket_email, info.bitbucket_api_token) }

    func testUserWithGoodAndBadCredentials() async throws {
        let good = try await client.get(info.bitbucket_api_url + "/user", headers: auth)
        XCTAssertEqual(good.status, 200)
        XCTAssertEqual(good.json?["display_name"] as? String, "Ada Lovelace")
        XCTAssertEqual(good.json?["type"] as? String, "user")

        let wrongToken = try await client.get(info.bitbucket_api_url + "/user", headers: basic(info.bitbucket_email, "ATATT3xnope"))
        XCTAssertEqual(wrongToken.status, 401)
        let noAuth = try await client.get(info.bitbucket_api_url + "/user")
        XCTAssertEqual(noAuth.status, 401)
        // The token belongs to the email, not to the username.
        let username = try await client.get(info.bitbucket_api_url + "/user", headers: basic(info.bitbucket_username, info.bitbucket_api_token))
        XCTAssertEqual(username.status, 401)
    }

    func testPaginationFollowingNextYieldsEveryAdministeredWorkspace() async throws {
        var url: String? = info.bitbucket_api_url + "/user/workspaces?administrator=true&pagelen=3"
        var slugs: [String] = []
        var pages = 0
        while let next = url {
            let reply = try await client.get(next, headers: auth)
            XCTAssertEqual(reply.status, 200)
            let values = try XCTUnwrap(reply.json?["values"] as? [[String: Any]])
            for access in values {
                XCTAssertEqual(access["type"] as? String, "workspace_access")
                XCTAssertEqual(access["administrator"] as? Bool, true)
                let workspace = try XCTUnwrap(access["workspace"] as? [String: Any])
                XCTAssertEqual(workspace["type"] as? String, "workspace_base")
                XCTAssertNil(workspace["name"], "workspace_access carries no name")
                XCTAssertNotNil((workspace["links"] as? [String: Any])?["avatar"])
                slugs.append(try XCTUnwrap(workspace["slug"] as? String))
            }
            url = reply.json?["next"] as? String
            if let url { XCTAssertTrue(url.hasPrefix("http://127.0.0.1:"), "next is absolute") }
            pages += 1
        }
        XCTAssertEqual(slugs.count, info.bitbucket_admin_workspace_count)
        XCTAssertEqual(Set(slugs).count, slugs.count)
        XCTAssertEqual(pages, (info.bitbucket_admin_workspace_count + 2) / 3)
        XCTAssertTrue(slugs.contains(info.bitbucket_username), "the personal workspace is administered by its owner")
        XCTAssertFalse(slugs.contains("babbage-labs"))

        let all = try await client.get(info.bitbucket_api_url + "/user/workspaces?pagelen=100", headers: auth)
        XCTAssertEqual((all.json?["values"] as? [Any])?.count, info.bitbucket_workspace_count)
        let defaultPage = try await client.get(info.bitbucket_api_url + "/user/workspaces", headers: auth)
        XCTAssertEqual(defaultPage.json?["pagelen"] as? Int, 10)
        let tooLong = try await client.get(info.bitbucket_api_url + "/user/workspaces?pagelen=101", headers: auth)
        XCTAssertEqual(tooLong.status, 400)
    }

    func testWorkspaceDetailsAndPermission() async throws {
        let zurich = try await client.get(info.bitbucket_api_url + "/workspaces/zurich-unicode", headers: auth)
        XCTAssertEqual(zurich.status, 200)
        XCTAssertEqual(zurich.json?["name"] as? String, "Zürich Ünïcode 日本 Team")
        XCTAssertNotNil(zurich.json?["is_private"] as? Bool)
        let html = (zurich.json?["links"] as? [String: Any])?["html"] as? [String: Any]
        XCTAssertEqual(html?["href"] as? String, info.bitbucket_web_url + "/zurich-unicode/")

        // By UUID, braces percent-encoded.
        let uuid = try XCTUnwrap(zurich.json?["uuid"] as? String)
        let encoded = uuid.replacingOccurrences(of: "{", with: "%7B").replacingOccurrences(of: "}", with: "%7D")
        let byUUID = try await client.get(info.bitbucket_api_url + "/workspaces/" + encoded, headers: auth)
        XCTAssertEqual(byUUID.json?["slug"] as? String, "zurich-unicode")

        for slug in ["no-such-team", "initech"] {
            let missing = try await client.get(info.bitbucket_api_url + "/workspaces/\(slug)", headers: auth)
            XCTAssertEqual(missing.status, 404)
            XCTAssertEqual((missing.json?["error"] as? [String: Any])?["message"] as? String, "No workspace with identifier '\(slug)'.")
        }

        let owner = try await client.get(info.bitbucket_api_url + "/user/workspaces/acme-store/permission", headers: auth)
        XCTAssertEqual(owner.json?["permission"] as? String, "owner")
        XCTAssertEqual(owner.json?["type"] as? String, "workspace_membership")
        let member = try await client.get(info.bitbucket_api_url + "/user/workspaces/babbage-labs/permission", headers: auth)
        XCTAssertEqual(member.json?["permission"] as? String, "member")
        let outsider = try await client.get(info.bitbucket_api_url + "/user/workspaces/initech/permission", headers: auth)
        XCTAssertEqual(outsider.status, 403)
    }

    func testRemovedEndpointsAnswer410WithTheChangelogBody() async throws {
        for path in ["/workspaces", "/user/permissions/workspaces", "/repositories"] {
            let reply = try await client.get(info.bitbucket_api_url + path, headers: auth)
            XCTAssertEqual(reply.status, 410, path)
            let error = try XCTUnwrap(reply.json?["error"] as? [String: Any])
            XCTAssertEqual(reply.json?["type"] as? String, "error")
            XCTAssertEqual(error["message"] as? String, "CHANGE-2770 - Functionality has been deprecated")
            XCTAssertEqual(error["detail"] as? String, "Please read the changelog entry for more details.")
            XCTAssertEqual((error["data"] as? [String: Any])?["announcement_url"] as? String,
                           "https://developer.atlassian.com/cloud/bitbucket/changelog#CHANGE-2770")
        }
    }

    func testLimitedTokenAndBearerTokensAreRefused() async throws {
        let limited = basic(info.bitbucket_email, info.bitbucket_limited_token)
        let user = try await client.get(info.bitbucket_api_url + "/user", headers: limited)
        XCTAssertEqual(user.status, 200, "read:user:bitbucket is enough for /user")

        let list = try await client.get(info.bitbucket_api_url + "/user/workspaces?administrator=true", headers: limited)
        XCTAssertEqual(list.status, 403)
        let error = try XCTUnwrap(list.json?["error"] as? [String: Any])
        XCTAssertEqual(error["message"] as? String, "Your credentials lack one or more required privilege scopes.")
        let detail = try XCTUnwrap(error["detail"] as? [String: Any], "detail is an object here")
        XCTAssertEqual(detail["required"] as? [String], ["read:workspace:bitbucket"])
        XCTAssertEqual(detail["granted"] as? [String], ["read:user:bitbucket"])

        let bearerReply = try await client.get(info.bitbucket_api_url + "/user/workspaces", headers: bearer("workspace-access-token"))
        XCTAssertEqual(bearerReply.status, 403)
        XCTAssertEqual((bearerReply.json?["error"] as? [String: Any])?["message"] as? String,
                       "This API is not accessible by this authentication mechanism")
    }
}
