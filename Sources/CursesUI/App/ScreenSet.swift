import SetupCore

/// One screen per step, each keeping its own focus and widget state while the user goes
/// back and forth.
struct ScreenSet {
    var connect: ConnectScreen
    var application = ApplicationScreen()
    var workspace = WorkspaceScreen()
    var consumer = ConsumerScreen()
    var scopes = ScopesScreen()
    var create = CreateScreen()
    var keySecret = KeySecretScreen()
    var sync = SyncScreen()
    var done = DoneScreen()

    init(state: WizardState) {
        connect = ConnectScreen(state: state)
    }

    func current(_ step: WizardStep) -> any WizardScreen {
        switch step {
        case .connect: connect
        case .clerkApplication: application
        case .workspace: workspace
        case .consumer: consumer
        case .scopes: scopes
        case .createInBitbucket: create
        case .keyAndSecret: keySecret
        case .syncToClerk: sync
        case .done: done
        }
    }

    /// Runs `body` on the current step's screen and keeps what it changed.
    mutating func withCurrent<T>(_ step: WizardStep, _ body: (inout any WizardScreen) -> T) -> T {
        var screen = current(step)
        let result = body(&screen)
        switch step {
        case .connect: connect = screen as! ConnectScreen
        case .clerkApplication: application = screen as! ApplicationScreen
        case .workspace: workspace = screen as! WorkspaceScreen
        case .consumer: consumer = screen as! ConsumerScreen
        case .scopes: scopes = screen as! ScopesScreen
        case .createInBitbucket: create = screen as! CreateScreen
        case .keyAndSecret: keySecret = screen as! KeySecretScreen
        case .syncToClerk: sync = screen as! SyncScreen
        case .done: done = screen as! DoneScreen
        }
        return result
    }
}
