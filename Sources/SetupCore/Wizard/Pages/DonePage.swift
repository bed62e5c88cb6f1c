/// Step 9, what was set up: said once for the Done screen, the line mode and the summary
/// left in the terminal's scrollback when the full screen closes.
public enum DonePage {
    /// The first thing said once the connection works.
    public static let heading = "Sign in with Bitbucket is set up."

    /// What now holds (✓) and what to watch (⚠), in that order of finding.
    public static func facts(_ state: WizardState) -> [PageLine] {
        func done(_ text: String) -> PageLine { PageLine(text, .success, mark: .check) }
        func watch(_ text: String) -> PageLine { PageLine(text, .warning, mark: .warning) }
        var lines: [PageLine] = []
        let key = state.consumerCredentials?.key ?? ""
        lines.append(done("Bitbucket: consumer \"\(DisplayText.sanitize(state.form.name, limit: 60))\" in workspace \(DisplayText.sanitize(state.consumerWorkspace ?? "", limit: 80)) (key \(DisplayText.sanitize(key, limit: 120))), callback \(DisplayText.sanitize(state.form.callbackURL, limit: 300))."))
        if let target = state.target {
            let how = state.isManualClerk ? "set in the Dashboard" : "connection_oauth_bitbucket enabled with that key"
                + (state.applied.value.map { " (config version \(DisplayText.sanitize($0.configVersion, limit: 30)))" } ?? "")
            lines.append(done("Clerk: \(DisplayText.sanitize(target.applicationName, limit: 40)) · \(target.environment.name): \(how)."))
        }
        if state.signInConfirmed {
            lines.append(done("Clerk's Frontend API shows Bitbucket sign-in enabled."))
        }
        // Manual mode: the test sign-in, as found (Continue is held on a mismatch).
        switch state.signInRedirect.value {
        case .proof(let redirect)?: lines.append(done(SignInRedirectVerdict.proof(redirect).userMessage))
        case .couldNotCheck(let error)?: lines.append(watch(SignInRedirectVerdict.couldNotCheck(error).userMessage))
        default: break
        }
        if case .loaded(.publicConsumer) = state.verification {
            lines.append(watch("The consumer is public: bbclerk could not prove its secret right. If sign-in fails, tick \"This is a private consumer\" in Bitbucket and run bbclerk doctor."))
        }
        if let note = state.target?.proxyNote {
            lines.append(watch(DisplayText.sanitize(note, limit: 600)))
        }
        return lines
    }

    /// How to try it: the instance's sign-in page; `keys` is how the front end opens and
    /// copies the link ("o opens, c copies"). Nil when the instance has no sign-in page.
    private static func tryIt(_ state: WizardState, keys: String?) -> String? {
        state.target?.signInURL.map { url in
            "Try it: open \(DisplayText.sanitize(url, limit: 300)) and choose \"Continue with Bitbucket\"" + (keys.map { " (\($0))" } ?? "") + "."
        }
    }

    /// What to do when sign-in fails with Bitbucket's most common refusal.
    private static func redirectHint(_ state: WizardState) -> String {
        "If Bitbucket shows \"Invalid redirect_uri\", the consumer's Callback URL differs from Clerk's: edit it in Bitbucket to \(state.target.map { DisplayText.sanitize($0.callbackURL, limit: 300) } ?? "Clerk's")."
    }

    /// The advice after the facts: how to try it, then what to do if it fails.
    public static func advice(_ state: WizardState, keys: String?) -> [String] {
        (tryIt(state, keys: keys).map { [$0] } ?? []) + [redirectHint(state)]
    }

    /// What to run to be offered a kept draft back: a sandbox draft is offered only by
    /// another sandbox run.
    public static func resumeCommand(_ mode: WizardState.Mode) -> String {
        mode == .sandbox ? "bbclerk --sandbox" : "bbclerk"
    }

    /// What stays in the terminal after the full screen closes: on Done, the summary and how
    /// to check it again; after a quit with answers saved, how to resume. Nil for nothing.
    public static func farewell(_ outcome: WizardOutcome, state: WizardState, draftKept: Bool) -> String? {
        switch outcome {
        case .done:
            var text = [heading]
            // Left in the scrollback, it must not read as a real setup: the badge that says
            // "sandbox" on every screen is gone by then.
            if state.mode == .sandbox {
                text.append("  This was the sandbox: nothing real was changed. Run bbclerk without --sandbox to do it for real.")
            }
            // "!", not "⚠": the scrollback is read in any font.
            text += facts(state).map { ($0.mark == .check ? "✓ " : "! ") + $0.text }
            text += advice(state, keys: nil).map { "  " + $0 }
            // doctor audits the real Clerk (with a Platform key or sign-in, or from outside with
            // the keys manual mode used), not what a --sandbox run set up; given the Key it
            // also checks that Clerk uses this consumer.
            if state.mode == .live {
                let key = state.consumerCredentials.map { " --consumer-key " + DisplayText.sanitize($0.key, limit: 120) } ?? ""
                // The command on a line of its own, so it is copied whole.
                text.append("  Check it again any time:")
                text.append("    bbclerk doctor" + key)
            }
            return text.joined(separator: "\n")
        case .aborted, .declined:
            return draftKept ? "Your answers are saved: run \(resumeCommand(state.mode)) to resume where you left off." : nil
        case .hangup, .signalled:
            return nil
        }
    }
}
