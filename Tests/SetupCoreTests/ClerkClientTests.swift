import Foundation
import Sandbox
import Testing
@testable import SetupCore

/// ClerkClient's Platform, Backend and Frontend API calls against the sandbox.
@Suite struct ClerkClientTests {
    static let acmeCallback = "https://clerk.acme-store.com/v1/oauth_callback"

    private func acme(_ client: ClerkClient) async throws -> ClerkApplication {
        try #require(try await client.applications().first { $0.name == "Acme Store" })
    }

    @Test func applicationsWithTheirInstances() async throws {
        try await SandboxFixture.with { fixture in
            let apps = try await fixture.clerk().applications()
            #expect(Set(apps.map(\.name)) == ["Acme Store", "Nimbus Notes"])
            let acme = try #require(apps.first { $0.name == "Acme Store" })
            #expect(Set(acme.instances.map(\.environment)) == [.development, .production])
            let production = try #require(acme.production)
            #expect(production.id == fixture.productionInstance(of: "Acme Store").instance_id)
            let key = try PublishableKey(try #require(production.publishableKey))
            #expect(key.frontendAPIHost == "clerk.acme-store.com")
            #expect(key.environment == .production)
        }
    }

    @Test func domainsGiveTheCallbackURL() async throws {
        try await SandboxFixture.with { fixture in
            let client = fixture.clerk()
            let domains = try await client.domains(application: try await acme(client).id)
            let domain = try #require(domains.first)
            #expect(domain.frontendAPIURL.absoluteString == "https://clerk.acme-store.com")
            #expect(domain.accountsPortalURL?.absoluteString == "https://accounts.acme-store.com")
            #expect(!domain.isSatellite)
            #expect(domain.callbackURL == Self.acmeCallback)
            #expect(domain.callbackURL == fixture.productionInstance(of: "Acme Store").callback_url)
        }
    }

    @Test func configReadNeverHoldsTheSecret() async throws {
        try await SandboxFixture.with { fixture in
            let client = fixture.clerk()
            let nimbus = try #require(try await client.applications().first { $0.name == "Nimbus Notes" })
            let snapshot = try await client.bitbucketConnection(application: nimbus.id, instance: "production")
            let seeded = fixture.consumer("Nimbus Notes")
            #expect(snapshot.connection.enabled == true)
            #expect(snapshot.connection.clientID == seeded.key)
            #expect(!snapshot.configVersion.isEmpty)
            #expect(snapshot.connection.raw["client_secret"] == nil || snapshot.connection.raw["client_secret"] == .string(Secret.mask))
            #expect(!String(describing: snapshot).contains(seeded.secret.exposed))
        }
    }

    @Test func dryRunThenApplyWithIfMatch() async throws {
        try await SandboxFixture.with { fixture in
            let client = fixture.clerk()
            let app = try await acme(client)
            let instance = try #require(app.production).id
            let frontend = URL(string: "https://clerk.acme-store.com")!
            let probe = FrontendProbe(frontendAPIURL: frontend, isDevelopment: false)
            #expect(try await client.frontendCheck(probe) == .signIn(enabled: false, authenticatable: true))

            let before = try await client.bitbucketConnection(application: app.id, instance: instance)
            #expect(before.connection.enabled == false)
            #expect(before.connection.clientID == nil)
            let patch = ClerkConfigPatch(enabled: true, clientID: "bbkey123", clientSecret: Secret("very-secret-value"))

            let preview = try await client.patchBitbucketConnection(
                patch, application: app.id, instance: instance, ifMatch: before.configVersion, dryRun: true)
            #expect(preview.dryRun)
            #expect(preview.before != preview.after)
            #expect(preview.before["enabled"] == .bool(false))
            #expect(preview.after["enabled"] == .bool(true))
            #expect(preview.after["client_id"] == .string("bbkey123"))
            #expect(!preview.after.prettyText.contains("very-secret-value"))
            #expect(!preview.before.prettyText.contains("very-secret-value"))
            // Nothing applied by the dry run.
            let unchanged = try await client.bitbucketConnection(application: app.id, instance: instance)
            #expect(unchanged == before)

            let applied = try await client.patchBitbucketConnection(
                patch, application: app.id, instance: instance, ifMatch: before.configVersion, dryRun: false)
            #expect(!applied.dryRun)
            #expect(applied.configVersion != before.configVersion)
            let after = try await client.bitbucketConnection(application: app.id, instance: instance)
            #expect(after.connection.enabled == true)
            #expect(after.connection.clientID == "bbkey123")
            #expect(after.configVersion == applied.configVersion)
            // The outside check, through X-Forwarded-Host on the frontend override.
            #expect(try await client.frontendCheck(probe).isOn)
        }
    }

    @Test func staleIfMatchIsAConflict() async throws {
        try await SandboxFixture.with { fixture in
            let client = fixture.clerk()
            let app = try await acme(client)
            let read = try await client.bitbucketConnection(application: app.id, instance: "production")
            let patch = ClerkConfigPatch(enabled: true, clientID: "k1", clientSecret: Secret("s1"))
            _ = try await client.patchBitbucketConnection(patch, application: app.id, instance: "production", ifMatch: read.configVersion, dryRun: false)
            let second = ClerkConfigPatch(enabled: true, clientID: "k2", clientSecret: Secret("s2"))
            let error = try #require(await remoteError { () async throws(RemoteError) in
                try await client.patchBitbucketConnection(second, application: app.id, instance: "production", ifMatch: read.configVersion, dryRun: false)
            })
            #expect(error.kind == .conflict)
            #expect(error.status == 409)
            #expect(error.userMessage.contains("Config was modified since last read"))
            #expect(error.logDetail.contains("code=config_version_conflict"))
            #expect(error.logDetail.contains("clerk_trace_id="))
            #expect(!error.logDetail.contains("s2"))
            // 409 is not retried.
            let configPath = "/platform/applications/\(app.id)/instances/production/config"
            #expect(await fixture.sandbox.requestCount(pathPrefix: configPath) == 3)
        }
    }

    @Test func enablingWithoutSecretOnProductionIsAValidationError() async throws {
        try await SandboxFixture.with { fixture in
            let client = fixture.clerk()
            let app = try await acme(client)
            let patch = ClerkConfigPatch(enabled: true, clientID: "bbkey", clientSecret: nil)
            #expect(!String(decoding: patch.body(), as: UTF8.self).contains("client_secret"))
            let error = try #require(await remoteError { () async throws(RemoteError) in
                try await client.patchBitbucketConnection(patch, application: app.id, instance: "production", ifMatch: nil, dryRun: true)
            })
            #expect(error.kind == .validation)
            #expect(error.status == 422)
            // long_message, sanitised, carried into the user's sentence.
            #expect(error.userMessage.contains("Custom credentials are required to enable Bitbucket"))
            #expect(error.userMessage.contains("nothing was changed"))
            #expect(error.logDetail.contains("code=config_validation_error"))
        }
    }

    @Test func secretKeyOnThePlatformAPIExplainsTheKeyKinds() async throws {
        try await SandboxFixture.with { fixture in
            let client = fixture.clerk(platformKey: fixture.info.clerk_secret_key)
            let error = try #require(await remoteError { () async throws(RemoteError) in try await client.applications() })
            #expect(error.kind == .unauthorized)
            #expect(error.service == .clerkPlatform)
            #expect(error.userMessage.contains("Platform API key (ak_…)"))
            #expect(error.userMessage.contains("secret key (sk_…)"))
            #expect(error.logDetail.contains("platform_api_unrecognized_credential"))
            #expect(!error.logDetail.contains(fixture.info.clerk_secret_key))
        }
    }

    @Test func readOnlyPlatformKeyIsForbiddenOnConfig() async throws {
        try await SandboxFixture.with { fixture in
            let client = fixture.clerk(platformKey: fixture.info.clerk_platform_readonly_api_key)
            let app = try await acme(client)
            let error = try #require(await remoteError { () async throws(RemoteError) in
                try await client.bitbucketConnection(application: app.id, instance: "production")
            })
            #expect(error.kind == .forbidden(missingScopes: nil))
            #expect(error.userMessage.contains("applications:manage"))
        }
    }

    @Test func missingPlatformKeySendsNothing() async throws {
        try await SandboxFixture.with { fixture in
            let client = ClerkClient(endpoints: fixture.endpoints, platformKey: nil, secretKey: nil)
            let error = await remoteError { () async throws(RemoteError) in try await client.applications() }
            #expect(error?.kind == .unauthorized)
            #expect(error?.userMessage.contains("CLERK_PLATFORM_API_KEY") == true)
            let backend = await remoteError { () async throws(RemoteError) in try await client.backendInstance() }
            #expect(backend?.kind == .unauthorized)
            #expect(await fixture.sandbox.requestCount(pathPrefix: "") == 0)
        }
    }

    @Test func patchWithoutIfMatchIsNotRetried() async throws {
        try await SandboxFixture.with { fixture in
            let client = fixture.clerk()
            let app = try await acme(client)
            let configPath = "/platform/applications/\(app.id)/instances/production/config"
            await fixture.sandbox.inject(.unavailable, pathPrefix: configPath, count: 1)
            let patch = ClerkConfigPatch(enabled: true, clientID: "k", clientSecret: Secret("s"))
            let error = try #require(await remoteError { () async throws(RemoteError) in
                try await client.patchBitbucketConnection(patch, application: app.id, instance: "production", ifMatch: nil, dryRun: false)
            })
            #expect(error.kind == .server(status: 503))
            #expect(await fixture.sandbox.requestCount(pathPrefix: configPath) == 1)
        }
    }

    @Test func patchWithIfMatchIsRetriedOn503() async throws {
        try await SandboxFixture.with { fixture in
            let client = fixture.clerk()
            let app = try await acme(client)
            let configPath = "/platform/applications/\(app.id)/instances/production/config"
            let read = try await client.bitbucketConnection(application: app.id, instance: "production")
            await fixture.sandbox.inject(.unavailable, pathPrefix: configPath, count: 1)
            let patch = ClerkConfigPatch(enabled: true, clientID: "k", clientSecret: Secret("s"))
            let result = try await client.patchBitbucketConnection(
                patch, application: app.id, instance: "production", ifMatch: read.configVersion, dryRun: false)
            #expect(!result.dryRun)
            #expect(await fixture.sandbox.requestCount(pathPrefix: configPath) == 3)
        }
    }

    @Test func backendInstanceAndDomainsWithTheSecretKey() async throws {
        try await SandboxFixture.with { fixture in
            let client = fixture.clerk()
            let instance = try await client.backendInstance()
            #expect(instance.id == fixture.productionInstance(of: "Acme Store").instance_id)
            #expect(instance.environment == .production)
            let domains = try await client.backendDomains()
            #expect(domains.map(\.callbackURL) == [Self.acmeCallback])
        }
    }

    @Test func platformKeyOnTheBackendAPIIsUnauthorized() async throws {
        try await SandboxFixture.with { fixture in
            let client = fixture.clerk(secretKey: fixture.info.clerk_platform_api_key)
            let error = try #require(await remoteError { () async throws(RemoteError) in try await client.backendInstance() })
            #expect(error.kind == .unauthorized)
            #expect(error.service == .clerkBackend)
            #expect(error.userMessage.contains("CLERK_SECRET_KEY"))
        }
    }

    @Test func developmentInstanceUsesSharedCredentials() async throws {
        try await SandboxFixture.with { fixture in
            let client = fixture.clerk()
            let dev = try #require(fixture.info.clerk_instances.first { $0.application_name == "Acme Store" && $0.environment_type == "development" })
            // A development instance is asked with a dev-browser token, as clerk/cli lib/fapi.ts does.
            #expect(try await client.frontendCheck(FrontendProbe(frontendAPIURL: URL(string: dev.frontend_api_url)!, isDevelopment: true)).isOn)
            let unknown = await remoteError { () async throws(RemoteError) in
                try await client.frontendCheck(FrontendProbe(frontendAPIURL: URL(string: "https://clerk.unknown.example")!, isDevelopment: false))
            }
            #expect(unknown?.kind == .notFound)
        }
    }

    @Test func frontendOverrideKeepsTheOriginalHostInAHeader() {
        var endpoints = Endpoints.production
        endpoints.clerkFrontendOverride = URL(string: "http://127.0.0.1:4000/clerk-frontend/")!
        let client = ClerkClient(endpoints: endpoints, platformKey: nil, secretKey: nil)
        let request = client.frontendRequest(frontendAPIURL: URL(string: "https://clerk.example.com")!, path: ["v1", "environment"])
        #expect(request.url.absoluteString == "http://127.0.0.1:4000/clerk-frontend/v1/environment")
        #expect(request.headers["X-Forwarded-Host"] == "clerk.example.com")
        let direct = ClerkClient(endpoints: .production, platformKey: nil, secretKey: nil)
            .frontendRequest(frontendAPIURL: URL(string: "https://clerk.example.com")!, path: ["v1", "environment"])
        #expect(direct.url.absoluteString == "https://clerk.example.com/v1/environment")
        #expect(direct.headers["X-Forwarded-Host"] == nil)
    }
}
