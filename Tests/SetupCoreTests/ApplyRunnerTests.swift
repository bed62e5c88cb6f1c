import Foundation
import Sandbox
import XCTest
@testable import SetupCore

/// `bbclerk apply`'s core against the sandbox over loopback HTTP.
final class ApplyRunnerTests: XCTestCase {
    func temporaryAuditLog() throws -> AuditLog {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bbclerk-apply-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
        return AuditLog(file: folder.appendingPathComponent("audit.log"))
    }

    func auditLines(_ log: AuditLog) throws -> [AuditEntry] {
        guard FileManager.default.fileExists(atPath: log.file.path) else { return [] }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try String(contentsOf: log.file, encoding: .utf8).split(separator: "\n")
            .map { try decoder.decode(AuditEntry.self, from: Data($0.utf8)) }
    }

    static func plan(_ fixture: SandboxFixture, consumer name: String = "Acme Store sign-in", secret: String? = nil,
                     application: String = "Acme Store", instance: InstanceChoice = .production, workspace: String = "acme-store",
                     callbackURL: String? = nil, dryRun: Bool = false) -> ApplyPlan {
        var consumer = fixture.consumer(name)
        if let secret { consumer.secret = Secret(secret) }
        return ApplyPlan(
            application: application, instance: instance, workspace: workspace, consumer: consumer, callbackURL: callbackURL,
            bitbucket: BitbucketCredentials(email: fixture.info.bitbucket_email, token: Secret(fixture.info.bitbucket_api_token)),
            platformKey: Secret(fixture.info.clerk_platform_api_key), dryRun: dryRun)
    }

    func runner(_ fixture: SandboxFixture, audit: AuditLog? = nil, beforeApply: (@Sendable (Int) async -> Void)? = nil) -> ApplyRunner {
        ApplyRunner(endpoints: fixture.endpoints, retry: .fast, timeout: 5, audit: audit, beforeApply: beforeApply)
    }

    func connection(_ fixture: SandboxFixture, application: String = "Acme Store") async throws -> BitbucketConnectionConfig {
        let instance = fixture.productionInstance(of: application)
        return try await fixture.clerk().bitbucketConnection(application: instance.application_id, instance: instance.instance_id).connection
    }

    func testAppliesTheSeededConsumerToAcmeProduction() async throws {
        let audit = try temporaryAuditLog()
        try await SandboxFixture.with { fixture in
            let plan = Self.plan(fixture, callbackURL: "https://clerk.acme-store.com/v1/oauth_callback")
            let result = await runner(fixture, audit: audit).run(plan)
            XCTAssertEqual(result.exit, .success, result.text())
            XCTAssertEqual(result.steps.map(\.name), ["bitbucket_credentials", "workspace", "clerk_credentials", "clerk_application",
                                                      "consumer", "callback", "dry_run", "apply", "read_back", "frontend_api"])
            XCTAssertTrue(result.steps.allSatisfy { $0.status == .ok })
            XCTAssertTrue(result.applied)
            XCTAssertEqual(result.verdict, .valid(grantedScopes: ["account", "email"]))
            XCTAssertEqual(result.diff?.before["enabled"], .bool(false))
            XCTAssertEqual(result.diff?.after["enabled"], .bool(true))
            XCTAssertEqual(result.diff?.after["client_secret"], .string("set"), "the secret shows as its state, never its value")
            XCTAssertEqual(result.diff?.shownBefore["client_secret"], .string("not set"))
            let config = try await connection(fixture)
            XCTAssertEqual(config.enabled, true)
            XCTAssertEqual(config.clientID, plan.consumer.key)
            let text = result.text() + result.json.prettyText
            XCTAssertFalse(text.contains(plan.consumer.secret.exposed), "the secret never reaches the output")
            XCTAssertFalse(text.contains("\u{1B}"), "no colour when asked for none")
            // The attempt is written before the PATCH leaves, the outcome after.
            XCTAssertEqual(try auditLines(audit).map(\.action), [.dryRun, .apply, .apply])
            XCTAssertEqual(try auditLines(audit).map(\.outcome), ["ok", AuditEntry.attempt, "ok"])
            XCTAssertEqual(try auditLines(audit).last?.configVersion, result.configVersion)
        }
    }

