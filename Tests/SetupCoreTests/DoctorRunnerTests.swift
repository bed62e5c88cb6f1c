import Foundation
import Sandbox
import XCTest
@testable import SetupCore

/// `bbclerk doctor`'s core against the sandbox: Nimbus Notes production is a finished setup,
/// Acme Store production has Bitbucket off.
final class DoctorRunnerTests: XCTestCase {
    static func plan(_ fixture: SandboxFixture, application: String, instance: InstanceChoice = .production, secret: String? = nil,
                     callbackURL: String? = nil, bitbucket: Bool = true) -> DoctorPlan {
        DoctorPlan(
            application: application, instance: instance, consumerSecret: secret.map(Secret.init), callbackURL: callbackURL,
            bitbucket: bitbucket ? BitbucketCredentials(email: fixture.info.bitbucket_email, token: Secret(fixture.info.bitbucket_api_token)) : nil,
            platformKey: Secret(fixture.info.clerk_platform_api_key))
    }

    func run(_ fixture: SandboxFixture, _ plan: DoctorPlan) async -> DoctorReport {
        await DoctorRunner(endpoints: fixture.endpoints, retry: .fast, timeout: 5).run(plan)
    }

    func check(_ report: DoctorReport, _ name: DoctorCheck) throws -> CommandStep {
        try XCTUnwrap(report.checks.first { $0.name == name.rawValue }, "no \(name.rawValue) check")
    }

    func testNimbusProductionPassesEveryCheckGivenItsSecret() async throws {
        try await SandboxFixture.with { fixture in
            let nimbus = fixture.consumer("Nimbus Notes")
            let report = await run(fixture, Self.plan(fixture, application: "Nimbus Notes", secret: nimbus.secret.exposed,
                                                      callbackURL: "https://clerk.nimbus-notes.io/v1/oauth_callback"))
            XCTAssertEqual(report.exit, .success, report.text())
            XCTAssertEqual(report.checks.map(\.name), DoctorCheck.allCases.map(\.rawValue))
            XCTAssertTrue(report.checks.allSatisfy { $0.status == .ok }, report.text())
            XCTAssertEqual(report.clientID, nimbus.key)
            XCTAssertEqual(report.verdict, .valid(grantedScopes: ["account", "email"]))
            XCTAssertTrue(report.text().hasSuffix("All checks passed."))
            XCTAssertFalse(report.json.prettyText.contains(nimbus.secret.exposed))
        }
    }

    func testWithoutTheSecretOnlyTheClientIDIsChecked() async throws {
        try await SandboxFixture.with { fixture in
            let report = await run(fixture, Self.plan(fixture, application: "Nimbus Notes"))
            XCTAssertEqual(report.exit, .success, report.text())
            let clientID = try check(report, .bitbucketClientID)
            XCTAssertEqual(clientID.status, .skipped, "not checked, so no ✓")
            let text = report.text()
            XCTAssertFalse(text.contains("All checks passed"), "some checks did not run: \(text)")
            XCTAssertTrue(text.contains("No check failed; ") && text.hasSuffix("not run (–)."), text)
            XCTAssertTrue(clientID.message.contains("not verified at Bitbucket"), clientID.message)
            XCTAssertEqual(try check(report, .consumerScopes).status, .skipped)
        }
    }

    func testAcmeProductionIsNotEnabledAndSaysHowToFixIt() async throws {
        try await SandboxFixture.with { fixture in
            let report = await run(fixture, Self.plan(fixture, application: "Acme Store"))
            XCTAssertEqual(report.exit, .checkFailed)
            let connection = try check(report, .clerkConnection)
            XCTAssertEqual(connection.status, .failed)
            XCTAssertEqual(connection.message, "connection_oauth_bitbucket is not enabled on this production instance.")
            XCTAssertTrue(connection.fix?.contains("bbclerk apply --application app_") == true, connection.fix ?? "")
            XCTAssertEqual(try check(report, .frontendAPI).status, .failed)
            XCTAssertNotNil(try check(report, .frontendAPI).fix)
            let text = report.text()
            XCTAssertTrue(text.contains("✗ Bitbucket connection in Clerk: connection_oauth_bitbucket is not enabled"), text)
            XCTAssertTrue(text.hasSuffix("2 checks failed, 3 not run (–)."), text)
        }
    }

