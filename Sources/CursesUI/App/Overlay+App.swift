import SetupCore

/// The dialogs the app can put over a screen.
enum AppOverlay: Equatable {
    case help
    case confirmQuit
}