    func testDryRunChangesNothing() async throws {
        let audit = try temporaryAuditLog()
        try await SandboxFixture.with { fixture in
            let result = await runner(fixture, audit: audit).run(Self.plan(fixture, dryRun: true))
            XCTAssertEqual(result.exit, .success, result.text())
            XCTAssertFalse(result.applied)
            XCTAssertEqual(result.steps.last?.name, "apply")
            XCTAssertEqual(result.steps.last?.status, .skipped)
            XCTAssertEqual(result.diff?.changes, true)
            XCTAssertTrue(result.text().contains("+ enabled: true"))
            let config = try await connection(fixture)
            XCTAssertEqual(config.enabled, false, "a dry run applies nothing")
            XCTAssertNil(config.clientID)
            XCTAssertEqual(try auditLines(audit).map(\.action), [.dryRun])
        }
    }

    func testWrongSecretFailsTheConsumerCheckAndWritesNothing() async throws {
        let audit = try temporaryAuditLog()
        try await SandboxFixture.with { fixture in
            let result = await runner(fixture, audit: audit).run(Self.plan(fixture, secret: "not-the-secret-at-all"))
            XCTAssertEqual(result.exit, .checkFailed)
            XCTAssertEqual(result.verdict, .wrongCredentials)
            let consumer = try XCTUnwrap(result.steps.first { $0.name == "consumer" })
            XCTAssertEqual(consumer.status, .failed)
            XCTAssertNotNil(consumer.fix)
            XCTAssertEqual(result.steps.last?.name, "apply")
            XCTAssertEqual(result.steps.last?.status, .skipped)
            XCTAssertNil(result.diff)
            XCTAssertEqual(result.json["verdict"]?["result"], "wrong_credentials")
            XCTAssertTrue(result.text().contains("Nothing was written to Clerk: a check above failed."), result.text())
            let config = try await connection(fixture)
            XCTAssertEqual(config.enabled, false)
            XCTAssertEqual(try auditLines(audit), [], "nothing reached Clerk, so nothing is audited")
        }
    }

    func testConsumerWithoutTheEmailScopeFails() async throws {
        try await SandboxFixture.with { fixture in
            let result = await runner(fixture).run(Self.plan(fixture, consumer: "Acme legacy (no email)"))
            XCTAssertEqual(result.exit, .checkFailed)
            XCTAssertEqual(result.verdict?.missingRequiredScopes, ["email"])
            XCTAssertEqual(result.json["verdict"]?["result"], "missing_scopes")
            let step = try XCTUnwrap(result.steps.first { $0.name == "consumer" })
            XCTAssertTrue(step.message.contains("Account → Email"), step.message)
            XCTAssertEqual(step.fix, "In Bitbucket, edit the consumer and tick Account → Email and Account → Read, then run again.")
            let config = try await connection(fixture)
            XCTAssertEqual(config.enabled, false)
        }
    }

    func testConsumerWithoutCallbackAndAMismatchedCallbackFail() async throws {
        try await SandboxFixture.with { fixture in
            let noCallback = await runner(fixture).run(Self.plan(fixture, consumer: "Acme no callback"))
            XCTAssertEqual(noCallback.verdict, .noCallbackURL)
            XCTAssertEqual(noCallback.exit, .checkFailed)

            let mismatch = await runner(fixture).run(Self.plan(fixture, callbackURL: "https://accounts.acme-store.com/v1/oauth_callback"))
            XCTAssertEqual(mismatch.exit, .checkFailed)
            let step = try XCTUnwrap(mismatch.steps.first { $0.name == "callback" })
            XCTAssertTrue(step.message.contains("Account Portal host"), step.message)
            XCTAssertEqual(step.fix, "Edit the consumer in Bitbucket: set its Callback URL to https://clerk.acme-store.com/v1/oauth_callback exactly.")
        }
    }

    func testUnknownApplicationAndInstanceSayWhatToTypeInstead() async throws {
        try await SandboxFixture.with { fixture in
            let unknown = await runner(fixture).run(Self.plan(fixture, application: "Acme Shop"))
            XCTAssertEqual(unknown.exit, .checkFailed)
            let application = unknown.steps.first { $0.name == "clerk_application" }
            XCTAssertTrue(application?.fix?.hasPrefix("Use --application with one of: Acme Store (app_") == true)
            XCTAssertEqual(unknown.steps.first { $0.name == "callback" }?.status, .skipped, "no instance, no Callback URL to compare")

            let byID = await runner(fixture).run(Self.plan(fixture, application: fixture.productionInstance(of: "Acme Store").application_id,
                                                           instance: .id("ins_doesnotexist"), dryRun: true))
            let instance = byID.steps.first { $0.name == "clerk_application" }
            XCTAssertTrue(instance?.fix?.hasPrefix("Use --instance with one of: development (ins_") == true)
        }
    }

