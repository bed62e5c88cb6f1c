import Foundation
import TestSupport
import XCTest
@testable import CursesUI
@testable import LineMode
@testable import SetupCore

/// The line mode driven by a scripted prompter against a sandbox: the whole flow, the
/// validation that re-asks, and that secrets never reach the output.
final class LineModeFlowTests: XCTestCase {
    private typealias A = ScriptedLinePrompter.Answer

    /// Answers from Connect up to (not including) the Create step's choice.
    private func throughScopes(callbackFirst: String = "") -> [A] {
        [
            A("", when: "Choose what to do [1]:"),
            A("", when: "Choose the application and instance [1]:"),
            A("acme", when: "Choose a workspace: its number, or part of its name"),
            A("", when: "Name [Acme Store]:"),
            A("", when: "Description [empty]:"),
            A(callbackFirst, when: "Callback URL [https://clerk.acme-store.com/v1/oauth_callback]:"),
        ]
    }

    func testWholeFlowWithPastedCredentialsReachesDone() async throws {
        let sandbox = try LineModeSandbox()
        defer { sandbox.stop() }
        let consumer = sandbox.goodConsumer
        let folder = LineModeStateFolder()
        let files = folder.files
        let run = await LineModeRun.go(sandbox, throughScopes(callbackFirst: "https://accounts.acme-store.com/v1/oauth_callback") + [
            // The wrong Callback URL is refused with the reason; Enter then keeps Clerk's.
            A("", when: "Callback URL [https://clerk.acme-store.com/v1/oauth_callback]:"),
            A("acme-store.com", when: "URL [https://acme-store.com]:"),
            A("", when: "URL [https://acme-store.com]:"),
            A("", when: "Privacy policy URL [empty]:"),
            A("", when: "EULA URL [empty]:"),
            A("", when: "This is a private consumer? [Y/n]:"),
            A("", when: "Scope to add or remove, by number"),
            A("2", when: "Choose what to do [1]:"),
            A(consumer.key, when: "Key [none]:"),
            A(consumer.secret, when: "Secret (typing is hidden) [none]:"),
            A("", when: "Choose what to do [1]:"),
            A("y", when: "Apply this change to Clerk? [y/N]:"),
        ], files: files)
        run.assertScriptFollowed()
        XCTAssertEqual(run.outcome, .done)
        XCTAssertEqual(run.state.step, .done)

        let out = run.written
        for expected in [
            "\(WizardStep.connect.heading(separator: ": "))", "API token: set (sandbox)",
            "Checking with Bitbucket…", "Signed in as Ada Lovelace (ada-lovelace).",
            "1) Acme Store (production)", "Callback URL: https://clerk.acme-store.com/v1/oauth_callback",
            "\(WizardStep.workspace.heading(separator: ": "))", "One workspace matches: Acme Store (acme-store).",
            "Problem: Callback URL must be exactly https://clerk.acme-store.com/v1/oauth_callback — it names the Account Portal host",
            "Problem: URL must be an absolute URL starting with https://.",
            "Add a scope? (Enter to keep Clerk's minimum)",
            "1) Create it in the sandbox", "2) I created it, paste key and secret",
            "Link: \(sandbox.info.bitbucket_web_url)/acme-store/workspace/settings/oauth-consumers/new",
            "Callback URL: https://clerk.acme-store.com/v1/oauth_callback",
            "Bitbucket accepted the key and secret",
            "+ enabled: true", "Applied to Clerk: config version",
            "Clerk's Frontend API shows Bitbucket sign-in enabled.",
            "\(WizardStep.done.heading(separator: ": "))", "Sign in with Bitbucket is set up.",
        ] {
            XCTAssertTrue(out.contains(expected), "missing \"\(expected)\" in:\n\(out)")
        }
        // The steps' pages, said as the screens show them (StepPageRenderingTests holds the
        // screens to the same pages).
        let target = try XCTUnwrap(run.state.target)
        var pages = [ScopesPage.intro, CreatePage.pasteStep, CreatePage.openStep(keys: nil), KeySecretPage.verificationHeading,
                     SyncPage.heading(target), SyncPage.diffHeading(applied: false)]
        pages += ApplicationPage.callbackNotes(target).map(\.text)
        pages += CreatePage.values(run.state).map { "\($0.label): \($0.value.isEmpty ? CreatePage.leaveEmpty : $0.value)" }
        for text in pages { XCTAssertTrue(out.contains(text), "the line mode does not say \"\(text)\":\n\(out)") }
        // "Checking with Bitbucket…" once per check, never a spinner.
        XCTAssertEqual(out.components(separatedBy: "Checking with Bitbucket…").count - 1, 2)
        // Secrets: neither the consumer secret nor the tokens reach the output, not even echoed.
        for secret in [consumer.secret, sandbox.info.bitbucket_api_token, sandbox.info.clerk_platform_api_key] {
            XCTAssertFalse(run.prompter.transcript.contains(secret), "a secret reached the output")
        }
        XCTAssertFalse(out.contains("\u{1B}"), "no escape sequences in line mode")
        // The screen-reader style: every prompt ends with a colon after its default in brackets.
        for prompt in run.prompter.prompts {
            XCTAssertTrue(prompt.hasSuffix("]:") && prompt.contains(" ["), "prompt without its default: \(prompt)")
        }
        // Done discards the draft; the apply is in the audit log.
        XCTAssertEqual(files.drafts.load(), .none)
        let audit = try String(contentsOf: files.audit.file, encoding: .utf8)
        XCTAssertTrue(audit.contains(consumer.key))
        XCTAssertFalse(audit.contains(consumer.secret))
    }

