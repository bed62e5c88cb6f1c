#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SetupCore

/// Step 1 as prompts: the credentials, asked for when missing, and their live check.
///
/// Each step function asks until its step is left: forward through `.next` (the reducer
/// decides whether it may), back by throwing ``LineExit/back``.
extension LineModeApp {
    // MARK: 1. Connect

    func connectStep() async throws {
        // Credentials go to these instead of the real services: say so before they are sent.
        for line in state.endpoints.overrideSummary { io.say("Endpoints: \(line)") }
        sayCredentialSources()
        try await askMissingCredentials()
        while state.step == .connect {
            effectsRun = 0
            await dispatch(.start)
            if effectsRun == 0 { sayConnectResults() }
            if let blocker = Wizard.blocker(state) {
                if state.bitbucketUser.error == nil && state.clerkAccess.error == nil { io.say(Self.text(blocker.text)) }
                let bitbucketFailed = state.bitbucketUser.error != nil
                let choice = try await choose("Choose what to do", [
                    "Enter the Bitbucket email and API token again",
                    "Enter the Clerk keys again",
                    "Check again",
                ], default: bitbucketFailed ? 0 : 1)
                switch choice {
                case 0: try await askBitbucketCredentials(changing: true)
                case 1: try await askClerkCredentials(changing: true)
                default: await dispatch(.checkConnections)
                }
                continue
            }
            let choice = try await choose("Choose what to do", [
                "Continue",
                "Change the Bitbucket email or API token",
                "Change the Clerk keys",
            ])
            switch choice {
            case 0: await dispatch(.next)
            case 1: try await askBitbucketCredentials(changing: true)
            default: try await askClerkCredentials(changing: true)
            }
        }
    }

    private func sayCredentialSources() {
        let credentials = state.credentials
        func source(_ name: String) -> String {
            switch credentials.sources[name] {
            case .environment: " (from the environment)"
            case .file: " (from a file)"
            case .prompt: " (typed here)"
            case .sandbox: " (from the sandbox)"
            case .clerkCLI: " (the Clerk CLI sign-in)"
            case nil: ""
            }
        }
        func set(_ secret: Secret?, _ name: String) -> String { secret == nil ? "not set" : "set" + source(name) }
        io.say("Credentials found:")
        io.say("Bitbucket Atlassian email: " + (credentials.bitbucketEmail.isEmpty ? "not set"
            : Self.text(credentials.bitbucketEmail, limit: 120) + source("BITBUCKET_EMAIL")))
        io.say("Bitbucket API token: " + set(credentials.bitbucketToken, "BITBUCKET_API_TOKEN"))
        io.say("Clerk Platform API key: " + set(credentials.clerkPlatformKey, "CLERK_PLATFORM_API_KEY"))
        if let problem = credentials.clerkCLIProblem, credentials.clerkPlatformKey == nil { io.say(problem) }
        io.say("Clerk secret key: " + set(credentials.clerkSecretKey, "CLERK_SECRET_KEY"))
        io.say("Clerk publishable key: " + (credentials.clerkPublishableKey.isEmpty ? "not set"
            : Self.text(credentials.clerkPublishableKey, limit: 120) + source("CLERK_PUBLISHABLE_KEY")))
    }

    private func askMissingCredentials() async throws {
        if state.credentials.bitbucket == nil { try await askBitbucketCredentials(changing: false) }
        let credentials = state.credentials
        if credentials.clerkPlatformKey == nil && credentials.clerkSecretKey == nil && credentials.clerkPublishableKey.isEmpty {
            try await askClerkCredentials(changing: false)
        }
    }

    /// The email and token: asked when missing, or all of them when `changing`.
    private func askBitbucketCredentials(changing: Bool) async throws {
        let email = state.credentials.bitbucketEmail
        if changing || email.isEmpty {
            while true {
                let answer = try await ask("Atlassian account email", default: email.isEmpty ? "none" : Self.text(email, limit: 120))
                if answer.isEmpty && email.isEmpty { io.say("The email is required: it is the user name for Bitbucket's API."); continue }
                if !answer.isEmpty && answer != email { await dispatch(.setBitbucketEmail(answer)) }
                break
            }
        }
        let hasToken = state.credentials.bitbucketToken != nil
        guard changing || !hasToken else { return }
        io.say(StepTexts.atlassianTokenHelp)
        while true {
            let answer = try await ask("Atlassian API token (typing is hidden)", default: hasToken ? "keep the current one" : "none", secret: true)
            if answer.isEmpty {
                if hasToken { return }
                io.say("The API token is required.")
                continue
            }
            // The paste rules of the consumer's Key and Secret: no inner whitespace or controls.
            switch CredentialInput.clean(answer, label: "API token") {
            case .failure: io.say("The API token contains a space or control character: paste only the token.")
            case .success(let token):
                await dispatch(.setBitbucketToken(Secret(token)))
                return
            }
        }
    }

    /// The Clerk keys: a Platform API key, or for manual mode a secret or publishable key.
    private func askClerkCredentials(changing: Bool) async throws {
        io.say("A Platform API key (ak_…) lets bbclerk write the connection. Without one, give the secret key or publishable key instead: you paste the values in the Clerk Dashboard and bbclerk checks the result.")
        if changing { io.say("Press Enter to keep a key as it is; type - to remove it.") }
        while true {
            let credentials = state.credentials
            try await askClerkSecret("Clerk Platform API key, ak_…", current: credentials.clerkPlatformKey, set: WizardAction.setClerkPlatformKey)
            if state.credentials.clerkPlatformKey == nil {
                try await askClerkSecret("Clerk secret key, sk_…, for manual mode", current: state.credentials.clerkSecretKey,
                                         set: WizardAction.setClerkSecretKey)
                let publishable = state.credentials.clerkPublishableKey
                let answer = try await ask("Clerk publishable key, pk_…, for manual mode",
                                           default: publishable.isEmpty ? "skip" : Self.text(publishable, limit: 120))
                if answer == "-" && !publishable.isEmpty {
                    await dispatch(.setClerkPublishableKey(""))
                } else if !answer.isEmpty && answer != "-" && answer != publishable {
                    await dispatch(.setClerkPublishableKey(answer))
                }
            }
            let now = state.credentials
            if now.clerkPlatformKey != nil || now.clerkSecretKey != nil || !now.clerkPublishableKey.isEmpty { return }
            io.say("Give at least one Clerk key: a Platform API key, a secret key or a publishable key.")
        }
    }

    private func askClerkSecret(_ label: String, current: Secret?, set: (Secret) -> WizardAction) async throws {
        while true {
            let answer = try await ask("\(label) (typing is hidden)", default: current == nil ? "skip" : "keep the current one", secret: true)
            if answer.isEmpty { return }
            if answer == "-" {
                if current != nil { await dispatch(set(Secret(""))) }
                return
            }
            switch CredentialInput.clean(answer, label: "Key") {
            case .failure: io.say("The key contains a space or control character: paste only the key.")
            case .success(let key):
                await dispatch(set(Secret(key)))
                return
            }
        }
    }

    private func sayConnectResults() {
        switch state.bitbucketUser {
        case .loaded(let user): io.say(Self.signedIn(user))
        case .failed(let error): io.say("Bitbucket: \(Self.text(error.userMessage))")
        default: break
        }
        switch state.clerkAccess {
        case .loaded(let access): io.say(Self.clerkSummary(access))
        case .failed(let error): io.say("Clerk: \(Self.text(error.userMessage))")
        default: break
        }
    }
}
