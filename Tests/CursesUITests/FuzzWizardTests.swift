import Foundation
import TestSupport
import XCTest
@testable import CursesUI
@testable import SetupCore

/// Canned remote answers and values for driving the reducer without a network. Secrets
/// carry a prefix per service, so an effect that carries one to the wrong service shows.
enum FuzzWorld {
    /// Loopback port 9 (discard): nothing listens, so a request fails at once.
    static let endpoints = Endpoints(
        bitbucketAPI: URL(string: "http://127.0.0.1:9/2.0")!, bitbucketWeb: URL(string: "http://127.0.0.1:9/bitbucket")!,
        clerkAPI: URL(string: "http://127.0.0.1:9/v1")!, clerkFrontendOverride: URL(string: "http://127.0.0.1:9/frontend")!)

    static let bitbucketTokenPrefix = "ATATT"
    static let platformKeyPrefix = "ak_"
    static let consumerSecretPrefix = "csec"

    static func credentials() -> SessionCredentials {
        var credentials = SessionCredentials()
        credentials.bitbucketEmail = "ada@example.com"
        credentials.bitbucketToken = Secret(bitbucketTokenPrefix + "3xFfGF0fuzzbitbuckettoken")
        credentials.clerkPlatformKey = Secret(platformKeyPrefix + "fuzzplatformkey0123456789")
        return credentials
    }

    static func publishableKey(host: String, live: Bool) -> String {
        (live ? "pk_live_" : "pk_test_") + Data("\(host)$".utf8).base64EncodedString().replacingOccurrences(of: "=", with: "")
    }

    static let hostileName = "Hostile\u{1B}[31mRed\u{1B}[0m\nApp\u{202E}gnp.exe\u{1B}]52;c;ZWNobyBwd25lZA==\u{07}"
    static let longName = "Lengthy " + String(repeating: "abcdefghij", count: 49) + " TAIL-END"

    static let applications: [ClerkApplication] = [
        ClerkApplication(id: "app_acme", name: "Acme Store", instances: [
            ClerkInstance(id: "ins_acme_dev", environment: .development, publishableKey: publishableKey(host: "glowing-bat-98.clerk.accounts.dev", live: false)),
            ClerkInstance(id: "ins_acme_prod", environment: .production, publishableKey: publishableKey(host: "clerk.acme-store.com", live: true)),
        ]),
        ClerkApplication(id: "app_hostile", name: hostileName, instances: [
            ClerkInstance(id: "ins_hostile_prod", environment: .production, publishableKey: nil),
            ClerkInstance(id: "ins_hostile_other", environment: .other("stag\u{1B}[2Jing"), publishableKey: "pk_test_not-base64!"),
        ]),
        ClerkApplication(id: "app_long", name: longName, instances: []),
    ]

    static func domains(_ application: String) -> [ClerkDomain] {
        switch application {
        case "app_acme":
            return [ClerkDomain(id: "dmn_acme", name: "acme-store.com", frontendAPIURL: URL(string: "https://clerk.acme-store.com")!,
                                accountsPortalURL: URL(string: "https://accounts.acme-store.com")!),
                    ClerkDomain(id: "dmn_sat", name: "satellite.example", frontendAPIURL: URL(string: "https://clerk.satellite.example")!,
                                isSatellite: true)]
        case "app_hostile":
            return [ClerkDomain(id: nil, name: "hostile\u{1B}[2J.example", frontendAPIURL: URL(string: "https://clerk.hostile.example")!)]
        default:
            return []
        }
    }

    static let slugs = ["acme-store", "ada-lovelace", "evil-corp", "lengthy-workspace"] + (1...40).map { "team-\($0)" }

    static func details(_ slug: String) -> WorkspaceDetails {
        let name = switch slug {
        case "evil-corp": "Evil\u{1B}[2J\u{1B}]0;pwned\u{07} Corp\u{202E}gnp.exe"
        case "lengthy-workspace": longName
        case "acme-store": "Acme Store"
        default: "Team \(slug) 日本 👩‍💻"
        }
        return WorkspaceDetails(slug: slug, uuid: "{\(slug)}", name: name, isPrivate: slug.count % 2 == 0)
    }