    func testSandboxCreatesTheConsumer() async throws {
        let sandbox = try LineModeSandbox()
        defer { sandbox.stop() }
        let run = await LineModeRun.go(sandbox, throughScopes() + [
            A("", when: "URL [https://acme-store.com]:"),
            A("", when: "Privacy policy URL [empty]:"),
            A("", when: "EULA URL [empty]:"),
            A("", when: "This is a private consumer? [Y/n]:"),
            A("1", when: "Scope to add or remove, by number"),  // Account: Write
            A("", when: "Scope to add or remove, by number"),
            A("", when: "Choose what to do [1]:"),  // create it in the sandbox
            A("", when: "Choose what to do [1]:"),  // continue to Sync
            A("n", when: "Apply this change to Clerk? [y/N]:"),
            A("2", when: "Choose what to do [1]:"),  // stop without changing Clerk
        ])
        run.assertScriptFollowed()
        XCTAssertEqual(run.outcome, .declined)
        XCTAssertTrue(run.state.scopes.contains("account:write"))
        XCTAssertNil(run.state.applied.value)
        let out = run.written
        XCTAssertTrue(out.contains("Ticked Account: Write."), out)
        XCTAssertTrue(out.contains("Creating the consumer in the sandbox…"), out)
        XCTAssertTrue(out.contains("Created in the sandbox with these values: Key and Secret filled in."), out)
        XCTAssertTrue(out.contains("Secret: hidden"), out)
        XCTAssertTrue(out.contains("Nothing was changed in Clerk."), out)
        XCTAssertFalse(out.contains(run.state.consumerSecretInput.exposed), "the created secret was printed")
    }

    func testATypedTokenIsReadHiddenAndNeverPrinted() async throws {
        let sandbox = try LineModeSandbox()
        defer { sandbox.stop() }
        var credentials = sandbox.credentials
        credentials.bitbucketToken = nil
        credentials.sources["BITBUCKET_API_TOKEN"] = nil
        let token = sandbox.info.bitbucket_api_token
        let run = await LineModeRun.go(sandbox, [
            A("with space", when: "Atlassian API token (typing is hidden) [none]:"),
            A(token, when: "Atlassian API token (typing is hidden) [none]:"),
        ], state: sandbox.state(credentials: credentials))
        XCTAssertEqual(run.prompter.mismatches, [])
        XCTAssertEqual(run.outcome, .aborted)  // the script ends at the Connect menu
        XCTAssertEqual(run.state.credentials.bitbucketToken, Secret(token))
        XCTAssertEqual(run.state.credentials.sources["BITBUCKET_API_TOKEN"], .prompt)
        let out = run.written
        XCTAssertTrue(out.contains("API token: not set"), out)
        XCTAssertTrue(out.contains("https://id.atlassian.com/manage-profile/security/api-tokens"), out)
        XCTAssertTrue(out.contains("The API token contains a space"), out)
        XCTAssertTrue(out.contains("Signed in as Ada Lovelace"), out)
        XCTAssertFalse(run.prompter.transcript.contains(token), "the typed token was echoed")
        XCTAssertFalse(run.prompter.transcript.contains("with space"), "a hidden answer was echoed")
    }

