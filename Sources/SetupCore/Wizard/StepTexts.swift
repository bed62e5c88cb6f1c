/// Sentences the full-screen wizard and the line mode say alike that belong to no one step
/// (what a running effect is doing, what quitting leaves in Clerk); each step's own are its
/// page (``ConnectPage``, ``CreatePage``, …). Text that came from the network is sanitized
/// here (``DisplayText``).
public enum StepTexts {
    /// What is under way while an effect runs, or nil for one that says nothing (local
    /// effects, a cancel).
    public static func progress(_ effect: WizardEffect) -> String? {
        switch effect {
        case .checkBitbucket, .verifyConsumer: checkingBitbucket
        case .checkClerk: checkingClerk
        case .lookUpClerkCLISignIn: nil
        case .loadDomains: "Reading the application's domains from Clerk…"
        case .loadWorkspaces: "Loading your Bitbucket workspaces…"
        case .loadWorkspaceDetails(let slugs, _): "Loading the names of \(slugs.count) workspace\(slugs.count == 1 ? "" : "s")…"
        case .createSandboxConsumer: "Creating the consumer in the sandbox…"
        case .readClerkConfig(_, _, _, .preview): "Reading Clerk's current configuration…"
        case .readClerkConfig(_, _, _, .readBack): readingBack
        case .readClerkConfig(_, _, _, .recheckWrite): "Reading Clerk's configuration again to learn whether the change was applied…"
        case .patchClerkConfig(_, _, _, _, let dryRun, _): dryRun ? "Asking Clerk for a dry run…" : applying
        case .checkEnvironment: askingFrontendAPI
        case .checkSignInRedirect: askingSignInRedirect
        case .after(let seconds, let effect): progress(effect).map { "In \(max(1, Int(seconds.rounded(.up)))) s: " + $0.prefix(1).lowercased() + $0.dropFirst() }
        case .cancel, .saveDraft, .discardDraft, .appendAudit, .copyToClipboard, .openInBrowser: nil
        }
    }

    public static let checkingBitbucket = "Checking with Bitbucket…"
    /// Sync: while the change is sent to Clerk, and while it is read back.
    public static let applying = "Applying the change to Clerk…"
    public static let readingBack = "Reading the configuration back from Clerk…"
    public static let checkingClerk = "Checking with Clerk…"
    /// Sync: while Clerk's Frontend API is asked whether the connection is on.
    public static let askingFrontendAPI = "Asking Clerk's Frontend API whether Bitbucket sign-in is on…"
    /// Sync, manual mode: while a test sign-in (never followed) shows the client_id Clerk uses.
    public static let askingSignInRedirect = "Asking Clerk which client_id it sends sign-ins to Bitbucket with (a test sign-in, never followed)…"

    /// What quitting now leaves in Clerk, as far as bbclerk knows: said in the quit dialog,
    /// so it must not claim that nothing changed once a change was sent.
    public static func clerkOnQuit(_ state: WizardState) -> String {
        if state.isManualClerk {
            return "bbclerk writes nothing to Clerk in manual mode: what you saved in the Dashboard stays."
        }
        if let result = state.applied.value {
            return "The change is applied in Clerk (config version \(DisplayText.sanitize(result.configVersion, limit: 40))); quitting does not undo it."
        }
        if state.applied.isLoading {
            return "A change to Clerk is on its way: quit now and whether it landed is not known (bbclerk doctor can tell)."
        }
        if let check = state.writeCheck {
            switch check.outcome {
            case .applied:
                return "The change is applied in Clerk; quitting does not undo it."
            case .refused:
                break
            case .notVisible:
                return "Clerk does not show the change (it may still appear): bbclerk doctor can tell."
            case .changedByOthers:
                return "Clerk's configuration was changed, but not to this change: bbclerk doctor can tell what it holds."
            case nil, .unknown:
                return "Whether the change reached Clerk is not known: bbclerk doctor can tell."
            }
        }
        return "Nothing is changed in Clerk until you apply it on step \(WizardStep.syncToClerk.number)."
    }
}
