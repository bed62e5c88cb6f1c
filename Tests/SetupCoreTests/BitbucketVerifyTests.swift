import Foundation
import Sandbox
import Testing
@testable import SetupCore

/// Every CredentialVerdict, from the sandbox's seeded consumers and ones created in it.
@Suite struct BitbucketVerifyTests {
    @Test func privateConsumerWithAccountAndEmailIsValid() async throws {
        try await SandboxFixture.with { fixture in
            let verdict = await fixture.verifier().verify(fixture.consumer("Acme Store sign-in"))
            guard case .valid(let scopes) = verdict else {
                Issue.record("expected valid, got \(verdict)")
                return
            }
            #expect(Set(scopes) == ["account", "email"])
            #expect(verdict.missingRequiredScopes.isEmpty)
            #expect(verdict.isUsable)
            #expect(verdict.userMessage.contains("ready for Clerk"))
        }
    }

    @Test func privateConsumerWithoutEmailNamesTheMissingScope() async throws {
        try await SandboxFixture.with { fixture in
            let verdict = await fixture.verifier().verify(fixture.consumer("Acme legacy (no email)"))
            guard case .valid = verdict else {
                Issue.record("expected valid, got \(verdict)")
                return
            }
            #expect(verdict.missingRequiredScopes == ["email"])
            #expect(!verdict.isUsable)
            #expect(verdict.userMessage.contains("Account → Email"))
        }
    }

    @Test func publicConsumerRunsTheWeakerProbe() async throws {
        try await SandboxFixture.with { fixture in
            let client = fixture.verifier()
            let verdict = await client.verify(fixture.consumer("Acme Store public"))
            #expect(verdict == .publicConsumer(probe: .credentialsAccepted))
            #expect(verdict.userMessage.contains("weaker"))
            // Two token requests: client_credentials, then the authorization_code probe.
            #expect(await fixture.sandbox.requestCount(pathPrefix: "/site/oauth2/access_token") == 2)
        }
    }

    @Test func consumerWithoutCallbackURL() async throws {
        try await SandboxFixture.with { fixture in
            let verdict = await fixture.verifier().verify(fixture.consumer("Acme no callback"))
            #expect(verdict == .noCallbackURL)
            #expect(verdict.userMessage.contains("Callback URL"))
        }
    }

    @Test func wrongSecretIsWrongCredentials() async throws {
        try await SandboxFixture.with { fixture in
            var consumer = fixture.consumer("Acme Store sign-in")
            consumer.secret = Secret("not-the-secret")
            let verdict = await fixture.verifier().verify(consumer)
            #expect(verdict == .wrongCredentials)
            #expect(!verdict.userMessage.contains("not-the-secret"))
        }
    }

    @Test func rateLimitedTokenEndpointIsRetriedOnceThenReported() async throws {
        try await SandboxFixture.with { fixture in
            // POST retries only on 429. Retry-After: 1 exceeds maxDelay here, so no wait: reported.
            await fixture.sandbox.inject(.rateLimited, pathPrefix: "/site/oauth2", count: 5)
            let verdict = await fixture.verifier().verify(fixture.consumer("Acme Store sign-in"))
            #expect(verdict == .rateLimited(retryAfter: 1))
            #expect(await fixture.sandbox.requestCount(pathPrefix: "/site/oauth2") == 1)
        }
    }

    @Test func rateLimitWithoutRetryAfterBacksOffThenSucceeds() async throws {
        try await SandboxFixture.with { fixture in
            await fixture.sandbox.inject(.rateLimitedNoRetryAfter, pathPrefix: "/site/oauth2", count: 1)
            let verdict = await fixture.verifier().verify(fixture.consumer("Acme Store sign-in"))
            #expect(verdict.isUsable)
            #expect(await fixture.sandbox.requestCount(pathPrefix: "/site/oauth2") == 2)
        }
    }

    @Test func serverErrorOnPostIsNotRetried() async throws {
        try await SandboxFixture.with { fixture in
            await fixture.sandbox.inject(.serverError, pathPrefix: "/site/oauth2", count: 1)
            let verdict = await fixture.verifier().verify(fixture.consumer("Acme Store sign-in"))
            guard case .failed(let error) = verdict else {
                Issue.record("expected failed, got \(verdict)")
                return
            }
            #expect(error.kind == .server(status: 500))
            #expect(error.service == .bitbucketOAuth)
            #expect(await fixture.sandbox.requestCount(pathPrefix: "/site/oauth2") == 1)
        }
    }

    @Test func consumerCreatedInTheSandboxVerifies() async throws {
        try await SandboxFixture.with { fixture in
            let client = fixture.bitbucket()
            let form = SandboxConsumerRequest(
                name: "bbclerk test", description: "made by a test", callbackURL: "https://clerk.acme-store.com/v1/oauth_callback",
                url: "https://acme-store.com", isPrivate: true, scopes: ["account"])
            let created = try await client.createConsumerInSandbox(form, workspace: "acme-store")
            #expect(!created.key.isEmpty)
            #expect(!created.secret.isEmpty)
            let verdict = await fixture.verifier().verify(created)
            // Bitbucket's form ticks Email with Account Read, and so does the sandbox.
            #expect(verdict.missingRequiredScopes.isEmpty)
            #expect(verdict.isUsable)

            let duplicate = try #require(await remoteError { () async throws(RemoteError) in
                try await client.createConsumerInSandbox(form, workspace: "acme-store")
            })
            #expect(duplicate.kind == .badRequest(code: nil))
            let notAdmin = try #require(await remoteError { () async throws(RemoteError) in
                try await client.createConsumerInSandbox(form, workspace: "babbage-labs")
            })
            #expect(notAdmin.kind == .forbidden(missingScopes: nil))
        }
    }

    @Test func sandboxCreationRefusesARealHost() async {
        let client = BitbucketClient(
            endpoints: .production, credentials: BitbucketCredentials(email: "a@example.com", token: Secret("t")))
        let error = await remoteError { () async throws(RemoteError) in
            try await client.createConsumerInSandbox(SandboxConsumerRequest(name: "x", callbackURL: "https://x.example"), workspace: "w")
        }
        #expect(error?.kind == .badRequest(code: "not_sandbox"))
    }

    @Test func scopesArriveInEitherForm() {
        // Current answers: "scope": "account email"; older ones "scopes".
        #expect(JSONValue.string("account email").stringList == ["account", "email"])
        #expect(JSONValue.array(["account", "email"]).stringList == ["account", "email"])
        #expect(CredentialVerdict.valid(grantedScopes: ["account:write", "email"]).missingRequiredScopes.isEmpty)
        #expect(CredentialVerdict.valid(grantedScopes: []).missingRequiredScopes == ["account", "email"])
        #expect(CredentialVerdict.wrongCredentials.missingRequiredScopes.isEmpty)
    }
}
