import Foundation
@testable import CursesUI
@testable import SetupCore

/// Canned, deterministic answers for rendering the wizard's screens without a network.
enum Fixture {
    static let consumerKey = "qsT0AhHH7gtkg2DCZVX3mlXT5o5Z0e6a"
    static let consumerSecret = "Lw8pZr3KxN5bQe7TmY2cVh9sJd4Fu6Ga"

    static let user = BitbucketUser(uuid: "{5b1f3c2e-8a4d-4e0f-9c71-2d6a8b3e4f10}", displayName: "Ada Lovelace",
                                    username: "ada-lovelace", accountID: "712020:0b5c8e1f-3a2d-4c6b-9e7f-1a2b3c4d5e6f")

    static let development = ClerkInstance(id: "ins_2dVqGlowingBat98", environment: .development,
                                           publishableKey: "pk_test_Z2xvd2luZy1iYXQtOTguY2xlcmsuYWNjb3VudHMuZGV2JA")
    static let production = ClerkInstance(id: "ins_2pRdAcmeStore", environment: .production,
                                          publishableKey: "pk_live_Y2xlcmsuYWNtZS1zdG9yZS5jb20k")
    static let acmeStore = ClerkApplication(id: "app_2xAcmeStore01", name: "Acme Store", instances: [development, production])
    static let internalTools = ClerkApplication(id: "app_2xAcmeTools02", name: "Acme Internal Tools", instances: [
        ClerkInstance(id: "ins_2dVqToolsDev", environment: .development),
    ])
    static let domain = ClerkDomain(id: "dmn_2xAcmeStore", name: "acme-store.com",
                                    frontendAPIURL: URL(string: "https://clerk.acme-store.com")!,
                                    accountsPortalURL: URL(string: "https://accounts.acme-store.com")!, isSatellite: false)

    /// Manual mode (a secret key, no Platform API key): the production instance, seen from outside.
    static let manualTarget = ClerkTarget(applicationID: nil, applicationName: "acme-store.com", instanceID: "ins_2pRdAcmeStore",
                                          environment: .production, frontendAPIURL: URL(string: "https://clerk.acme-store.com")!,
                                          homeURL: "https://acme-store.com")

    /// Workspaces the user administers: slug and name, one with non-ASCII and wide characters.
    static let workspaces: [(slug: String, name: String)] = [
        ("acme-store", "Acme Store"),
        ("acme-labs", "Acme Labs"),
        ("zurich-team", "Zürich Ünïcode 日本 Team"),
        ("ada-lovelace", "Ada Lovelace"),
        ("analytical-engine", "Analytical Engine Working Group"),
        ("payments-platform", "Payments Platform"),
        ("mobile-apps", "Mobile Apps"),
        ("data-science", "Data Science"),
        ("infra-ops", "Infrastructure & Operations"),
        ("design-system", "Design System"),
        ("security-team", "Security Team"),
        ("open-source", "Open Source"),
    ]

    static func summaries(_ range: Range<Int>) -> [WorkspaceSummary] {
        workspaces[range].enumerated().map { offset, workspace in
            WorkspaceSummary(slug: workspace.slug, uuid: String(format: "{00000000-0000-4000-8000-%012d}", range.lowerBound + offset),
                             isAdministrator: true)
        }
    }

    static func details(_ slug: String) -> WorkspaceDetails? {
        guard let index = workspaces.firstIndex(where: { $0.slug == slug }) else { return nil }
        return WorkspaceDetails(slug: slug, uuid: String(format: "{00000000-0000-4000-8000-%012d}", index),
                                name: workspaces[index].name, isPrivate: true,
                                htmlURL: URL(string: "https://bitbucket.org/\(slug)/"))
    }

    static let unauthorized = RemoteError(service: .bitbucket, kind: .unauthorized, status: 401,
                                          userMessage: "Bitbucket did not accept the email and API token: check both, and that the token has the scopes read:user:bitbucket and read:workspace:bitbucket.",
                                          logDetail: "GET /2.0/user: 401")