    static func failure(_ service: RemoteError.Service, _ kind: RemoteError.Kind = .network, status: Int? = nil) -> RemoteError {
        RemoteError(service: service, kind: kind, status: status,
                    userMessage: "It failed\u{1B}]52;c;ZWNobyBwd25lZA==\u{07} (hostile\u{202E} text)\n\(String(repeating: "long ", count: 60))",
                    logDetail: "fuzz")
    }

    static let user = BitbucketUser(uuid: "{user}", displayName: "Ada \u{1B}[1mLovelace\u{1B}[0m", username: "ada\u{202E}lovelace")

    static func configJSON(clientID: String?) -> JSONValue {
        .object(["connection_oauth_bitbucket": .object([
            "enabled": .bool(clientID != nil), "authenticatable": .bool(true), "client_id": clientID.map { .string($0) } ?? .null,
            "client_secret": .string(Secret.mask), "evil\u{1B}[2Jkey": .string("v\u{1B}]0;x\u{07}"), "count": .number(3),
            "list": .array([.string("a"), .bool(false), .null]), "nested": .object([:]),
        ])])
    }

    /// The action a remote service answers `effect` with, given the state when it is answered.
    static func answer(_ effect: WizardEffect, state: WizardState, succeed: Bool, rng: inout FuzzRandom) -> [WizardAction] {
        switch effect {
        case .checkBitbucket:
            return [.bitbucketChecked(succeed ? .success(user) : .failure(failure(.bitbucket, .unauthorized, status: 401)))]
        case .checkClerk:
            if !succeed { return [.clerkChecked(.failure(failure(.clerkPlatform, .forbidden(missingScopes: nil), status: 403)))] }
            if rng.chance(85) { return [.clerkChecked(.success(.platform(applications: applications)))] }
            let target = ClerkTarget(applicationID: nil, applicationName: hostileName, instanceID: "production", environment: .production,
                                     frontendAPIURL: URL(string: "https://clerk.acme-store.com")!, homeURL: "https://acme-store.com")
            return [.clerkChecked(.success(.manual(target: target, source: .publishableKey)))]
        case .lookUpClerkCLISignIn:
            return [.clerkCLISignInLooked(rng.chance(50) ? .absent : .expired(path: "/h/.local/share/clerk-cli/credentials", expiredAt: nil))]
        case .loadDomains(let application, _):
            return [.domainsLoaded(application: application, succeed ? .success(domains(application)) : .failure(failure(.clerkPlatform)))]
        case .loadWorkspaces:
            guard succeed else { return [.workspacesFailed(failure(.bitbucket, .rateLimited(retryAfter: 3), status: 429))] }
            let summaries = slugs.map { WorkspaceSummary(slug: $0, uuid: "{\($0)}", isAdministrator: true) }
            return [.workspacePageLoaded(Array(summaries[..<10]), isLast: false), .workspacePageLoaded(Array(summaries[10...]), isLast: true)]
        case .loadWorkspaceDetails(let slugs, _):
            return slugs.map { .workspaceDetailsLoaded(slug: $0, succeed ? .success(details($0)) : .failure(failure(.bitbucket, .notFound, status: 404))) }
        case .createSandboxConsumer:
            let credentials = ConsumerCredentials(key: "fuzzkey0123456789abcdefghijklmnop", secret: Secret(consumerSecretPrefix + "sandboxsecret0123456789abcdefghijklmnopqrstuvwxyz"))
            return [.sandboxConsumerCreated(succeed ? .success(credentials) : .failure(failure(.bitbucket, .validation, status: 400)))]
        case .verifyConsumer:
            if succeed { return [.verified(.valid(grantedScopes: ["account", "email"]))] }
            return [.verified(rng.pick([.wrongCredentials, .noCallbackURL, .publicConsumer(probe: .inconclusive("odd\u{1B}[2J")),
                                        .rateLimited(retryAfter: 2), .failed(failure(.bitbucketOAuth)), .valid(grantedScopes: ["account"])]))]
        case .readClerkConfig(_, _, _, let purpose):
            let snapshot = ClerkConfigSnapshot(configVersion: "cfgv_\u{1B}[2J1", connection: BitbucketConnectionConfig(
                enabled: purpose == .readBack, authenticatable: true,
                clientID: purpose == .readBack ? state.consumerCredentials?.key : nil,
                raw: configJSON(clientID: nil).objectValue?["connection_oauth_bitbucket"]?.objectValue ?? [:]))
            let result: Result<ClerkConfigSnapshot, RemoteError> = succeed ? .success(snapshot) : .failure(failure(.clerkPlatform, .server(status: 503), status: 503))
            switch purpose {
            case .preview: return [.configLoaded(result)]
            case .readBack: return [.readBackFinished(result)]
            case .recheckWrite: return [.writeRechecked(result)]
            }
        case .patchClerkConfig(let patch, _, _, _, let dryRun, _):
            let result = ClerkPatchResult(configVersion: "cfgv_2", dryRun: dryRun, before: configJSON(clientID: nil), after: configJSON(clientID: patch.clientID))
            if succeed { return [dryRun ? .dryRunFinished(.success(result)) : .applyFinished(.success(result))] }
            let error = rng.bool() ? failure(.clerkPlatform, .conflict, status: 409) : failure(.clerkPlatform, .validation, status: 422)
            return [dryRun ? .dryRunFinished(.failure(error)) : .applyFinished(.failure(error))]
        case .checkEnvironment:
            let found: FrontendCheck = rng.chance(80) ? .signIn(enabled: true, authenticatable: true)
                : rng.pick([.signIn(enabled: false, authenticatable: true), .dnsNotVerified(host: "clerk.\u{1B}[2Jx", records: ["a → b\u{07}"])])
            return [.environmentChecked(succeed ? .success(found) : .failure(failure(.clerkFrontend, .timeout)))]
        case .checkSignInRedirect:
            let key = rng.chance(70) ? (state.consumerCredentials?.key ?? "k") : "other\u{1B}[2Jkey"
            let found = BitbucketAuthorizeRedirect(clientID: key, redirectURI: state.target?.callbackURL)
            return [.signInRedirectChecked(succeed ? .success(found) : .failure(failure(.clerkFrontend, .badRequest(code: "redirect_url_domain_mismatch"), status: 422)))]
        case .after(_, let inner):
            return answer(inner, state: state, succeed: succeed, rng: &rng)
        case .cancel, .saveDraft, .discardDraft, .appendAudit, .copyToClipboard, .openInBrowser:
            return []
        }
    }

