import SetupCore

/// One screen per step, each keeping its own focus and widget state while the user goes
/// back and forth.
struct ScreenSet {
    /// The screens in step order: `screens[step.rawValue - 1]` is `step`'s.
    private var screens: [any WizardScreen]

    init(state: WizardState) {
        screens = WizardStep.allCases.map { Self.makeScreen($0, state: state) }
    }

    /// A new screen for `step`.
    private static func makeScreen(_ step: WizardStep, state: WizardState) -> any WizardScreen {
        switch step {
        case .connect: ConnectScreen(state: state)
        case .clerkApplication: ApplicationScreen()
        case .workspace: WorkspaceScreen()
        case .consumer: ConsumerScreen()
        case .scopes: ScopesScreen()
        case .createInBitbucket: CreateScreen()
        case .keyAndSecret: KeySecretScreen()
        case .syncToClerk: SyncScreen()
        case .done: DoneScreen()
        }
    }

    private static func index(_ step: WizardStep) -> Int { step.rawValue - WizardStep.connect.rawValue }

    func current(_ step: WizardStep) -> any WizardScreen { screens[Self.index(step)] }

    /// Runs `body` on the current step's screen and keeps what it changed.
    mutating func withCurrent<T>(_ step: WizardStep, _ body: (inout any WizardScreen) -> T) -> T {
        body(&screens[Self.index(step)])
    }
}
