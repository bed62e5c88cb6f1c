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
        for line in ConnectPage.endpointNotes(state.endpoints) { say(line) }
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

    /// The credentials found, under the headings and labels the screen shows them with;
    /// secrets only as "set".
    private func sayCredentialSources() {
        let credentials = state.credentials
        func say(_ credential: ConnectPage.Credential) {
            let value: String? = switch credential {
            case .email: credentials.bitbucketEmail.isEmpty ? nil : credentials.bitbucketEmail
            case .token: credentials.bitbucketToken.map { _ in "set" }
            case .platformKey: credentials.clerkPlatformKey.map { _ in "set" }
            case .secretKey: credentials.clerkSecretKey.map { _ in "set" }
            case .publishableKey: credentials.clerkPublishableKey.isEmpty ? nil : credentials.clerkPublishableKey
            }
            let source = credential.source(credentials)
            io.say("\(credential.label): " + (value.map { Self.text($0, limit: 120) + (source.isEmpty ? "" : " (\(source))") } ?? "not set"))
        }
        io.say("Credentials found.")
        io.say(ConnectPage.bitbucketHeading + ":")
        say(.email)
        say(.token)
        io.say(ConnectPage.clerkHeading + ":")
        say(.platformKey)
        if let problem = credentials.clerkCLIProblem, credentials.clerkPlatformKey == nil { io.say(problem) }
        say(.secretKey)
        say(.publishableKey)
    }

    private func askMissingCredentials() async throws {
        if state.credentials.bitbucket == nil { try await askBitbucketCredentials(changing: false) }
        let credentials = state.credentials
        if !credentials.hasClerkKey {
            try await askClerkCredentials(changing: false)
        }
    }

    /// The email and token: asked when missing, or all of them when `changing`.
    private func askBitbucketCredentials(changing: Bool) async throws {
        let email = state.credentials.bitbucketEmail
        if changing || email.isEmpty {
            while true {
                let answer = try await ask(ConnectPage.Credential.email.label, default: email.isEmpty ? "none" : Self.text(email, limit: 120))
                if answer.isEmpty && email.isEmpty { io.say("The email is required: it is the user name for Bitbucket's API."); continue }
                if !answer.isEmpty && answer != email { await dispatch(.setBitbucketEmail(answer)) }
                break
            }
        }
        let hasToken = state.credentials.bitbucketToken != nil
        guard changing || !hasToken else { return }
        io.say(ConnectPage.atlassianTokenHelp)
        while true {
            let answer = try await ask("Atlassian \(ConnectPage.Credential.token.label) (typing is hidden)", default: hasToken ? "keep the current one" : "none", secret: true)
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
        io.say(ConnectPage.clerkKeysHelp)
        if changing { io.say("Press Enter to keep a key as it is; type - to remove it.") }
        while true {
            let credentials = state.credentials
            try await askClerkSecret(.platformKey, current: credentials.clerkPlatformKey, set: WizardAction.setClerkPlatformKey)
            if state.credentials.clerkPlatformKey == nil {
                try await askClerkSecret(.secretKey, current: state.credentials.clerkSecretKey,
                                         set: WizardAction.setClerkSecretKey)
                let publishable = state.credentials.clerkPublishableKey
                let answer = try await ask(ConnectPage.Credential.publishableKey.clerkPrompt,
                                           default: publishable.isEmpty ? "skip" : Self.text(publishable, limit: 120))
                if answer == "-" && !publishable.isEmpty {
                    await dispatch(.setClerkPublishableKey(""))
                } else if !answer.isEmpty && answer != "-" && answer != publishable {
                    await dispatch(.setClerkPublishableKey(answer))
                }
            }
            if state.credentials.hasClerkKey { return }
            io.say("Give at least one Clerk key: a Platform API key, a secret key or a publishable key.")
        }
    }

    private func askClerkSecret(_ credential: ConnectPage.Credential, current: Secret?, set: (Secret) -> WizardAction) async throws {
        while true {
            let answer = try await ask("\(credential.clerkPrompt) (typing is hidden)", default: current == nil ? "skip" : "keep the current one", secret: true)
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
        case .loaded(let user): io.say(Self.sentence(ConnectPage.signedIn(user)))
        case .failed(let error): io.say("Bitbucket: \(Self.text(error.userMessage))")
        default: break
        }
        switch state.clerkAccess {
        case .loaded(let access): io.say(Self.sentence(ConnectPage.clerkFound(access)))
        case .failed(let error): io.say("Clerk: \(Self.text(error.userMessage))")
        default: break
        }
    }
}
