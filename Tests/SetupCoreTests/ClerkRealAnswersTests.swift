import Foundation
import Sandbox
import Testing
@testable import SetupCore

/// The client against the answers Clerk's sources say the real service gives: redacted
/// secrets, numeric versions, a schema, an unverified domain, reads that lag
/// (docs/VENDOR-FACTS.md). Over loopback, against the sandbox.
@Suite struct ClerkRealAnswersTests {
    @Test func aRedactedSecretReadsAsSetAndTheSchemaMarksItSensitive() async throws {
        try await SandboxFixture.with { fixture in
            let client = fixture.clerk()
            let nimbus = try #require(try await client.applications().first { $0.name == "Nimbus Notes" })
            let instance = try #require(nimbus.production).id
            let snapshot = try await client.bitbucketConnection(application: nimbus.id, instance: instance)
            #expect(snapshot.connection.secretSet == true)
            #expect(snapshot.connection.hasCustomCredentials)
            #expect(!String(describing: snapshot).contains(fixture.consumer("Nimbus Notes").secret.exposed))
            let schema = try #require(try await client.bitbucketConfigSchema(application: nimbus.id, instance: instance))
            #expect(schema.sensitiveFields.contains("client_secret"))
            #expect(schema.fields.contains("authenticatable"))
        }
    }

    @Test func aNumericConfigVersionIsSentBackAsItCame() async throws {
        try await SandboxFixture.with(SandboxOptions(port: 0, numericConfigVersion: true)) { fixture in
            let runner = ApplyRunner(endpoints: fixture.endpoints, retry: .fast, timeout: 5)
            let plan = ApplyPlan(application: "Acme Store", workspace: "acme-store", consumer: fixture.consumer("Acme Store sign-in"),
                                 bitbucket: nil, platformKey: Secret(fixture.info.clerk_platform_api_key))
            let result = await runner.run(plan)
            #expect(result.applied, "\(result.text())")
            #expect(result.configVersion == "42", "the revision after one write, sent as a number")
        }
    }

    @Test func anUnverifiedDomainIsNamedBeforeTheFrontendAPIIsAsked() async throws {
        try await SandboxFixture.with(SandboxOptions(port: 0, unverifiedDomain: true)) { fixture in
            let client = fixture.clerk()
            let acme = try #require(try await client.applications().first { $0.name == "Acme Store" })
            let domains = try await client.domains(application: acme.id)
            let production = try #require(acme.production)
            let target = try #require(ClerkTarget(application: acme, instance: production, domains: domains))
            let check = try await client.frontendCheck(target.frontendProbe(platformKey: Secret(fixture.info.clerk_platform_api_key)))
            #expect(check == .dnsNotVerified(host: "clerk.acme-store.com", records: ["clerk.acme-store.com → frontend-api.clerk.services"]))
            // Without a Platform credential the status cannot be read: the unreachable host is
            // named as a possible unverified domain, not only a network problem.
            let error = await #expect(throws: RemoteError.self) {
                try await client.frontendCheck(target.frontendProbe(platformKey: nil))
            }
            #expect(error?.userMessage.contains("DNS may not be verified yet") == true)
        }
    }

    @Test func applyWaitsOutReadLagAndSaysSo() async throws {
        try await SandboxFixture.with(SandboxOptions(port: 0, readLagMs: 1200)) { fixture in
            let runner = ApplyRunner(endpoints: fixture.endpoints, retry: .fast, timeout: 5)
            let plan = ApplyPlan(application: "Acme Store", workspace: "acme-store", consumer: fixture.consumer("Acme Store sign-in"),
                                 bitbucket: nil, platformKey: Secret(fixture.info.clerk_platform_api_key))
            let result = await runner.run(plan)
            #expect(result.ok, "\(result.text())")
            let readBack = try #require(result.steps.first { $0.name == "read_back" })
            #expect(readBack.message.contains("propagation"))
        }
    }
}