    func testDevelopmentMayUseSharedCredentials() async throws {
        try await SandboxFixture.with { fixture in
            let report = await run(fixture, Self.plan(fixture, application: "Acme Store", instance: .development))
            XCTAssertEqual(report.exit, .success, report.text())
            let connection = try check(report, .clerkConnection)
            XCTAssertTrue(connection.message.contains("shared credentials"), connection.message)
            XCTAssertTrue(connection.message.contains("development"), connection.message)
            XCTAssertEqual(try check(report, .bitbucketClientID).status, .skipped)
        }
    }

    func testWrongSecretFailsTheClientIDCheck() async throws {
        try await SandboxFixture.with { fixture in
            let report = await run(fixture, Self.plan(fixture, application: "Nimbus Notes", secret: "definitely-not-it"))
            XCTAssertEqual(report.exit, .checkFailed)
            let clientID = try check(report, .bitbucketClientID)
            XCTAssertEqual(clientID.status, .failed)
            XCTAssertTrue(clientID.fix?.contains("Clerk holds the wrong key") == true)
            XCTAssertEqual(report.json["verdict"]?["result"], "wrong_credentials")
        }
    }

    func testMissingBitbucketCredentialsAndAWrongCallbackFail() async throws {
        try await SandboxFixture.with { fixture in
            let report = await run(fixture, Self.plan(fixture, application: "Nimbus Notes",
                                                      callbackURL: "https://clerk.nimbus-notes.io/v1/oauth_callback/", bitbucket: false))
            XCTAssertEqual(report.exit, .checkFailed)
            let bitbucket = try check(report, .bitbucketCredentials)
            XCTAssertEqual(bitbucket.status, .failed)
            XCTAssertTrue(bitbucket.fix?.contains("BITBUCKET_API_TOKEN") == true)
            let callback = try check(report, .callback)
            XCTAssertEqual(callback.status, .failed)
            XCTAssertTrue(callback.message.contains("a trailing slash differs"), callback.message)
        }
    }

    func testBadClerkKeySkipsWhatNeedsIt() async throws {
        try await SandboxFixture.with { fixture in
            var plan = Self.plan(fixture, application: "Nimbus Notes")
            plan.access = .platform(Secret("ak_thisisnotakeythesandboxknows"))
            let report = await run(fixture, plan)
            XCTAssertEqual(report.exit, .checkFailed)
            XCTAssertEqual(try check(report, .clerkCredentials).status, .failed)
            XCTAssertEqual(report.checks.map(\.name), DoctorCheck.allCases.map(\.rawValue))
            XCTAssertTrue(report.checks.dropFirst(2).allSatisfy { $0.status == .skipped })
        }
    }

    func testReadOnlyPlatformKeyCannotReadTheConfig() async throws {
        try await SandboxFixture.with { fixture in
            var plan = Self.plan(fixture, application: "Nimbus Notes")
            plan.access = .platform(Secret(fixture.info.clerk_platform_readonly_api_key))
            let report = await run(fixture, plan)
            XCTAssertEqual(report.exit, .checkFailed)
            let connection = try check(report, .clerkConnection)
            XCTAssertEqual(connection.status, .failed)
            XCTAssertEqual(connection.fix, "Use a Platform API key (or a Clerk CLI sign-in) that may read this instance's config.")
            XCTAssertEqual(try check(report, .frontendAPI).status, .ok, "the outside check still runs")
        }
    }
}

