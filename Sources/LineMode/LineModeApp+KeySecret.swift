#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SetupCore

/// Steps 6 and 7 as prompts: creating the consumer in Bitbucket, its Key and Secret, and
/// their verification.
///
/// Each step function asks until its step is left: forward through `.next` (the reducer
/// decides whether it may), back by throwing ``LineExit/back``.
extension LineModeApp {
    // MARK: 6. Create in Bitbucket

    func createStep() async throws {
        io.say(CreatePage.why)
        io.say(CreatePage.openStep(keys: nil))
        if let url = state.consumerPageURL { io.say("\(CreatePage.linkLabel): \(Self.text(url.absoluteString))") }
        io.say(CreatePage.enterStep(keys: nil))
        for value in CreatePage.values(state) {
            io.say("\(value.label): \(value.value.isEmpty ? CreatePage.leaveEmpty : Self.text(value.value, limit: 300))")
        }
        io.say(CreatePage.pasteStep)
        if let stash = state.stashedConsumer, state.consumerKeyInput.isEmpty { io.say(Self.text(stash.notice, limit: 600)) }
        while state.step == .createInBitbucket {
            var options: [(String, () async throws -> Void)] = []
            if let credentials = state.consumerCredentials {
                options.append(("Keep the Key and Secret already entered (Key \(Self.text(credentials.key, limit: 80)))", {}))
            }
            if state.mode == .sandbox {
                options.append((CreatePage.sandboxButton, { await self.dispatch(.createInSandbox) }))
                options.append(("I created it, paste key and secret", { try await self.askKeyAndSecret() }))
            } else if !options.isEmpty {
                options.append(("Paste a different Key and Secret", { try await self.askKeyAndSecret() }))
            }
            if options.isEmpty {
                try await askKeyAndSecret()
            } else {
                let choice = try await choose("Choose what to do", options.map(\.0))
                try await options[choice].1()
            }
            await dispatch(.next)
            if state.step == .createInBitbucket, let blocker = Wizard.blocker(state) { io.say("Problem: \(Self.text(blocker.text))") }
        }
    }

    private func askKeyAndSecret() async throws {
        while true {
            let current = state.consumerKeyInput
            let answer = try await ask("Key", default: current.isEmpty ? "none" : Self.text(current, limit: 120))
            switch CredentialInput.clean(answer.isEmpty ? current : answer, label: "Key") {
            case .failure(let issue): io.say("Problem: \(issue.message)")
            case .success(let key):
                if key != current { await dispatch(.setConsumerKey(key)) }
                return try await askSecret()
            }
        }
    }

    private func askSecret() async throws {
        while true {
            let current = state.consumerSecretInput
            let answer = try await ask("Secret (typing is hidden)", default: current.isEmpty ? "none" : "keep the one entered", secret: true)
            switch CredentialInput.clean(answer.isEmpty ? current.exposed : answer, label: "Secret") {
            case .failure(let issue): io.say("Problem: \(issue.message)")
            case .success(let secret):
                if secret != current.exposed { await dispatch(.setConsumerSecret(Secret(secret))) }
                return
            }
        }
    }

    // MARK: 7. Key and secret

    func keySecretStep() async throws {
        while state.step == .keyAndSecret {
            if state.verification == .idle { await dispatch(.verify) }
            io.say("\(KeySecretPage.keyLabel): \(Self.text(state.consumerCredentials?.key ?? "", limit: 120))")
            io.say("\(KeySecretPage.secretLabel): hidden")
            io.say(KeySecretPage.verificationHeading + ":")
            for line in KeySecretPage.verification(state) ?? [] { say(line) }
            if case .loaded(let verdict) = state.verification, verdict.isWeakEvidence, verdict.isUsable, !state.weakVerdictAccepted {
                // Weaker evidence: the user says yes to it, or checks again after making the consumer private.
                io.say("Only the weaker check could run for this public consumer, and a wrong secret might pass it.")
                if try await confirm("Go on to Sync to Clerk with this key and secret anyway?", default: false) {
                    await dispatch(.acceptWeakVerdict)
                } else {
                    let choice = try await choose("Choose what to do", ["Check again (after ticking \"This is a private consumer\" in Bitbucket)", "Go back and paste a different Key and Secret"])
                    if choice == 1 { throw LineExit.back }
                    await dispatch(.verify)
                }
                continue
            }
            if Wizard.blocker(state) == nil {
                let choice = try await choose("Choose what to do", ["Continue to Sync to Clerk", "Go back and paste a different Key and Secret"])
                if choice == 1 { throw LineExit.back }
                await dispatch(.next)
            } else if state.verification.error != nil || state.verification.value?.blocksSync == true {
                // A failed check (network, rate limit) or a verdict that blocks: the user may
                // have fixed the consumer in Bitbucket meanwhile; .verify always checks again.
                let choice = try await choose("Choose what to do", ["Check again", "Go back and paste a different Key and Secret"])
                if choice == 1 { throw LineExit.back }
                await dispatch(.verify)
            } else {
                try await pause("Press Enter to go back and paste a different Key and Secret")
                throw LineExit.back
            }
        }
    }
}
