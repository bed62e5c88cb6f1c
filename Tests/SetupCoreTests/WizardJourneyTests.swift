import Foundation
import Sandbox
import TestSupport
import XCTest
@testable import SetupCore

/// The whole journey through the reducer and the effect runner against the sandbox over
/// loopback HTTP: sign in, choose an application and a workspace (names shown), fill the
/// form, verify, dry run, apply, read back, and see Bitbucket enabled from the outside.
final class WizardJourneyTests: XCTestCase {
    func makeDriver(_ fixture: SandboxFixture, mode: WizardState.Mode = .live) -> WizardDriver {
        let state = WizardState(mode: mode, endpoints: fixture.endpoints, credentials: SessionCredentials(sandbox: fixture.info))
        return WizardDriver(state: state, runner: EffectRunner(endpoints: fixture.endpoints, retry: .fast, timeout: 5))
    }

    /// Walks to the Create step: Acme Store production, workspace acme-store.
    func walkToCreate(_ driver: WizardDriver) async throws {
        await driver.send(.start)
        var state = await driver.state
        XCTAssertEqual(state.bitbucketUser.value?.displayName, "Ada Lovelace")
        XCTAssertEqual(state.applications.map(\.name).sorted(), ["Acme Store", "Nimbus Notes"])
        await driver.send(.next)
        let acme = try XCTUnwrap(state.applications.first { $0.name == "Acme Store" })
        await driver.send(.selectApplication(acme.id))
        state = await driver.state
        XCTAssertEqual(state.selectedInstance?.environment, .production, "production is preselected")
        XCTAssertEqual(state.target?.callbackURL, "https://clerk.acme-store.com/v1/oauth_callback")
        await driver.send(.next)
        state = await driver.state
        XCTAssertEqual(state.step, .workspace)
        XCTAssertTrue(state.workspaces.isComplete)
        XCTAssertTrue(state.workspaces.entries.contains { $0.slug == "acme-store" })
        await driver.send(.workspaceRowsVisible(state.workspaces.entries.map(\.slug)))
        state = await driver.state
        XCTAssertEqual(state.workspaces.entry("acme-store")?.title, "Acme Store", "names are filled in")
        XCTAssertEqual(state.workspaces.entry("zurich-unicode")?.title, "Zürich Ünïcode 日本 Team")
        await driver.send(.selectWorkspace("acme-store"))
        await driver.send(.next)
        state = await driver.state
        XCTAssertEqual(state.step, .consumer)
        XCTAssertEqual(state.form.callbackURL, "https://clerk.acme-store.com/v1/oauth_callback")
        await driver.send(.setField(.description, "Sign in to Acme Store with Bitbucket"))
        await driver.send(.next)
        await driver.send(.next)
        state = await driver.state
        XCTAssertEqual(state.step, .createInBitbucket)
    }

    func testWholeJourneyWithASeededConsumerPasted() async throws {
        try await SandboxFixture.with { fixture in
            let driver = makeDriver(fixture)
            try await walkToCreate(driver)
            let seeded = fixture.consumer("Acme Store sign-in")
            await driver.send(.setConsumerKey("  \(seeded.key)\n"))
            await driver.send(.setConsumerSecret(seeded.secret))
            await driver.send(.next)
            var state = await driver.state
            XCTAssertEqual(state.step, .keyAndSecret)
            guard case .loaded(.valid(let scopes)) = state.verification else { return XCTFail("verdict: \(state.verification)") }
            XCTAssertTrue(Set(scopes).isSuperset(of: ["account", "email"]))
            await driver.send(.next)
            state = await driver.state
            XCTAssertEqual(state.step, .syncToClerk)
            let preview = try XCTUnwrap(state.dryRun.value, "the dry run ran on arrival")
            XCTAssertTrue(preview.dryRun)
            XCTAssertEqual(state.applied, .idle, "nothing applied before the user confirms")
            await driver.send(.applySync)
            state = await driver.state
            XCTAssertEqual(state.applied.value?.dryRun, false)
            XCTAssertEqual(state.readBack.value?.connection.enabled, true)
            XCTAssertEqual(state.readBack.value?.connection.clientID, seeded.key)
            XCTAssertEqual(state.environmentCheck, .loaded(.signIn(enabled: true, authenticatable: true)))
            await driver.send(.next)
            state = await driver.state
            XCTAssertEqual(state.step, .done)
            // And from the outside, with a client of its own:
            let instance = fixture.productionInstance(of: "Acme Store")
            let snapshot = try await fixture.clerk().bitbucketConnection(application: instance.application_id, instance: instance.instance_id)
            XCTAssertEqual(snapshot.connection.clientID, seeded.key)
        }
    }

    func testSandboxModeCreatesTheConsumerAndVerifiesIt() async throws {
        try await SandboxFixture.with { fixture in
            let driver = makeDriver(fixture, mode: .sandbox)
            try await walkToCreate(driver)
            await driver.send(.createInSandbox)
            var state = await driver.state
            let created = try XCTUnwrap(state.consumerCredentials, "\(state.sandboxConsumer)")
            XCTAssertEqual(created.key.count, 32)
            XCTAssertEqual(created.secret.exposed.count, 76)
            await driver.send(.next)
            state = await driver.state
            XCTAssertEqual(state.verification.value?.blocksSync, false, "\(state.verification)")
        }
    }

    func testWrongSecretIsReportedAndBlocks() async throws {
        try await SandboxFixture.with { fixture in
            let driver = makeDriver(fixture)
            try await walkToCreate(driver)
            await driver.send(.setConsumerKey(fixture.consumer("Acme Store sign-in").key))
            await driver.send(.setConsumerSecret(Secret("not-the-secret")))
            await driver.send(.next)
            await driver.send(.next)
            let state = await driver.state
            XCTAssertEqual(state.verification.value, .wrongCredentials)
            XCTAssertEqual(state.step, .keyAndSecret)
            XCTAssertEqual(state.status?.kind, .warning)
        }
    }

    func testConflictBetweenDryRunAndApplyShowsTheNewDiff() async throws {
        try await SandboxFixture.with { fixture in
            let driver = makeDriver(fixture)
            try await walkToCreate(driver)
            let seeded = fixture.consumer("Acme Store sign-in")
            await driver.send(.setConsumerKey(seeded.key))
            await driver.send(.setConsumerSecret(seeded.secret))
            await driver.send(.next)
            await driver.send(.next)
            let before = await driver.state.clerkConfig.value?.configVersion
            // Someone else changes the config between the preview and the apply.
            let instance = fixture.productionInstance(of: "Acme Store")
            _ = try await fixture.clerk().patchBitbucketConnection(
                ClerkConfigPatch(enabled: false, clientID: "someone-else", clientSecret: Secret("their-secret")),
                application: instance.application_id, instance: instance.instance_id, ifMatch: nil, dryRun: false)
            await driver.send(.applySync)
            var state = await driver.state
            XCTAssertEqual(state.applied, .idle, "the stale apply was refused")
            XCTAssertNotEqual(state.clerkConfig.value?.configVersion, before, "the config was read again")
            XCTAssertNotNil(state.dryRun.value, "and a new diff is shown")
            XCTAssertEqual(state.status?.kind, .warning)
            await driver.send(.applySync)
            state = await driver.state
            XCTAssertEqual(state.readBack.value?.connection.clientID, seeded.key)
        }
    }
}