extension DoctorRunnerTests {
    func testASecretClerkDidNotShowIsAWarningNotATick() throws {
        let fixture = ReducerFixture()
        let target = try XCTUnwrap(ClerkTarget(application: fixture.application, instance: fixture.application.instances[1], domains: [fixture.domain]))
        let step = DoctorCheck.connection(BitbucketConnectionConfig(enabled: true, authenticatable: true, clientID: "key123", secretSet: nil), target: target)
        XCTAssertEqual(step.status, .warning)
        XCTAssertTrue(step.text().hasPrefix("! "), step.text())
        XCTAssertEqual(CommandText.summary([step]), "No check failed; 1 with a warning (!).")
    }

    // MARK: Every instance, and manual mode

    func audit(_ fixture: SandboxFixture, _ plan: DoctorPlan) async -> DoctorAudit {
        await DoctorRunner(endpoints: fixture.endpoints, retry: .fast, timeout: 5).audit(plan)
    }

    /// No --application: every instance the credential sees, one report each; Acme Store's
    /// production instance never had Bitbucket, so it is listed, not audited.
    func testWithoutAnApplicationEveryInstanceWithBitbucketIsAudited() async throws {
        try await SandboxFixture.with { fixture in
            var plan = Self.plan(fixture, application: "")
            plan.application = nil
            plan.instance = nil
            let audit = await audit(fixture, plan)
            let audited = Set(audit.reports.compactMap { $0.target.map { "\($0.applicationName) \($0.environment.rawValue)" } })
            XCTAssertEqual(audited, ["Acme Store development", "Nimbus Notes development", "Nimbus Notes production"], audit.text())
            XCTAssertEqual(audit.notSetUp.count, 1)
            XCTAssertTrue(audit.notSetUp[0].hasPrefix("Acme Store · production"), audit.notSetUp[0])
            XCTAssertEqual(audit.exit, .success, audit.text())
            let json = audit.json
            XCTAssertEqual(json["instances"]?.arrayValue?.count, 3)
            XCTAssertTrue(json["instances"]?.arrayValue?.allSatisfy { $0["next_action"] == .null && $0["checks"] != nil } == true)
            let text = audit.text()
            XCTAssertTrue(text.contains("Nimbus Notes · production ("), text)
            XCTAssertTrue(text.contains("Not set up for Bitbucket sign-in, so not audited: Acme Store · production"), text)
            XCTAssertTrue(text.hasSuffix("3 of 3 instances with no failed check (9 checks not run, marked –)."), text)
            XCTAssertEqual(text.components(separatedBy: "Bitbucket credentials:").count, 2, "the shared checks are said once")

            // A shared check that failed (no Bitbucket credentials) counts in every block.
            var unsigned = plan
            unsigned.bitbucket = nil
            let failedShared = await self.audit(fixture, unsigned)
            XCTAssertEqual(failedShared.exit, .checkFailed)
            XCTAssertFalse(failedShared.text().contains("All checks passed."), failedShared.text())
            XCTAssertNotNil(failedShared.json["next_action"]?.stringValue)

            // --instance production alone: Nimbus only; nothing audited at all is a failure.
            plan.instance = .production
            let production = await self.audit(fixture, plan)
            XCTAssertEqual(production.reports.count, 1)
            plan.instance = .id("ins_nosuchinstance")
            let nothing = await self.audit(fixture, plan)
            XCTAssertEqual(nothing.reports.count, 0)
            XCTAssertEqual(nothing.exit, .checkFailed)
            XCTAssertEqual(nothing.json["next_action"]?.stringValue, DoctorAudit.noneMatched)
        }
    }

