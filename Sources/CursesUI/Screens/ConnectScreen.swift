import SetupCore

/// Step 1: the credentials found, checked live; a missing one is typed here (masked).
struct ConnectScreen: WizardScreen {
    enum Item: Int, CaseIterable { case email, token, platformKey, secretKey, publishableKey, proceed }

    var email = Self.field(.email)
    var token = Self.field(.token)
    var platformKey = Self.field(.platformKey)
    var secretKey = Self.field(.secretKey)
    var publishableKey = Self.field(.publishableKey)
    var focus = FocusRing(index: Item.proceed.rawValue, count: Item.allCases.count)
    private var edited = false
    private var wasRefused = false
    /// The Clerk CLI sign-in's token the field was last given, to tell it from a typed key.
    private var borrowedPlatformKey: String?

    init(state: WizardState) {
        let credentials = state.credentials
        email.prefill(credentials.bitbucketEmail)
        token.prefill(credentials.bitbucketToken?.exposed ?? "")
        platformKey.prefill(credentials.clerkPlatformKey?.exposed ?? "")
        secretKey.prefill(credentials.clerkSecretKey?.exposed ?? "")
        publishableKey.prefill(credentials.clerkPublishableKey)
        // Start on the first missing credential, or on Continue when all are there.
        if credentials.bitbucketEmail.isEmpty { focus.index = Item.email.rawValue }
        else if credentials.bitbucketToken == nil { focus.index = Item.token.rawValue }
        else if !credentials.hasClerkKey {
            focus.index = Item.platformKey.rawValue
        }
    }

    private static func field(_ credential: ConnectPage.Credential) -> TextField {
        TextField(placeholder: credential.placeholder, isMasked: credential.isSecret, rejectsWhitespaceInside: credential != .email)
    }

    var item: Item { Item(rawValue: focus.index) ?? .proceed }
    var isEditingText: Bool { item != .proceed }

    mutating func layout(columns: Int, rows: Int) {
        let width = ScreenKit.fieldWidth(columns: columns, noteWidth: 12)
        for keyPath in [\ConnectScreen.email, \.token, \.platformKey, \.secretKey, \.publishableKey] { self[keyPath: keyPath].layout(width: width) }
    }

    mutating func sync(_ state: WizardState) -> [WizardAction] {
        // A resumed draft brings the email back after this screen was made: show it, and
        // move on to the first credential still to type.
        if email.text.isEmpty, !state.credentials.bitbucketEmail.isEmpty {
            email.prefill(state.credentials.bitbucketEmail)
            if item == .email { focus.index = state.credentials.bitbucketToken == nil ? Item.token.rawValue : Item.proceed.rawValue }
        }
        // The Clerk CLI's sign-in is read again on Check again: the field shows what is held
        // now (renewed, or dropped when it expired), not what was there before.
        let held = state.credentials.clerkPlatformKey?.exposed ?? ""
        if item != .platformKey, platformKey.text != held,
           state.credentials.platformKeyIsClerkCLISignIn || platformKey.text == borrowedPlatformKey {
            platformKey.prefill(held)
        }
        borrowedPlatformKey = state.credentials.platformKeyIsClerkCLISignIn ? held : nil
        // Bitbucket refused the token: put the user where the fix goes, once per refusal.
        let refused = state.bitbucketUser.error?.kind == .unauthorized
        if refused, !wasRefused { focus.index = Item.token.rawValue }
        wasRefused = refused
        return []
    }

    func bindings(_ state: WizardState) -> [KeyBinding<Self>] {
        // Leaving the last field after an edit checks what was typed.
        let checkIfLast: (inout Self, WizardState) -> [ScreenCommand] = { screen, _ in
            screen.edited && screen.focus.isLast ? [.send(.checkConnections)].afterReset(&screen.edited) : []
        }
        if item == .proceed {
            let press: (inout Self, KeyEvent, WizardState) -> [ScreenCommand]? = { screen, _, state in
                [.send(Self.buttonChecks(state, edited: screen.edited) ? .checkConnections : .next)].afterReset(&screen.edited)
            }
            return [
                KeyBinding(.enter, help: .bar("Enter", Self.buttonLabel(state, edited: edited).lowercased()), action: press),
                FocusRing.binding(at: \Self.focus, .tab, help: .bar("Tab", "fields")),
                KeyBinding(.character("r"), help: .bar("r", "check again")) { _, _, _ in [.send(.checkConnections)] },
                KeyBinding(.character(" "), help: .dialog("Space", "as Enter"), action: press),
                FocusRing.binding(at: \Self.focus, .backTab, .up, help: .dialog("Shift-Tab / ↑", "previous field")),
            ]
        }
        let edit: (inout Self, KeyEvent, WizardState) -> [ScreenCommand]? = { screen, key, _ in screen.edit(key) }
        let field = textField(item)
        var keys: [KeyBinding<Self>] = [
            KeyBinding(.enter, help: .bar("Enter", "next"), action: edit),
            FocusRing.binding(at: \Self.focus, .tab, .down, help: .bar("Tab/↓", "next field"), then: checkIfLast),
        ]
        if field.isMasked { keys.append(KeyBinding(.control("r"), help: .bar("^R", field.isRevealed ? "hide" : "reveal"), action: edit)) }
        keys.append(KeyBinding(.control("u"), help: field.cursor > 0 ? .bar("^U", "delete to start") : .deleteToStart, action: edit))
        keys.append(FocusRing.binding(at: \Self.focus, .backTab, .up, help: .dialog("Shift-Tab / ↑", "previous field"), then: checkIfLast))
        return keys + TextField.editingBindings(edit)
    }

