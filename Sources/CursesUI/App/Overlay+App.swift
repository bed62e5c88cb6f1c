import SetupCore

extension Overlay: Equatable {
    public static func == (lhs: Overlay, rhs: Overlay) -> Bool {
        lhs.title == rhs.title && lhs.body == rhs.body && lhs.scroll == rhs.scroll && lhs.selectedButton == rhs.selectedButton
    }
}

/// The dialogs the app can put over a screen.
enum AppOverlay: Equatable {
    /// The keys of the current screen and the general ones, scrollable.
    case help(Overlay)
    case confirmQuit
    /// A draft from an earlier run: resume it or start fresh.
    case resume(WizardDraft)
}
