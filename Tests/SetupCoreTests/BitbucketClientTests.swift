import Foundation
import Sandbox
import Testing
@testable import SetupCore

/// BitbucketClient's REST calls against the sandbox over loopback.
@Suite struct BitbucketClientTests {
    @Test func currentUserWithTheAPIToken() async throws {
        try await SandboxFixture.with { fixture in
            let user = try await fixture.bitbucket().currentUser()
            #expect(user.displayName == "Ada Lovelace")
            #expect(user.username == fixture.info.bitbucket_username)
            #expect(user.uuid.hasPrefix("{"))
            #expect(user.accountID != nil)
        }
    }

    @Test func wrongTokenIsUnauthorizedWithTheTokenAdvice() async throws {
        try await SandboxFixture.with { fixture in
            let client = fixture.bitbucket(token: "ATATT-not-a-real-token")
            let error = try #require(await remoteError { () async throws(RemoteError) in try await client.currentUser() })
            #expect(error.kind == .unauthorized)
            #expect(error.status == 401)
            #expect(error.service == .bitbucket)
            // The 401's JSON body now arrives whole (FoundationNetworking dropped it); its
            // message reaches the log, never the user's sentence.
            #expect(error.logDetail.contains("message=Token is invalid"))
            #expect(error.userMessage == BitbucketMessages.badAPIToken)
            #expect(!error.logDetail.contains("ATATT-not-a-real-token"))
            #expect(!error.userMessage.contains("ATATT-not-a-real-token"))
        }
    }

    @Test func tokenWithoutWorkspaceScopeGivesMissingScopes() async throws {
        try await SandboxFixture.with { fixture in
            // The spec types error.detail as a string; API-NOTES (followed here) say it is an
            // object {granted, required} for missing scopes.
            let client = fixture.bitbucket(token: fixture.info.bitbucket_limited_token)
            #expect(try await client.currentUser().displayName == "Ada Lovelace")
            let error = try #require(await remoteError { () async throws(RemoteError) in try await client.allAdministeredWorkspaces() })
            #expect(error.status == 403)
            guard case .forbidden(let scopes?) = error.kind else {
                Issue.record("expected forbidden with scopes, got \(error.kind)")
                return
            }
            #expect(scopes.granted == ["read:user:bitbucket"])
            #expect(scopes.required == ["read:workspace:bitbucket"])
            #expect(scopes.missing == ["read:workspace:bitbucket"])
            #expect(error.userMessage.contains("read:workspace:bitbucket"))
            #expect(error.userMessage.contains("https://id.atlassian.com/manage-profile/security/api-tokens"))
        }
    }

    /// One request of one item counts the workspaces left out because the user is not an
    /// admin there (`size`); the wizard says how many are hidden.
    @Test func memberOnlyWorkspacesAreCountedInOneRequest() async throws {
        try await SandboxFixture.with(SandboxOptions(port: 0, workspaceCount: 260)) { fixture in
            let expected = fixture.info.bitbucket_workspace_count - fixture.info.bitbucket_admin_workspace_count
            #expect(expected > 0)
            let counted = try await fixture.bitbucket().memberOnlyWorkspaceCount()
            #expect(counted == expected)
            #expect(await fixture.sandbox.requestCount(pathPrefix: "/user/workspaces") == 1)
        }
    }

    @Test func administeredWorkspacesFollowsNextToTheEnd() async throws {
        try await SandboxFixture.with(SandboxOptions(port: 0, workspaceCount: 260)) { fixture in
            let expected = fixture.info.bitbucket_admin_workspace_count
            #expect(expected > 100)
            var pages: [[WorkspaceSummary]] = []
            for try await page in fixture.bitbucket().administeredWorkspaces() { pages.append(page) }
            let all = pages.flatMap { $0 }
            #expect(pages.count == (expected + 99) / 100)
            #expect(pages.first?.count == 100)
            #expect(all.count == expected)
            #expect(Set(all.map(\.slug)).count == expected)
            #expect(all.allSatisfy { $0.isAdministrator })
            #expect(all.contains { $0.slug == "acme-store" })
            #expect(!all.contains { $0.slug == "babbage-labs" }) // member only
            #expect(await fixture.sandbox.requestCount(pathPrefix: "/user/workspaces") == pages.count)
            #expect(try await fixture.bitbucket().allAdministeredWorkspaces() == all)
        }
    }

