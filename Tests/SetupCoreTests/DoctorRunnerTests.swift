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
            plan.platformKey = Secret("ak_thisisnotakeythesandboxknows")
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
            plan.platformKey = Secret(fixture.info.clerk_platform_readonly_api_key)
            let report = await run(fixture, plan)
            XCTAssertEqual(report.exit, .checkFailed)
            let connection = try check(report, .clerkConnection)
            XCTAssertEqual(connection.status, .failed)
            XCTAssertEqual(connection.fix, "Use a Platform API key that may read this instance's config.")
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
}