    /// The checks before the write are independent: a wrong secret does not hide a wrong
    /// Callback URL or an unknown application, and the write is refused once, at the end.
    func testEveryIndependentCheckRunsBeforeTheRefusal() async throws {
        try await SandboxFixture.with { fixture in
            let result = await runner(fixture).run(Self.plan(fixture, secret: "not-the-secret-at-all",
                                                             callbackURL: "https://accounts.acme-store.com/v1/oauth_callback"))
            XCTAssertEqual(result.exit, .checkFailed)
            let failed = result.steps.filter { $0.status == .failed }.map(\.name)
            XCTAssertEqual(failed, ["consumer", "callback"], result.text())
            XCTAssertEqual(result.steps.last?.message, "Nothing was written to Clerk: 2 checks above failed.")
            XCTAssertFalse(result.steps.contains { $0.name.hasPrefix("dry_run") }, "no preview once a check failed")
            let config = try await connection(fixture)
            XCTAssertEqual(config.enabled, false)
        }
    }

    func testConflictReReadsPreviewsAgainAndRetriesOnce() async throws {
        let audit = try temporaryAuditLog()
        try await SandboxFixture.with { fixture in
            let instance = fixture.productionInstance(of: "Acme Store")
            let clerk = fixture.clerk()
            // Someone else writes the config between our dry run and our PATCH.
            let result = await runner(fixture, audit: audit, beforeApply: { attempt in
                guard attempt == 1 else { return }
                _ = try? await clerk.patchBitbucketConnection(
                    ClerkConfigPatch(enabled: false, clientID: "someone-else", clientSecret: Secret("their-secret")),
                    application: instance.application_id, instance: instance.instance_id, ifMatch: nil, dryRun: false)
            }).run(Self.plan(fixture))
            XCTAssertEqual(result.exit, .success, result.text())
            XCTAssertEqual(result.steps.map(\.name), ["bitbucket_credentials", "workspace", "clerk_credentials", "clerk_application",
                                                      "consumer", "callback", "dry_run", "dry_run_retry", "apply", "read_back", "frontend_api"])
            XCTAssertTrue(result.steps.first { $0.name == "apply" }?.message.contains("retried once") == true)
            XCTAssertEqual(result.diff?.before["client_id"], "someone-else", "the diff is the new one")
            XCTAssertEqual(try auditLines(audit).map(\.action), [.dryRun, .apply, .apply, .dryRun, .apply, .apply])
            XCTAssertEqual(try auditLines(audit).map(\.outcome), ["ok", AuditEntry.attempt, "conflict", "ok", AuditEntry.attempt, "ok"])
            let config = try await connection(fixture)
            XCTAssertEqual(config.clientID, fixture.consumer("Acme Store sign-in").key)
        }
    }

    func testASecondConflictGivesUp() async throws {
        try await SandboxFixture.with { fixture in
            let instance = fixture.productionInstance(of: "Acme Store")
            let clerk = fixture.clerk()
            let result = await runner(fixture, beforeApply: { attempt in
                _ = try? await clerk.patchBitbucketConnection(
                    ClerkConfigPatch(enabled: false, clientID: "someone-else-\(attempt)", clientSecret: Secret("their-secret")),
                    application: instance.application_id, instance: instance.instance_id, ifMatch: nil, dryRun: false)
            }).run(Self.plan(fixture))
            XCTAssertEqual(result.exit, .checkFailed)
            let step = try XCTUnwrap(result.steps.last)
            XCTAssertEqual(step.name, "apply")
            XCTAssertEqual(step.status, .failed)
            XCTAssertTrue(step.fix?.contains("Someone else keeps changing") == true)
            XCTAssertFalse(result.applied)
        }
    }

    func testWithoutBitbucketCredentialsTheAccountChecksAreSkipped() async throws {
        try await SandboxFixture.with { fixture in
            var plan = Self.plan(fixture, dryRun: true)
            plan.bitbucket = nil
            let result = await runner(fixture).run(plan)
            XCTAssertEqual(result.exit, .success)
            XCTAssertEqual(result.steps.prefix(2).map(\.status), [.skipped, .skipped])
        }
    }

    func testTheTextIsPlain() {
        let step = CommandStep(name: "x", title: "X", status: .failed, message: "broken", fix: "mend it")
        XCTAssertEqual(step.text(), "✗ X: broken\n  fix: mend it")
        XCTAssertTrue(NoColor.isRequested(["NO_COLOR": "1"]))
        XCTAssertFalse(NoColor.isRequested(["NO_COLOR": ""]), "empty means unset (no-color.org)")
        XCTAssertFalse(NoColor.isRequested([:]))
    }
}