    @Test func firstPageArrivesBeforeTheRestIsReadAndStoppingCancels() async throws {
        try await SandboxFixture.with(SandboxOptions(port: 0, latencyMs: 300, workspaceCount: 500)) { fixture in
            let pages = (fixture.info.bitbucket_admin_workspace_count + 99) / 100
            #expect(pages >= 4)
            // Take the first page and stop: it must come before the list is read to the end,
            // and stopping must cancel what is left (at most the page in flight was asked for).
            for try await page in fixture.bitbucket().administeredWorkspaces() {
                #expect(page.count == 100)
                break
            }
            try await Task.sleep(nanoseconds: 700_000_000)
            #expect(await fixture.sandbox.requestCount(pathPrefix: "/user/workspaces") <= 2)
        }
    }

    @Test func workspaceDetailsAndPermission() async throws {
        try await SandboxFixture.with { fixture in
            let client = fixture.bitbucket()
            let details = try await client.workspace("zurich-unicode")
            #expect(details.name == "Zürich Ünïcode 日本 Team")
            #expect(details.isPrivate == false)
            #expect(details.htmlURL?.absoluteString.hasSuffix("/zurich-unicode/") == true)
            // The spec's workspace_membership schema has no `permission` field; API-NOTES
            // (followed here) and the live service carry the role in it.
            #expect(try await client.permission(in: "acme-store") == .owner)
            #expect(try await client.permission(in: "babbage-labs") == .member)
            #expect(try await client.permission(in: "difference-engine") == .createProject)
            #expect(try await client.permission(in: "open-source-guild") == .collaborator)
        }
    }

    @Test func unknownWorkspaceIsNotFoundAndForeignOneForbidden() async throws {
        try await SandboxFixture.with { fixture in
            let client = fixture.bitbucket()
            let missing = try #require(await remoteError { () async throws(RemoteError) in try await client.workspace("no-such-team") })
            #expect(missing.kind == .notFound)
            #expect(missing.userMessage.contains("No workspace with identifier 'no-such-team'"))
            let foreign = try #require(await remoteError { () async throws(RemoteError) in try await client.permission(in: "initech") })
            #expect(foreign.kind == .forbidden(missingScopes: nil))
        }
    }

    @Test func detailsWithBoundedConcurrencyOneRequestEach() async throws {
        try await SandboxFixture.with(SandboxOptions(port: 0, workspaceCount: 40)) { fixture in
            let client = fixture.bitbucket()
            let slugs = try await client.allAdministeredWorkspaces().map(\.slug)
            #expect(slugs.count > 8)
            var results: [String: Result<WorkspaceDetails, RemoteError>] = [:]
            // A duplicate and an unknown slug: the duplicate is fetched once, the unknown fails alone.
            for await item in client.workspaceDetails(slugs + [slugs[0], "no-such-team"], maxConcurrent: 3) {
                #expect(results[item.slug] == nil)
                results[item.slug] = item.result
            }
            #expect(results.count == slugs.count + 1)
            #expect(await fixture.sandbox.requestCount(pathPrefix: "/workspaces/") == slugs.count + 1)
            for slug in slugs { #expect((try? results[slug]?.get())?.slug == slug) }
            guard case .failure(let error)? = results["no-such-team"] else {
                Issue.record("unknown slug should fail")
                return
            }
            #expect(error.kind == .notFound)
        }
    }

    @Test func detailsNeverExceedTheConcurrencyBound() async throws {
        try await SandboxFixture.with(SandboxOptions(port: 0, latencyMs: 60, workspaceCount: 20)) { fixture in
            // With 60 ms per answer, 8 workspaces two at a time take four rounds (≥ 240 ms);
            // unbounded they would take one.
            let client = fixture.bitbucket()
            let slugs = Array(try await client.allAdministeredWorkspaces().map(\.slug).prefix(8))
            #expect(slugs.count == 8)
            let started = Date()
            var count = 0
            for await item in client.workspaceDetails(slugs, maxConcurrent: 2) {
                if case .success = item.result { count += 1 }
            }
            #expect(count == 8)
            #expect(Date().timeIntervalSince(started) >= 0.22)
        }
    }

    @Test func removedEndpointIsGone() async throws {
        try await SandboxFixture.with { fixture in
            let client = fixture.bitbucket()
            let error = try #require(await remoteError { () async throws(RemoteError) in
                try await client.http.data(for: client.apiRequest(["workspaces"]))
            })
            #expect(error.kind == .gone)
            #expect(error.status == 410)
            #expect(error.userMessage.contains("CHANGE-2770"))
            #expect(error.logDetail.contains("https://developer.atlassian.com/cloud/bitbucket/changelog#CHANGE-2770"))
            // 410 is final: not retried.
            #expect(await fixture.sandbox.requestCount(pathPrefix: "/workspaces") == 1)
        }
    }

    @Test func consumerPageURLIsTheAddConsumerDeepLink() {
        #expect(Endpoints.production.consumerPageURL(workspace: "acme-store").absoluteString
            == "https://bitbucket.org/acme-store/workspace/settings/oauth-consumers/new")
    }
}
