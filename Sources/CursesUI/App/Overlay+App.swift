import SetupCore

/// The dialogs the app can put over a screen.
enum AppOverlay: Equatable {
    case help
    case confirmQuit
    /// A draft from an earlier run: resume it or start fresh.
    case resume(WizardDraft)
}