    /// The connection before bbclerk touches it, and as the dry run says it will be.
    static let configBefore = ClerkConfigSnapshot(configVersion: "cfgv_2xA1", connection: BitbucketConnectionConfig(
        enabled: false, authenticatable: true, clientID: nil,
        raw: ["enabled": .bool(false), "authenticatable": .bool(true), "client_id": .string(""), "block_email_subaddresses": .bool(false)]))
    static let beforeJSON: JSONValue = .object(["connection_oauth_bitbucket": .object([
        "enabled": .bool(false), "authenticatable": .bool(true), "client_id": .string(""), "block_email_subaddresses": .bool(false),
    ])])
    static let afterJSON: JSONValue = .object(["connection_oauth_bitbucket": .object([
        "enabled": .bool(true), "authenticatable": .bool(true), "client_id": .string(consumerKey),
        "client_secret": .string(Secret.mask), "block_email_subaddresses": .bool(false),
    ])])
    static let dryRun = ClerkPatchResult(configVersion: "cfgv_2xA1", dryRun: true, before: beforeJSON, after: afterJSON)
    static let applied = ClerkPatchResult(configVersion: "cfgv_2xA2", dryRun: false, before: beforeJSON, after: afterJSON)
    static let readBack = ClerkConfigSnapshot(configVersion: "cfgv_2xA2", connection: BitbucketConnectionConfig(
        enabled: true, authenticatable: true, clientID: consumerKey,
        raw: ["enabled": .bool(true), "authenticatable": .bool(true), "client_id": .string(consumerKey)]))

    static let sandboxEndpoints = Endpoints(bitbucketAPI: URL(string: "http://127.0.0.1:47110/2.0")!,
                                            bitbucketWeb: URL(string: "http://127.0.0.1:47110")!,
                                            clerkAPI: URL(string: "http://127.0.0.1:47111/v1")!,
                                            clerkFrontendOverride: URL(string: "http://127.0.0.1:47112")!)

    /// Credentials as found in the environment (so the Connect screen says "environment").
    static func credentials(manual: Bool = false) -> SessionCredentials {
        var environment = ["BITBUCKET_EMAIL": "ada@acme-store.com", "BITBUCKET_API_TOKEN": "ATATT3xFfGF0T4kqPz9Lw2mB7cXn5vR8sJ1dH6gY"]
        if manual {
            environment["CLERK_SECRET_KEY"] = "sk_live_9Jt4Qw7Er2Ty5Ui8Op1As3Df6Gh0Jk"
        } else {
            environment["CLERK_PLATFORM_API_KEY"] = "ak_live_3Hx8Kp2Vn6Wq9Zr4Tb7Ym1Lc5Jd0Fs"
        }
        return SessionCredentials.fromEnvironment(environment)
    }
}

/// The wizard's state and screens at one terminal size, driven like ``WizardApp`` does but
/// purely: actions go through `Wizard.reduce`, effects are dropped, answers are fed by hand.
struct ScreenHarness {
    var state: WizardState
    var screens: ScreenSet
    let columns: Int
    let rows: Int
    var overlay: AppOverlay?
    var scrollOffsets: [WizardStep: Int] = [:]

    init(columns: Int, rows: Int, mode: WizardState.Mode = .live, manual: Bool = false) {
        let state = WizardState(mode: mode, endpoints: mode == .sandbox ? Fixture.sandboxEndpoints : .production,
                                credentials: Fixture.credentials(manual: manual))
        self.state = state
        self.columns = columns
        self.rows = rows
        self.screens = ScreenSet(state: state)
        syncScreen()
    }

    /// Opens the help dialog as `?` does in ``WizardApp``.
    mutating func openHelp() {
        overlay = .help(ScreenFrame.helpDialog(state: state, screen: screens.current(state.step)))
    }

    var isTooSmall: Bool { columns < WizardApp.minimumSize.columns || rows < WizardApp.minimumSize.rows }