    /// A random user action or unsolicited remote answer.
    static func randomAction(_ rng: inout FuzzRandom, state: WizardState) -> WizardAction {
        let anySlug = rng.pick(slugs + ["no-such-workspace", "", "evil\u{1B}[2J"])
        let anyApp = rng.pick(applications.map(\.id) + ["app_unknown", ""])
        let anyInstance = rng.pick(applications.flatMap { $0.instances.map(\.id) } + ["ins_unknown"])
        switch rng.int(0...44) {
        case 0...7: return .next
        case 8...10: return .back
        case 11: return .start
        case 12: return .dismissStatus
        case 13: return .cancelPending
        case 14: return .copied(label: "the \u{1B}[2Jvalue", hint: nil)
        case 15: return .setBitbucketEmail(rng.pick(["", "ada@example.com", " x@y.z\n", FuzzText.random(&rng, length: 8)]))
        case 16: return .setBitbucketToken(Secret(rng.bool() ? "" : bitbucketTokenPrefix + FuzzText.random(&rng, length: 6)))
        case 17: return .setClerkPlatformKey(Secret(rng.bool() ? "" : platformKeyPrefix + FuzzText.random(&rng, length: 6)))
        case 18: return .setClerkSecretKey(Secret(rng.pick(["", "sk_test_fuzzsecretkey"])))
        case 19: return .setClerkPublishableKey(rng.pick(["", publishableKey(host: "clerk.acme-store.com", live: true), "pk_live_%%%", "pk_test_"]))
        case 20: return .checkConnections
        case 21: return .selectApplication(anyApp)
        case 22: return .selectInstance(anyInstance)
        case 23: return .refreshWorkspaces
        case 24: return .workspaceRowsVisible((0..<rng.int(0...12)).map { _ in rng.pick(slugs) })
        case 25, 26: return .selectWorkspace(anySlug)
        case 27, 28:
            let field = rng.pick(ConsumerField.allCases)
            let value = rng.pick(["", "Acme sign-in", " padded ", "https://acme-store.com", "http://127.0.0.1:9/x",
                                  "https://clerk.acme-store.com/v1/oauth_callback", state.target?.callbackURL ?? "",
                                  FuzzText.random(&rng, length: rng.int(1...300))])
            return .setField(field, value)
        case 29: return .setPrivate(rng.bool())
        case 30: return .toggleScope(rng.pick(PermissionCatalogue.allScopes + [Scope(rawValue: "no:such")]))
        case 31: return .setConsumerKey(rng.pick(["", "fuzzkey0123456789abcdefghijklmnop", " key with space ", "k\u{1B}[2J"]))
        case 32: return .setConsumerSecret(Secret(rng.pick(["", consumerSecretPrefix + "typedsecret0123456789abcdefghijklmnopqrstuvwxyz", consumerSecretPrefix + " in side"])))
        case 33: return .createInSandbox
        case 34: return .toggleReveal
        case 35: return .verify
        case 36: return .previewSync
        case 37: return .applySync
        case 38: return .markManualSaved
        case 39: return .checkEnvironment
        case 40: return .resume(randomDraft(&rng, state: state))
        default:
            // An answer nobody asked for (late, duplicated, or for another request).
            let effects: [WizardEffect] = [
                .checkBitbucket(BitbucketCredentials(email: "", token: Secret(""))), .checkClerk(state.credentials),
                .loadDomains(application: anyApp, platformKey: Secret("")), .loadWorkspaces(BitbucketCredentials(email: "", token: Secret(""))),
                .loadWorkspaceDetails([anySlug], BitbucketCredentials(email: "", token: Secret(""))),
                .createSandboxConsumer(workspace: anySlug, form: state.form, scopes: [], BitbucketCredentials(email: "", token: Secret(""))),
                .verifyConsumer(ConsumerCredentials(key: "k", secret: Secret(""))),
                .readClerkConfig(application: anyApp, instance: anyInstance, platformKey: Secret(""), purpose: rng.bool() ? .preview : .readBack),
                .patchClerkConfig(ClerkConfigPatch(clientID: "k", clientSecret: nil), application: anyApp, instance: anyInstance,
                                  ifMatch: nil, dryRun: rng.bool(), platformKey: Secret("")),
                .checkEnvironment(FrontendProbe(frontendAPIURL: URL(string: "https://clerk.acme-store.com")!, isDevelopment: false)),
            ]
            let succeed = rng.chance(60)
            return answer(rng.pick(effects), state: state, succeed: succeed, rng: &rng).first ?? .dismissStatus
        }
    }