    /// Gives `key` to the focused field; nil when the field does not take it.
    private mutating func edit(_ key: KeyEvent) -> [ScreenCommand]? {
        var field = textField(item)
        let outcome = field.handle(key)
        setTextField(item, field)
        return outcome.commands(changed: {
            edited = true
            return [.send(action(for: item, field.text))]
        }, submitted: {
            focus.next()
            return edited && focus.isLast ? [.send(.checkConnections)].afterReset(&edited) : []
        })
    }

    func render(_ state: WizardState, into canvas: inout Canvas, tick: Int) -> ScreenLayout {
        var y = 0
        var cursor: CursorPosition?
        var focusRow = 0
        func row(_ item: Item, _ credential: ConnectPage.Credential, _ field: TextField) {
            if self.item == item { focusRow = y }
            if let position = ScreenKit.field(credential.label, field, y: y, focused: self.item == item, into: &canvas,
                                              note: credential.source(state.credentials)) { cursor = position }
            y += 1
        }
        // Credentials go to these instead of the real services: say so before they are sent.
        // (The sandbox's own endpoints carry no origin; the frame says "sandbox".)
        let endpointNotes = ConnectPage.endpointNotes(state.endpoints)
        for line in endpointNotes { y += ScreenKit.line(line, y: y, into: &canvas) }
        if !endpointNotes.isEmpty { y += 1 }
        ScreenKit.heading(ConnectPage.bitbucketHeading, y: y, into: &canvas); y += 1
        row(.email, .email, email)
        row(.token, .token, token)
        y += ScreenKit.check(state.bitbucketUser, loading: StepTexts.checkingBitbucket, loaded: ConnectPage.signedIn,
                             y: y, tick: tick, into: &canvas)
        if state.bitbucketUser.value == nil {
            y += ScreenKit.paragraph(ConnectPage.atlassianTokenHelp,
                                     x: ScreenKit.margin + 2, y: y, into: &canvas)
        }
        y += 1
        ScreenKit.heading(ConnectPage.clerkHeading, y: y, into: &canvas); y += 1
        row(.platformKey, .platformKey, platformKey)
        row(.secretKey, .secretKey, secretKey)
        row(.publishableKey, .publishableKey, publishableKey)
        y += ScreenKit.check(state.clerkAccess, loading: StepTexts.checkingClerk, loaded: ConnectPage.clerkFound, y: y, tick: tick, into: &canvas)
        if let problem = state.credentials.clerkCLIProblem, state.credentials.clerkPlatformKey == nil {
            y += ScreenKit.paragraph(problem, x: ScreenKit.margin + 2, y: y, role: .warning, into: &canvas)
        }
        if state.clerkAccess == .idle {
            y += ScreenKit.paragraph(ConnectPage.clerkKeysHelp,
                                     x: ScreenKit.margin + 2, y: y, into: &canvas)
        }
        y += 1
        if item == .proceed { focusRow = y }
        _ = ScreenKit.button(Self.buttonLabel(state, edited: edited), y: y, focused: item == .proceed, into: &canvas)
        return ScreenLayout(cursor: cursor, focusRow: focusRow, usedRows: y + 1)
    }

    /// The button checks (rather than continues) after an edit, before the first check, and
    /// after a failed one: a Continue there would only repeat the error.
    private static func buttonChecks(_ state: WizardState, edited: Bool) -> Bool {
        edited || state.bitbucketUser == .idle || state.clerkAccess == .idle
            || state.bitbucketUser.error != nil || state.clerkAccess.error != nil
    }

    private static func buttonLabel(_ state: WizardState, edited: Bool) -> String {
        if state.bitbucketUser.error != nil || state.clerkAccess.error != nil, !edited { return "Check again" }
        return buttonChecks(state, edited: edited) ? "Check" : "Continue"
    }

    private func textField(_ item: Item) -> TextField {
        switch item {
        case .email: email
        case .token: token
        case .platformKey: platformKey
        case .secretKey: secretKey
        case .publishableKey, .proceed: publishableKey
        }
    }

    private mutating func setTextField(_ item: Item, _ field: TextField) {
        switch item {
        case .email: email = field
        case .token: token = field
        case .platformKey: platformKey = field
        case .secretKey: secretKey = field
        case .publishableKey: publishableKey = field
        case .proceed: break
        }
    }

    private func action(for item: Item, _ text: String) -> WizardAction {
        switch item {
        case .email: .setBitbucketEmail(text)
        case .token: .setBitbucketToken(Secret(text))
        case .platformKey: .setClerkPlatformKey(Secret(text))
        case .secretKey: .setClerkSecretKey(Secret(text))
        case .publishableKey, .proceed: .setClerkPublishableKey(text)
        }
    }
}

extension Array where Element == ScreenCommand {
    /// Returns the commands and clears the "edited since the last check" mark.
    func afterReset(_ flag: inout Bool) -> [ScreenCommand] {
        flag = false
        return self
    }
}