    /// Sends actions through the reducer (effects ignored), re-syncing the screen after each.
    mutating func send(_ actions: WizardAction...) {
        for action in actions {
            _ = Wizard.reduce(&state, action)
            syncScreen()
        }
    }

    /// As `WizardApp.syncScreen`: lays the current screen out and dispatches what it asks for.
    mutating func syncScreen() {
        let size = ScreenFrame.contentSize(columns: columns, rows: rows)
        let state = state
        let actions = screens.withCurrent(state.step) { screen in
            screen.layout(columns: size.columns, rows: size.rows)
            return screen.sync(state)
        }
        for action in actions { send(action) }
    }

    /// Keys handled by the current screen; the actions it sends go through the reducer
    /// (copy and open commands are dropped).
    mutating func press(_ keys: KeyEvent...) {
        for key in keys {
            let state = state
            let commands = screens.withCurrent(state.step) { $0.handle(key, state) } ?? []
            for case .send(let action) in commands { send(action) }
        }
    }

    /// Answers every workspace-name request the screen made (names for the visible rows).
    mutating func answerWorkspaceNames() {
        while let slug = state.workspaces.pendingDetails.sorted().first {
            if let details = Fixture.details(slug) {
                send(.workspaceDetailsLoaded(slug: slug, .success(details)))
            } else {
                send(.workspaceDetailsLoaded(slug: slug, .failure(Fixture.unauthorized)))
            }
        }
    }

    /// What the current screen reports about its own layout (drawn on a tall canvas).
    func screenLayout() -> ScreenLayout {
        var content = Canvas(width: columns, height: 120)
        return screens.current(state.step).render(state, into: &content, tick: 0)
    }

    /// The frame as `WizardApp.draw` paints it, with tick 0 (the spinner's first frame);
    /// `.ascii` glyphs as under `LANG=C`.
    mutating func canvas(glyphs: Glyphs = .unicode) -> Canvas { frame(glyphs: glyphs).canvas }

    /// The frame and where the terminal cursor goes (nil under an overlay, as in the app).
    mutating func frame(glyphs: Glyphs = .unicode) -> (canvas: Canvas, cursor: CursorPosition?) {
        var canvas = Canvas(width: columns, height: rows, glyphs: glyphs)
        if isTooSmall {
            TooSmallNotice(minimumColumns: WizardApp.minimumSize.columns, minimumRows: WizardApp.minimumSize.rows)
                .render(into: &canvas)
            return (canvas, nil)
        }
        let cursor = ScreenFrame.draw(state: state, screen: screens.current(state.step), overlay: overlay,
                                      scrollOffset: &scrollOffsets[state.step, default: 0], tick: 0, into: &canvas)
        return (canvas, overlay == nil ? cursor : nil)
    }
}

/// The walk through the wizard with canned answers; each function goes one step further.
enum Journey {
    /// Step 1 with both checks answered successfully.
    static func connect(_ columns: Int, _ rows: Int, mode: WizardState.Mode = .live, manual: Bool = false) -> ScreenHarness {
        var h = ScreenHarness(columns: columns, rows: rows, mode: mode, manual: manual)
        h.send(.start, .bitbucketChecked(.success(Fixture.user)))
        if manual {
            h.send(.clerkChecked(.success(.manual(target: Fixture.manualTarget, source: .secretKey))))
        } else {
            h.send(.clerkChecked(.success(.platform(applications: [Fixture.acmeStore, Fixture.internalTools]))))
        }
        return h
    }

    /// Step 2: Acme Store with its production instance preselected, domains read.
    static func application(_ columns: Int, _ rows: Int, mode: WizardState.Mode = .live, manual: Bool = false) -> ScreenHarness {
        var h = connect(columns, rows, mode: mode, manual: manual)
        h.press(.enter)
        if !manual { h.send(.domainsLoaded(application: Fixture.acmeStore.id, .success([Fixture.domain]))) }
        return h
    }

