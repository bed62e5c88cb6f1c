/// Step 9, what was set up: said once for the Done screen, the line mode and the summary
/// left in the terminal's scrollback when the full screen closes.
public enum DonePage {
    public struct Line: Equatable, Sendable {
        public enum Kind: Equatable, Sendable {
            /// Something that now holds.
            case done
            /// Something to watch.
            case warning
            /// How to try it: the sign-in page.
            case tryIt
            /// What to do if it does not work.
            case hint
        }
        public var kind: Kind
        public var text: String
    }

    /// The first thing said once the connection works.
    public static let heading = "Sign in with Bitbucket is set up."

    public static func lines(_ state: WizardState) -> [Line] {
        var lines: [Line] = []
        let key = state.consumerCredentials?.key ?? ""
        lines.append(Line(kind: .done, text: "Bitbucket: consumer \"\(DisplayText.sanitize(state.form.name, limit: 60))\" in workspace \(DisplayText.sanitize(state.consumerWorkspace ?? "", limit: 80)) (key \(DisplayText.sanitize(key, limit: 120))), callback \(DisplayText.sanitize(state.form.callbackURL, limit: 300))."))
        if let target = state.target {
            let how = state.isManualClerk ? "set in the Dashboard" : "connection_oauth_bitbucket enabled with that key"
                + (state.applied.value.map { " (config version \(DisplayText.sanitize($0.configVersion, limit: 30)))" } ?? "")
            lines.append(Line(kind: .done, text: "Clerk: \(DisplayText.sanitize(target.applicationName, limit: 40)) · \(target.environment.name): \(how)."))
        }
        if state.signInConfirmed {
            lines.append(Line(kind: .done, text: "Clerk's Frontend API shows Bitbucket sign-in enabled."))
        }
        // Manual mode: the test sign-in, as found (Continue is held on a mismatch).
        switch state.signInRedirect.value {
        case .proof(let redirect)?: lines.append(Line(kind: .done, text: SignInRedirectVerdict.proof(redirect).userMessage))
        case .couldNotCheck(let error)?: lines.append(Line(kind: .warning, text: SignInRedirectVerdict.couldNotCheck(error).userMessage))
        default: break
        }
        if case .loaded(.publicConsumer) = state.verification {
            lines.append(Line(kind: .warning, text: "The consumer is public: bbclerk could not prove its secret right. If sign-in fails, tick \"This is a private consumer\" in Bitbucket and run bbclerk doctor."))
        }
        if let note = state.target?.proxyNote {
            lines.append(Line(kind: .warning, text: DisplayText.sanitize(note, limit: 600)))
        }
        if let url = state.target?.signInURL {
            lines.append(Line(kind: .tryIt, text: "Try it: open \(DisplayText.sanitize(url, limit: 300)) and choose \"Continue with Bitbucket\"."))
        }
        lines.append(Line(kind: .hint, text: "If Bitbucket shows \"Invalid redirect_uri\", the consumer's Callback URL differs from Clerk's: edit it in Bitbucket to \(state.target.map { DisplayText.sanitize($0.callbackURL, limit: 300) } ?? "Clerk's")."))
        return lines
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
            for line in lines(state) {
                switch line.kind {
                case .done: text.append("✓ " + line.text)
                case .warning: text.append("! " + line.text)
                case .tryIt, .hint: text.append("  " + line.text)
                }
            }
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
