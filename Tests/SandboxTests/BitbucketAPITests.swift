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

    func testUnauthorizedIsBitbucketsJSONEnvelopeWithAPlainTextVariant() async throws {
        let cases: [(String, [String: String])] = [
            ("wrong token", basic(info.bitbucket_email, "ATATT3xnope")),
            ("no credentials", [:]),
            ("bearer token", bearer("repository-access-token")),
        ]
        for (label, headers) in cases {
            let reply = try await client.get(info.bitbucket_api_url + "/user", headers: headers)
            XCTAssertEqual(reply.status, 401, label)
            XCTAssertTrue(reply.headers["content-type"]?.hasPrefix("application/json") ?? false, label)
            XCTAssertEqual(reply.headers["www-authenticate"], "Basic realm=\"Bitbucket.org HTTP\"", label)
            XCTAssertEqual(reply.json?["type"] as? String, "error", label)
            XCTAssertEqual((reply.json?["error"] as? [String: Any])?["message"] as? String,
                           "Token is invalid, expired, or not supported for this endpoint.", label)
        }

        // The documented trigger for the plain-text 401 seen in the wild: the Basic username
        // plaintext-401@example.com (BitbucketUnauthorized.plainTextUsername), any password.
        // (HTTPTestClient reads challenged 401s over a plain socket, so bodies arrive whole.)
        for password in ["anything", info.bitbucket_api_token] {
            let plain = try await client.get(info.bitbucket_api_url + "/user/workspaces",
                                             headers: basic("plaintext-401@example.com", password))
            XCTAssertEqual(plain.status, 401)
            XCTAssertTrue(plain.headers["content-type"]?.hasPrefix("text/plain") ?? false)
            XCTAssertTrue(plain.text.hasPrefix("Login failed due to incorrect login credentials or method.\n"))
            XCTAssertNil(plain.json)
            XCTAssertEqual(plain.headers["www-authenticate"], "Basic realm=\"Bitbucket.org HTTP\"")
        }
    }

    func slugs(_ query: String) async throws -> (status: Int, slugs: [String], reply: Reply) {
        let reply = try await client.get(info.bitbucket_api_url + "/user/workspaces?" + query, headers: auth)
        let values = reply.json?["values"] as? [[String: Any]] ?? []
        return (reply.status, values.compactMap { ($0["workspace"] as? [String: Any])?["slug"] as? String }, reply)
    }

    /// Percent-encodes a BBQL expression for the query string (`=` and `"` included).
    func encoded(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text
    }

    func testUserWorkspacesSortAndFilterBySlug() async throws {
        let ascending = try await slugs("pagelen=100")
        XCTAssertEqual(ascending.slugs, ascending.slugs.sorted(), "the default order is by slug")
        for sort in ["workspace.slug", "slug"] {
            let sorted = try await slugs("pagelen=100&sort=\(sort)")
            XCTAssertEqual(sorted.slugs, ascending.slugs, sort)
            let reversed = try await slugs("pagelen=100&sort=-\(sort)")
            XCTAssertEqual(reversed.slugs, ascending.slugs.reversed(), "-" + sort)
        }
        let badSort = try await slugs("sort=name")
        XCTAssertEqual(badSort.status, 400)
        XCTAssertEqual(badSort.reply.json?["type"] as? String, "error")

        // `workspace.slug` is the documented path; the spec's "filtering by slug" also reads as `slug`.
        for field in ["workspace.slug", "slug"] {
            let one = try await slugs("q=" + encoded("\(field)=\"acme-store\""))
            XCTAssertEqual(one.status, 200, field)
            XCTAssertEqual(one.slugs, ["acme-store"], field)
            XCTAssertEqual(one.reply.json?["size"] as? Int, 1)
        }
        let either = try await slugs("q=" + encoded("slug = \"acme-store\" OR (workspace.slug ~ \"ENGINE\" AND slug != \"difference-engine\")"))
        XCTAssertEqual(either.slugs, ["acme-store", "analytical-engines"])
        let none = try await slugs("q=" + encoded("workspace.slug=\"initech\""))
        XCTAssertEqual(none.status, 200)
        XCTAssertEqual(none.slugs, [], "a workspace the user is not in never shows")

        // Filter, administrator and sort together; `next` keeps all three and pagelen.
        var url: String? = info.bitbucket_api_url + "/user/workspaces?administrator=true&sort=-workspace.slug&pagelen=1&q=" + encoded("slug !~ \"a\"")
        var walked: [String] = []
        while let next = url {
            let reply = try await client.get(next, headers: auth)
            XCTAssertEqual(reply.status, 200)
            let values = try XCTUnwrap(reply.json?["values"] as? [[String: Any]])
            XCTAssertTrue(values.allSatisfy { $0["administrator"] as? Bool == true })
            walked += values.compactMap { ($0["workspace"] as? [String: Any])?["slug"] as? String }
            url = reply.json?["next"] as? String
        }
        let all = try await client.get(info.bitbucket_api_url + "/user/workspaces?administrator=true&pagelen=100", headers: auth)
        let expected = (all.json?["values"] as? [[String: Any]] ?? [])
            .compactMap { ($0["workspace"] as? [String: Any])?["slug"] as? String }
            .filter { !$0.lowercased().contains("a") }
        XCTAssertFalse(expected.isEmpty)
        XCTAssertEqual(walked, expected.sorted().reversed())

        for bad in ["slug=acme-store", "name=\"Acme Store\"", "slug=\"acme", "slug \"acme\"", "slug=\"a\" AND", "(slug=\"a\""] {
            let reply = try await slugs("q=" + encoded(bad))
            XCTAssertEqual(reply.status, 400, bad)
            XCTAssertEqual(reply.reply.json?["type"] as? String, "error", bad)
            XCTAssertNotNil((reply.reply.json?["error"] as? [String: Any])?["message"] as? String, bad)
        }
    }
}