    /// Step 3: every page listed; names answered for the rows in view when `names`.
    static func workspace(_ columns: Int, _ rows: Int, mode: WizardState.Mode = .live, manual: Bool = false,
                          names: Bool = true) -> ScreenHarness {
        var h = application(columns, rows, mode: mode, manual: manual)
        h.send(.next)
        h.send(.workspacePageLoaded(Fixture.summaries(0..<10), isLast: false))
        h.send(.workspacePageLoaded(Fixture.summaries(10..<Fixture.workspaces.count), isLast: true))
        if names { h.answerWorkspaceNames() }
        return h
    }

    /// Step 4: the form as prefilled from Clerk, for workspace acme-store.
    static func consumer(_ columns: Int, _ rows: Int, mode: WizardState.Mode = .live, manual: Bool = false) -> ScreenHarness {
        var h = workspace(columns, rows, mode: mode, manual: manual)
        h.send(.selectWorkspace("acme-store"), .next)
        return h
    }

    /// Step 5: default scopes (Account Email and Read), after adding a description.
    static func scopes(_ columns: Int, _ rows: Int, mode: WizardState.Mode = .live, manual: Bool = false) -> ScreenHarness {
        var h = consumer(columns, rows, mode: mode, manual: manual)
        h.send(.setField(.description, "Sign in to Acme Store with your Bitbucket account"),
               .setField(.privacyPolicyURL, "https://acme-store.com/privacy"))
        h.send(.next)
        return h
    }

    /// Step 6: nothing pasted yet.
    static func create(_ columns: Int, _ rows: Int, mode: WizardState.Mode = .live, manual: Bool = false) -> ScreenHarness {
        var h = scopes(columns, rows, mode: mode, manual: manual)
        h.send(.next)
        return h
    }

    /// Step 7: key and secret pasted, Bitbucket's verdict answered.
    static func keySecret(_ columns: Int, _ rows: Int, verdict: CredentialVerdict = .valid(grantedScopes: ["account", "email"]),
                          manual: Bool = false) -> ScreenHarness {
        var h = create(columns, rows, manual: manual)
        h.send(.setConsumerKey(Fixture.consumerKey), .setConsumerSecret(Secret(Fixture.consumerSecret)), .next)
        h.send(.verified(verdict))
        return h
    }

    /// Step 8, manual mode: saved in the Dashboard, sign-in on, and the test sign-in's
    /// client_id: the Key entered (nil) or another.
    static func manualRedirect(_ columns: Int, _ rows: Int, clientID: String?) -> ScreenHarness {
        var h = sync(columns, rows, manual: true)
        let key = h.state.consumerCredentials?.key ?? ""
        h.send(.markManualSaved, .environmentChecked(.success(.signIn(enabled: true, authenticatable: true))),
               .signInRedirectChecked(.success(BitbucketAuthorizeRedirect(clientID: clientID ?? key, redirectURI: Fixture.manualTarget.callbackURL))))
        return h
    }

    /// Step 8: the dry run's diff shown (platform mode), or the Dashboard steps (manual mode).
    static func sync(_ columns: Int, _ rows: Int, manual: Bool = false) -> ScreenHarness {
        var h = keySecret(columns, rows, manual: manual)
        h.send(.next)
        if !manual { h.send(.configLoaded(.success(Fixture.configBefore)), .dryRunFinished(.success(Fixture.dryRun))) }
        return h
    }

    /// Step 8 after applying: read back and the Frontend API check passed.
    static func synced(_ columns: Int, _ rows: Int) -> ScreenHarness {
        var h = sync(columns, rows)
        h.send(.applySync, .applyFinished(.success(Fixture.applied)), .readBackFinished(.success(Fixture.readBack)),
               .environmentChecked(.success(.signIn(enabled: true, authenticatable: true))))
        return h
    }

    /// Step 9.
    static func done(_ columns: Int, _ rows: Int) -> ScreenHarness {
        var h = synced(columns, rows)
        h.send(.next)
        return h
    }
}