    static func randomDraft(_ rng: inout FuzzRandom, state: WizardState) -> WizardDraft {
        var draft = WizardDraft(from: state)
        draft.step = rng.pick(WizardStep.allCases.map(\.key) + ["", "no_such_step", "7", "consumer\u{1B}[2J"])
        if rng.bool() { draft.selectedWorkspace = rng.pick(slugs + ["gone\u{1B}[2J"]) }
        if rng.bool() { draft.selectedApplicationID = rng.pick(applications.map(\.id) + ["app_gone"]) }
        return draft
    }

    /// A state walked forward to `step` with every remote answer a success (sandbox mode).
    static func walk(to step: WizardStep) -> WizardState {
        var state = WizardState(mode: .sandbox, endpoints: endpoints, credentials: credentials())
        var rng = FuzzRandom(seed: 1)
        func send(_ action: WizardAction) {
            WizardDriver.send(action, to: &state) { effect, state in answer(effect, state: state, succeed: true, rng: &rng) }
        }
        send(.start)
        while state.step < step {
            switch state.step {
            case .workspace: send(.selectWorkspace("acme-store"))
            case .createInBitbucket: send(.createInSandbox)
            case .syncToClerk: send(.applySync)
            default: break
            }
            let before = state.step
            send(.next)
            if state.step == before { break }
        }
        return state
    }
}