    func testLongWorkspaceListIsNarrowedByTyping() async throws {
        let sandbox = try LineModeSandbox(workspaces: 60)
        defer { sandbox.stop() }
        let run = await LineModeRun.go(sandbox, [
            A("", when: "Choose what to do [1]:"),
            A("", when: "Choose the application and instance [1]:"),
            A("nothing-like-this", when: "Choose a workspace"),
            A("generated team 4", when: "Choose a workspace"),
            A("2", when: "Choose a workspace"),
        ])
        XCTAssertEqual(run.prompter.mismatches, [])
        let out = run.written
        XCTAssertTrue(out.contains("more: type part of a name to narrow the list."), out)
        XCTAssertTrue(out.contains("No workspace matches \"nothing-like-this\""), out)
        XCTAssertTrue(out.contains("workspaces match \"generated team 4\""), out)
        // Every name was loaded (none is left showing only its slug).
        XCTAssertTrue(run.state.workspaces.entries.allSatisfy { $0.details != nil || $0.detailsError != nil })
        XCTAssertEqual(run.state.step, .consumer)
        XCTAssertTrue(run.state.selectedWorkspace?.hasPrefix("team-") == true, "\(String(describing: run.state.selectedWorkspace))")
    }

    // MARK: Manual mode: the proof from outside

    /// At Sync in manual mode for Nimbus Notes' production instance, with `key` entered.
    private func manualAtSync(_ sandbox: LineModeSandbox, key: String) -> WizardState {
        var credentials = SessionCredentials()
        credentials.clerkSecretKey = Secret("sk_live_manual")
        var state = sandbox.state(credentials: credentials)
        let nimbus = sandbox.info.clerk_instances.first { $0.application_name == "Nimbus Notes" && $0.environment_type == "production" }!
        let target = ClerkTarget(applicationID: nil, applicationName: "Nimbus Notes", instanceID: nimbus.instance_id, environment: .production,
                                 frontendAPIURL: URL(string: nimbus.frontend_api_url)!, homeURL: "https://nimbus-notes.io",
                                 accountsPortalURL: URL(string: nimbus.accounts_portal_url))
        state.clerkAccess = .loaded(.manual(target: target, source: .secretKey))
        state.selectedWorkspace = "nimbus-notes"
        state.step = .syncToClerk
        state.consumerKeyInput = key
        state.consumerSecretInput = Secret("manual-secret-value")
        return state
    }

    func testManualModeSaysWhichClientIDClerkSends() async throws {
        let sandbox = try LineModeSandbox()
        defer { sandbox.stop() }
        let key = sandbox.info.consumers.first { $0.name == "Nimbus Notes" }!.key
        let proof = await LineModeRun.go(sandbox, [
            A("", when: "Press Enter when you have saved them in the Clerk Dashboard"),
        ], state: manualAtSync(sandbox, key: key))
        proof.assertScriptFollowed()
        XCTAssertEqual(proof.state.step, .done)
        XCTAssertTrue(proof.written.contains("Asking Clerk which client_id it sends sign-ins to Bitbucket with (a test sign-in, never followed)…"), proof.written)
        XCTAssertTrue(proof.written.contains("Clerk sends sign-ins to Bitbucket with client_id \(key) (yours)"), proof.written)

        let mismatch = await LineModeRun.go(sandbox, [
            A("", when: "Press Enter when you have saved them in the Clerk Dashboard"),
            A("quit", when: "Press Enter when you have saved them in the Clerk Dashboard"),
        ], state: manualAtSync(sandbox, key: "0ldKeyFromLastYear"))
        mismatch.assertScriptFollowed()
        XCTAssertEqual(mismatch.state.step, .syncToClerk)
        XCTAssertTrue(mismatch.written.contains("Clerk still sends sign-ins with client_id \(key), not your key 0ldKeyFromLastYear"), mismatch.written)
    }
}