/// Every screen case snapshotted, by name (`screen-<name>-<W>x<H>`), with how to reach it.
struct ScreenCase {
    let name: String
    let step: WizardStep
    let make: (_ columns: Int, _ rows: Int) -> ScreenHarness

    /// The two sizes every screen is checked at: the classic terminal and the minimum.
    static let sizes: [(columns: Int, rows: Int)] = [(80, 24), (60, 16)]

    static var all: [ScreenCase] {
        [
            ScreenCase(name: "connect-checked", step: .connect) { Journey.connect($0, $1) },
            ScreenCase(name: "connect-unauthorized", step: .connect) { columns, rows in
                var h = ScreenHarness(columns: columns, rows: rows)
                h.send(.start, .bitbucketChecked(.failure(Fixture.unauthorized)),
                       .clerkChecked(.success(.platform(applications: [Fixture.acmeStore, Fixture.internalTools]))))
                h.press(.enter)  // Continue: blocked, the status says why
                return h
            },
            ScreenCase(name: "application-production", step: .clerkApplication) { Journey.application($0, $1) },
            ScreenCase(name: "application-development", step: .clerkApplication) { columns, rows in
                var h = Journey.application(columns, rows)
                h.press(.tab, .up)  // to the instances, then the development one
                return h
            },
            // With the workspaces left out because the user is not an admin there.
            ScreenCase(name: "workspace-names", step: .workspace) { columns, rows in
                var h = Journey.workspace(columns, rows)
                h.send(.memberOnlyWorkspacesCounted(3))
                return h
            },
            ScreenCase(name: "workspace-loading", step: .workspace) { columns, rows in
                var h = Journey.application(columns, rows)
                h.send(.next, .workspacePageLoaded(Fixture.summaries(0..<10), isLast: false))
                return h
            },
            ScreenCase(name: "consumer-prefilled", step: .consumer) { Journey.consumer($0, $1) },
            ScreenCase(name: "consumer-wrong-callback", step: .consumer) { columns, rows in
                var h = Journey.consumer(columns, rows)
                h.press(.tab, .tab)  // to Callback URL
                h.send(.setField(.callbackURL, "https://accounts.acme-store.com/v1/oauth_callback"))
                return h
            },
            ScreenCase(name: "scopes-implication", step: .scopes) { columns, rows in
                var h = Journey.scopes(columns, rows)
                h.press(.down, .down, .down, .down, .right)  // Pull requests: Write
                h.press(.character(" "))                     // ticks Pull requests Read, Repositories Read and Write too
                return h
            },
            ScreenCase(name: "create-live", step: .createInBitbucket) { Journey.create($0, $1) },
            // The sandbox button, the next action, has the focus from the start.
            ScreenCase(name: "create-sandbox", step: .createInBitbucket) { Journey.create($0, $1, mode: .sandbox) },
            ScreenCase(name: "keysecret-valid", step: .keyAndSecret) { Journey.keySecret($0, $1) },
            ScreenCase(name: "keysecret-wrong", step: .keyAndSecret) { Journey.keySecret($0, $1, verdict: .wrongCredentials) },
            ScreenCase(name: "sync-dryrun", step: .syncToClerk) { Journey.sync($0, $1) },
            ScreenCase(name: "sync-applied", step: .syncToClerk) { Journey.synced($0, $1) },
            ScreenCase(name: "sync-manual", step: .syncToClerk) { Journey.sync($0, $1, manual: true) },
            ScreenCase(name: "sync-manual-proof", step: .syncToClerk) { Journey.manualRedirect($0, $1, clientID: nil) },
            ScreenCase(name: "sync-manual-mismatch", step: .syncToClerk) { Journey.manualRedirect($0, $1, clientID: "0ldKeyFromLastYear") },
            ScreenCase(name: "done", step: .done) { Journey.done($0, $1) },
        ]
    }
}