/// Seeded random actions through the reducer, and random keys and resizes through the
/// whole app, checking the invariants that must hold whatever happens.
final class FuzzWizardTests: XCTestCase {
    /// The secrets in `effect` belong to the service it is for: each is the one `state` holds
    /// for that service (typed on the Connect screen or not), never another service's.
    static func secretProblem(_ effect: WizardEffect, _ state: WizardState) -> String? {
        let credentials = state.credentials
        let all: [(String, Secret?)] = [("the Bitbucket token", credentials.bitbucketToken), ("the Platform API key", credentials.clerkPlatformKey),
                                        ("the Clerk secret key", credentials.clerkSecretKey), ("the consumer secret", state.consumerSecretInput)]
        func check(_ secret: Secret, is name: String, _ expected: Secret?) -> String? {
            guard secret == expected else {
                let owner = all.first { $0.1 == secret && !secret.isEmpty }?.0 ?? "a secret from nowhere"
                return "carries \(owner) where \(name) belongs"
            }
            return nil
        }
        switch effect {
        case .checkBitbucket(let bitbucket), .loadWorkspaces(let bitbucket), .loadWorkspaceDetails(_, let bitbucket),
             .createSandboxConsumer(_, _, _, let bitbucket):
            return check(bitbucket.token, is: "the Bitbucket token", credentials.bitbucketToken)
        case .checkClerk(let session):
            return session == credentials ? nil : "a Clerk check with credentials other than the session's"
        case .lookUpClerkCLISignIn:
            return nil
        case .loadDomains(_, let key), .readClerkConfig(_, _, let key, _):
            return check(key, is: "the Platform API key", credentials.clerkPlatformKey)
        case .patchClerkConfig(let patch, _, _, _, _, let key):
            if let problem = check(key, is: "the Platform API key", credentials.clerkPlatformKey) { return problem }
            return patch.clientSecret.flatMap { check($0, is: "the consumer secret", state.consumerSecretInput) }
        case .verifyConsumer(let consumer):
            return check(consumer.secret, is: "the consumer secret", state.consumerSecretInput)
        case .after(_, let inner):
            return secretProblem(inner, state)
        case .copyToClipboard:
            // Copying a secret is what the user asked for: it goes to the clipboard, nowhere else.
            return nil
        case .checkEnvironment(let probe), .checkSignInRedirect(let probe, _):
            return probe.domainStatus.flatMap { check($0.platformKey, is: "the Platform API key", credentials.clerkPlatformKey) }
        case .cancel, .saveDraft, .discardDraft, .appendAudit, .openInBrowser:
            return nil
        }
    }

    static func isUsable(_ size: (columns: Int, rows: Int)) -> Bool {
        size.columns >= WizardApp.minimumSize.columns && size.rows >= WizardApp.minimumSize.rows
    }