    /// Manual mode: the instance the secret key belongs to, its config unread (–, not ✓),
    /// the pair verified at Bitbucket, the Frontend API seen from outside.
    func testManualModeAuditsTheSecretKeysInstanceFromOutside() async throws {
        try await SandboxFixture.with { fixture in
            let nimbus = fixture.consumer("Nimbus Notes")
            let instance = fixture.productionInstance(of: "Nimbus Notes")
            let plan = DoctorPlan(access: .manual(secretKey: Secret(instance.secret_key), publishableKey: ""), consumerKey: nimbus.key,
                                  consumerSecret: nimbus.secret, callbackURL: instance.callback_url,
                                  bitbucket: BitbucketCredentials(email: fixture.info.bitbucket_email, token: Secret(fixture.info.bitbucket_api_token)))
            let audit = await audit(fixture, plan)
            let report = try XCTUnwrap(audit.reports.first)
            XCTAssertEqual(audit.exit, .success, audit.text())
            XCTAssertEqual(report.target?.instanceID, instance.instance_id)
            XCTAssertEqual(try check(report, .clerkConnection).status, .skipped)
            XCTAssertTrue(try check(report, .clerkConnection).message.contains("without a Platform credential"))
            XCTAssertEqual(try check(report, .bitbucketClientID).status, .ok)
            XCTAssertEqual(try check(report, .frontendAPI).status, .ok)
            XCTAssertEqual(try check(report, .callback).status, .ok)
            let redirect = try XCTUnwrap(report.checks.first { $0.name == SignInRedirectStep.name })
            XCTAssertEqual(redirect.status, .ok, redirect.message)
            XCTAssertTrue(redirect.message.hasPrefix("client_id \(nimbus.key) (your key)"), redirect.message)

            // Without --consumer-key the client_id Clerk sends is the one verified, with the Secret.
            var unkeyed = plan
            unkeyed.consumerKey = nil
            let seenAudit = await self.audit(fixture, unkeyed)
            let seen = try XCTUnwrap(seenAudit.reports.first)
            XCTAssertEqual(seen.clientID, nimbus.key)
            XCTAssertEqual(try check(seen, .bitbucketClientID).status, .ok)
            XCTAssertEqual(seen.checks.first { $0.name == SignInRedirectStep.name }?.status, .warning)

            // Another key than Clerk's: the mismatch is named and fails.
            var other = plan
            other.consumerKey = fixture.consumer("Acme Store sign-in").key
            other.consumerSecret = fixture.consumer("Acme Store sign-in").secret
            let mismatchAudit = await self.audit(fixture, other)
            let mismatch = try XCTUnwrap(mismatchAudit.reports.first)
            let named = try XCTUnwrap(mismatch.checks.first { $0.name == SignInRedirectStep.name })
            XCTAssertEqual(named.status, .failed)
            XCTAssertTrue(named.message.contains("not your key"), named.message)

            // A bad secret key: one failure that says what to do, the rest not run.
            let bad = await self.audit(fixture, DoctorPlan(access: .manual(secretKey: Secret("sk_live_nope"), publishableKey: ""), bitbucket: nil))
            let badReport = try XCTUnwrap(bad.reports.first)
            XCTAssertEqual(try check(badReport, .clerkCredentials).status, .failed)
            XCTAssertTrue(try check(badReport, .clerkCredentials).fix?.contains("CLERK_SECRET_KEY") == true)
            XCTAssertEqual(try check(badReport, .frontendAPI).status, .skipped)
        }
    }

    /// A Key given that is not the one Clerk holds is named as such, not sent to Bitbucket.
    func testAKeyThatIsNotClerksIsNamed() async throws {
        try await SandboxFixture.with { fixture in
            var plan = Self.plan(fixture, application: "Nimbus Notes", secret: fixture.consumer("Nimbus Notes").secret.exposed)
            plan.consumerKey = "SomeOtherKey123"
            let report = await run(fixture, plan)
            let step = try check(report, .bitbucketClientID)
            XCTAssertEqual(step.status, .failed)
            XCTAssertTrue(step.message.contains("not the Key given (SomeOtherKey123)"), step.message)
            XCTAssertEqual(report.nextAction, step.fix)
        }
    }
}