    func testRandomActionsKeepTheWizardConsistentAndDrawable() {
        var rng = FuzzRandom(seed: 0x00C0_FFEE_0BAD_F00D)
        var stepsSeen = Set<WizardStep>()
        for round in 0..<5 {
            var state = rng.bool() ? FuzzWorld.walk(to: rng.pick(WizardStep.allCases))
                : WizardState(mode: rng.bool() ? .sandbox : .live, endpoints: FuzzWorld.endpoints, credentials: FuzzWorld.credentials())
            var drawer = FrameDrawer(state: state)
            var pending: [WizardEffect] = []
            var size = (columns: 80, rows: 24)
            for step in 0..<1_000 {
                let context = "\(rng.seedText), round \(round), step \(step)"
                var actions: [WizardAction]
                switch rng.int(0...9) {
                case 0...3 where !pending.isEmpty:
                    // A remote answer arrives for work in flight, in any order.
                    let effect = pending.remove(at: rng.int(0...(pending.count - 1)))
                    actions = FuzzWorld.answer(effect, state: state, succeed: rng.chance(75), rng: &rng)
                case 4, 5:
                    // A key on the current screen, as the app would deliver it.
                    let key = FuzzInputTests.randomKey(&rng)
                    let snapshot = state
                    let commands = drawer.screens.withCurrent(state.step) { $0.handle(key, snapshot) } ?? []
                    actions = commands.compactMap { if case .send(let action) = $0 { action } else { nil } }
                default:
                    actions = [FuzzWorld.randomAction(&rng, state: state)]
                }
                var rounds = 0
                while !actions.isEmpty && rounds < 8 {
                    rounds += 1
                    var following: [WizardAction] = []
                    for action in actions {
                        let effects = Wizard.reduce(&state, action)
                        for effect in effects {
                            if let problem = Self.secretProblem(effect, state) { XCTFail("\(context): \(action) → \(effect): \(problem)") }
                            if case .cancel = effect { continue }
                            pending.append(effect)
                        }
                        // As WizardApp.syncScreen: the screen follows the state and may ask for names.
                        following += drawer.sync(state, columns: size.columns, rows: size.rows)
                    }
                    actions = following
                }
                if pending.count > 200 { pending.removeFirst(pending.count - 200) }

                stepsSeen.insert(state.step)
                XCTAssertTrue((1...WizardStep.count).contains(state.step.rawValue), context)
                XCTAssertTrue(state.scopes.contains(.email) && state.scopes.contains(.account),
                              "\(context): the scopes Clerk needs stay ticked: \(state.scopes.ordered)")
                XCTAssertFalse(state.status?.text.unicodeScalars.contains(where: InertCanvas.isForbidden) ?? false,
                               "\(context): status \(state.status?.text.debugDescription ?? "")")

                if rng.chance(30) {
                    if rng.chance(30) { size = (rng.int(20...200), rng.int(5...60)) }
                    let overlay: AppOverlay? = switch rng.int(0...9) {
                    case 0: .confirmQuit(draftKept: true)
                    case 1: .help(ScreenFrame.helpDialog(state: state, screen: drawer.screens.current(state.step)))
                    case 2: .resume(FuzzWorld.randomDraft(&rng, state: state), offeredAt: Date())
                    default: nil
                    }
                    let frame = drawer.draw(state, columns: size.columns, rows: size.rows, overlay: overlay, tick: step)
                    let where_ = "\(context), \(state.step.title) at \(size.columns)×\(size.rows)"
                    // The app draws screens only from its minimum size up (a notice below it), so
                    // the cursor is checked there; smaller sizes must only draw without trapping.
                    if let cursor = frame.cursor, Self.isUsable(size) {
                        XCTAssertTrue(frame.canvas.bounds.contains(x: cursor.x, y: cursor.y), "\(where_): cursor \(cursor) outside the frame")
                    }
                    let problems = InertCanvas.problems(in: frame.canvas)
                    XCTAssertTrue(problems.isEmpty, "\(where_): \(problems.prefix(3))\n\(frame.canvas.textLayer())")
                }
            }
        }
        XCTAssertGreaterThanOrEqual(stepsSeen.count, 7, "\(rng.seedText): the walk reached most steps: \(stepsSeen.sorted())")
    }

    func testEveryScreenDrawsAtEverySmallSize() {
        for step in WizardStep.allCases {
            let state = FuzzWorld.walk(to: step)
            XCTAssertEqual(state.step, step, "the canned walk reaches \(step.title): \(state.status?.text ?? "")")
            for columns in [20, 21, 33, 59, 60, 61, 80, 81, 132] {
                for rows in [5, 6, 7, 9, 15, 16, 17, 24] {
                    var drawer = FrameDrawer(state: state)
                    let frame = drawer.draw(state, columns: columns, rows: rows)
                    if let cursor = frame.cursor, Self.isUsable((columns, rows)) {
                        XCTAssertTrue(frame.canvas.bounds.contains(x: cursor.x, y: cursor.y), "\(step.title) \(columns)×\(rows): cursor \(cursor)")
                    }
                    XCTAssertTrue(InertCanvas.problems(in: frame.canvas).isEmpty, "\(step.title) \(columns)×\(rows)")
                }
            }
        }
    }

    // MARK: The whole app

    /// Plays a script into a ``RecordingTerminal``: a resize changes the size only when it
    /// is delivered (`RecordingTerminal.resize`), and every frame is checked as it is drawn
    /// (not kept, so thousands of frames cost no memory).
    final class ScriptedTerminal: Terminal {
        enum Item { case key(KeyEvent?), resize(Int, Int) }
        let recording: RecordingTerminal
        var script: [Item]
        var frames = 0
        var problems: [String] = []
        var lastFrame: Canvas?
        let context: String

        init(columns: Int, rows: Int, script: [Item], context: String) {
            recording = RecordingTerminal(columns: columns, rows: rows)
            self.script = script
            self.context = context
        }

        var size: (columns: Int, rows: Int) { recording.size }

        /// The script has run out and nothing is queued: the app stops.
        var inputClosed: Bool { script.isEmpty && recording.inputClosed }

        func nextEvent(timeoutMs: Int) -> KeyEvent? {
            if !script.isEmpty, recording.pendingEvents.isEmpty {
                switch script.removeFirst() {
                case .key(let key): recording.pendingEvents.append(key)
                case .resize(let columns, let rows): recording.resize(columns: columns, rows: rows)
                }
            }
            return recording.nextEvent(timeoutMs: timeoutMs)
        }

        func draw(_ canvas: Canvas, cursor: CursorPosition?) {
            frames += 1
            lastFrame = canvas
            guard problems.count < 5 else { return }
            if canvas.width != size.columns || canvas.height != size.rows {
                problems.append("\(context), frame \(frames): canvas \(canvas.width)×\(canvas.height) for a \(size.columns)×\(size.rows) terminal")
            }
            if let cursor, !canvas.bounds.contains(x: cursor.x, y: cursor.y) {
                problems.append("\(context), frame \(frames): cursor \(cursor) outside \(canvas.width)×\(canvas.height)")
            }
            let inert = InertCanvas.problems(in: canvas)
            if !inert.isEmpty { problems.append("\(context), frame \(frames): \(inert.prefix(3))") }
        }

        func writePassthrough(_ bytes: String) { recording.writePassthrough(bytes) }
        func shutdown() { recording.shutdown() }
    }

    func testTheAppSurvivesRandomKeysAndResizes() {
        var rng = FuzzRandom(seed: 0x000A_BB1E_5EED_0004)
        let runner = EffectRunner(endpoints: FuzzWorld.endpoints, retry: .none, timeout: 2, detailConcurrency: 2)
        var totalFrames = 0
        for round in 0..<6 {
            let start: WizardStep = round == 0 ? .connect : rng.pick(WizardStep.allCases)
            let state = round == 0 ? WizardState(mode: .live, endpoints: FuzzWorld.endpoints, credentials: FuzzWorld.credentials())
                : FuzzWorld.walk(to: start)
            var script: [ScriptedTerminal.Item] = []
            for _ in 0..<450 {
                // (No scripted timeouts: a nil read while idle means the terminal is gone, ending the run.)
                if rng.chance(8) {
                    script.append(.resize(rng.int(20...200), rng.int(5...60)))
                } else {
                    var key = FuzzInputTests.randomKey(&rng)
                    // Ctrl-C then y, and Enter or q on Done, would end the run early: keep it going.
                    if key == .control("c") { key = .escape }
                    if case .paste(let text) = key, text.count > 2_000 { key = .paste(String(text.prefix(2_000))) }
                    script.append(.key(rng.chance(10) ? rng.pick([.character("c"), .character("o"), .character("r"), .character("?"),
                                                                 .function(1), .character("/"), .character("a"), .character("p"),
                                                                 .character("m"), .character(" ")]) : key))
                }
            }
            let context = "\(rng.seedText), round \(round) from \(start.title)"
            let terminal = ScriptedTerminal(columns: rng.int(20...200), rows: rng.int(5...60), script: script, context: context)
            let app = WizardApp(state: state, runner: runner, terminal: terminal, environment: [:])
            let outcome = app.run()
            XCTAssertTrue(terminal.script.isEmpty || outcome == .done, "\(context): ended early with \(outcome)")
            XCTAssertTrue(terminal.problems.isEmpty, terminal.problems.joined(separator: "\n"))
            XCTAssertGreaterThan(terminal.frames, 0, context)
            XCTAssertTrue(terminal.recording.passthrough.allSatisfy { $0.hasPrefix("\u{1B}]52;") || $0.isEmpty },
                          "\(context): only clipboard sequences are written past the canvas")
            totalFrames += terminal.frames
        }
        XCTAssertGreaterThan(totalFrames, 1_500, "\(rng.seedText): a few thousand frames were drawn")
    }
}
