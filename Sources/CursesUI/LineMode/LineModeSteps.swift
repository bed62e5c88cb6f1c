import Foundation
import SetupCore

/// The nine steps as prompts. Each step function asks until its step is left: forward
/// through `.next` (the reducer decides whether it may), back by throwing ``LineExit/back``.
extension LineModeApp {
    // MARK: 1. Connect

    func connectStep() async throws {
        sayCredentialSources()
        try await askMissingCredentials()
        while state.step == .connect {
            effectsRun = 0
            await dispatch(.start)
            if effectsRun == 0 { sayConnectResults() }
            if let blocker = Wizard.blocker(state) {
                if state.bitbucketUser.error == nil && state.clerkAccess.error == nil { io.say(blocker) }
                let bitbucketFailed = state.bitbucketUser.error != nil
                let choice = try await choose("Choose what to do", [
                    "Enter the Bitbucket email and API token again",
                    "Enter the Clerk keys again",
                    "Check again",
                ], default: bitbucketFailed ? 0 : 1)
                switch choice {
                case 0: try await askBitbucketCredentials(changing: true)
                case 1: try await askClerkCredentials(changing: true)
                default: await dispatch(.checkConnections)
                }
                continue
            }
            let choice = try await choose("Choose what to do", [
                "Continue",
                "Change the Bitbucket email or API token",
                "Change the Clerk keys",
            ])
            switch choice {
            case 0: await dispatch(.next)
            case 1: try await askBitbucketCredentials(changing: true)
            default: try await askClerkCredentials(changing: true)
            }
        }
    }

    private func sayCredentialSources() {
        let credentials = state.credentials
        func source(_ name: String) -> String {
            switch credentials.sources[name] {
            case .environment: " (from the environment)"
            case .file: " (from a file)"
            case .prompt: " (typed here)"
            case .sandbox: " (from the sandbox)"
            case nil: ""
            }
        }
        func set(_ secret: Secret?, _ name: String) -> String { secret == nil ? "not set" : "set" + source(name) }
        io.say("Credentials found:")
        io.say("Bitbucket Atlassian email: " + (credentials.bitbucketEmail.isEmpty ? "not set"
            : Self.text(credentials.bitbucketEmail, limit: 120) + source("BITBUCKET_EMAIL")))
        io.say("Bitbucket API token: " + set(credentials.bitbucketToken, "BITBUCKET_API_TOKEN"))
        io.say("Clerk Platform API key: " + set(credentials.clerkPlatformKey, "CLERK_PLATFORM_API_KEY"))
        io.say("Clerk secret key: " + set(credentials.clerkSecretKey, "CLERK_SECRET_KEY"))
        io.say("Clerk publishable key: " + (credentials.clerkPublishableKey.isEmpty ? "not set"
            : Self.text(credentials.clerkPublishableKey, limit: 120) + source("CLERK_PUBLISHABLE_KEY")))
    }

    private func askMissingCredentials() async throws {
        if state.credentials.bitbucket == nil { try await askBitbucketCredentials(changing: false) }
        let credentials = state.credentials
        if credentials.clerkPlatformKey == nil && credentials.clerkSecretKey == nil && credentials.clerkPublishableKey.isEmpty {
            try await askClerkCredentials(changing: false)
        }
    }

    /// The email and token: asked when missing, or all of them when `changing`.
    private func askBitbucketCredentials(changing: Bool) async throws {
        let email = state.credentials.bitbucketEmail
        if changing || email.isEmpty {
            while true {
                let answer = try await ask("Atlassian account email", default: email.isEmpty ? "none" : Self.text(email, limit: 120))
                if answer.isEmpty && email.isEmpty { io.say("The email is required: it is the user name for Bitbucket's API."); continue }
                if !answer.isEmpty && answer != email { await dispatch(.setBitbucketEmail(answer)) }
                break
            }
        }
        let hasToken = state.credentials.bitbucketToken != nil
        guard changing || !hasToken else { return }
        io.say("Create an API token with scopes (app Bitbucket; read:user:bitbucket, read:workspace:bitbucket) at https://id.atlassian.com/manage-profile/security/api-tokens")
        while true {
            let answer = try await ask("Atlassian API token (typing is hidden)", default: hasToken ? "keep the current one" : "none", secret: true)
            if answer.isEmpty {
                if hasToken { return }
                io.say("The API token is required.")
                continue
            }
            if answer.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.value < 0x20 }) {
                io.say("The API token contains a space or control character: paste only the token.")
                continue
            }
            await dispatch(.setBitbucketToken(Secret(answer)))
            return
        }
    }

    /// The Clerk keys: a Platform API key, or for manual mode a secret or publishable key.
    private func askClerkCredentials(changing: Bool) async throws {
        io.say("A Platform API key (ak_…) lets bbclerk write the connection. Without one, give the secret key or publishable key instead: you paste the values in the Clerk Dashboard and bbclerk checks the result.")
        if changing { io.say("Press Enter to keep a key as it is; type - to remove it.") }
        while true {
            let credentials = state.credentials
            try await askClerkSecret("Clerk Platform API key, ak_…", current: credentials.clerkPlatformKey, set: WizardAction.setClerkPlatformKey)
            if state.credentials.clerkPlatformKey == nil {
                try await askClerkSecret("Clerk secret key, sk_…, for manual mode", current: state.credentials.clerkSecretKey,
                                         set: WizardAction.setClerkSecretKey)
                let publishable = state.credentials.clerkPublishableKey
                let answer = try await ask("Clerk publishable key, pk_…, for manual mode",
                                           default: publishable.isEmpty ? "skip" : Self.text(publishable, limit: 120))
                if answer == "-" && !publishable.isEmpty {
                    await dispatch(.setClerkPublishableKey(""))
                } else if !answer.isEmpty && answer != "-" && answer != publishable {
                    await dispatch(.setClerkPublishableKey(answer))
                }
            }
            let now = state.credentials
            if now.clerkPlatformKey != nil || now.clerkSecretKey != nil || !now.clerkPublishableKey.isEmpty { return }
            io.say("Give at least one Clerk key: a Platform API key, a secret key or a publishable key.")
        }
    }

    private func askClerkSecret(_ label: String, current: Secret?, set: (Secret) -> WizardAction) async throws {
        while true {
            let answer = try await ask("\(label) (typing is hidden)", default: current == nil ? "skip" : "keep the current one", secret: true)
            if answer.isEmpty { return }
            if answer == "-" {
                if current != nil { await dispatch(set(Secret(""))) }
                return
            }
            if answer.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.value < 0x20 }) {
                io.say("The key contains a space or control character: paste only the key.")
                continue
            }
            await dispatch(set(Secret(answer)))
            return
        }
    }

    private func sayConnectResults() {
        switch state.bitbucketUser {
        case .loaded(let user): io.say(Self.signedIn(user))
        case .failed(let error): io.say("Bitbucket: \(Self.text(error.userMessage))")
        default: break
        }
        switch state.clerkAccess {
        case .loaded(let access): io.say(Self.clerkSummary(access))
        case .failed(let error): io.say("Clerk: \(Self.text(error.userMessage))")
        default: break
        }
    }

    // MARK: 2. Clerk application

    func applicationStep() async throws {
        if case .loaded(.manual(let target, let source)) = state.clerkAccess {
            io.say("Clerk instance (manual mode, from the \(source)): \(target.environment.name), \(target.frontendAPIURL.host ?? "").")
            sayCallback(target)
            try await pause("Press Enter to continue")
            await dispatch(.next)
            return
        }
        let pairs = state.applications.flatMap { application in
            application.instances
                .sorted { ($0.environment == .production ? 0 : 1) < ($1.environment == .production ? 0 : 1) }
                .map { (application: application, instance: $0) }
        }
        guard !pairs.isEmpty else {
            io.say("This Clerk account has no applications. Create one in the Clerk Dashboard (https://dashboard.clerk.com), then check again on step 1.")
            try await pause("Press Enter to go back to step 1")
            throw LineExit.back
        }
        while state.step == .clerkApplication {
            let current = pairs.firstIndex { $0.application.id == state.selectedApplicationID && $0.instance.id == state.selectedInstanceID }
            let fallback = pairs.firstIndex { $0.instance.environment == .production } ?? 0
            io.say("Applications and instances:")
            let index = try await choose("Choose the application and instance", pairs.map {
                "\(Self.text($0.application.name, limit: 60)) (\($0.instance.environment.name))"
            }, default: current ?? fallback)
            let pair = pairs[index]
            await dispatch(.selectApplication(pair.application.id))
            await dispatch(.selectInstance(pair.instance.id))
            if let target = state.target { sayCallback(target) }
            if let blocker = Wizard.blocker(state) {
                io.say("\(Self.text(blocker)) Choose again to retry.")
                continue
            }
            await dispatch(.next)
        }
    }

    private func sayCallback(_ target: ClerkTarget) {
        io.say("Callback URL: \(target.callbackURL)")
        io.say("Bitbucket's Callback URL is what Clerk calls the Authorized redirect URI; it must match exactly.")
        if target.customCredentialsOptional {
            io.say("This is a development instance: Clerk's shared Bitbucket credentials already work here, so custom ones are optional.")
        }
    }

    // MARK: 3. Workspace

    func workspaceStep() async throws {
        while state.step == .workspace {
            if state.workspacesLoad == .idle { await dispatch(.refreshWorkspaces) }
            if state.workspacesLoad.error != nil {
                try await pause("Press Enter to load the workspaces again")
                await dispatch(.refreshWorkspaces)
                continue
            }
            // Every name, fetched with bounded concurrency by the effect runner.
            let unnamed = state.workspaces.entries.filter { $0.details == nil && $0.detailsError == nil }.map(\.slug)
            if !unnamed.isEmpty { await dispatch(.workspaceRowsVisible(unnamed)) }
            let entries = state.workspaces.entries
            guard !entries.isEmpty else {
                io.say("You administer no Bitbucket workspaces. Create one in the browser: \(createWorkspaceURL)")
                try await pause("Press Enter to load the list again")
                await dispatch(.refreshWorkspaces)
                continue
            }
            guard let slug = try await pickWorkspace(entries) else {
                await dispatch(.refreshWorkspaces)
                continue
            }
            await dispatch(.selectWorkspace(slug))
            await dispatch(.next)
            if state.step == .workspace, let blocker = Wizard.blocker(state) { io.say(Self.text(blocker)) }
        }
    }

    private var createWorkspaceURL: String { state.endpoints.bitbucketWeb.appendingPathComponent("workspace/create").absoluteString }

    /// How many workspaces are listed at once; longer lists are narrowed by typing.
    static let workspaceListLimit = 20

    /// The chosen slug, or nil to load the list again.
    private func pickWorkspace(_ entries: [WorkspaceList.Entry]) async throws -> String? {
        func row(_ entry: WorkspaceList.Entry) -> String { entry.title == entry.slug ? entry.slug : "\(entry.title) (\(entry.slug))" }
        func list(_ shown: [WorkspaceList.Entry]) {
            for (index, entry) in shown.prefix(Self.workspaceListLimit).enumerated() { io.say("\(index + 1)) \(row(entry))") }
            if shown.count > Self.workspaceListLimit {
                io.say("… and \(shown.count - Self.workspaceListLimit) more: type part of a name to narrow the list.")
            }
        }
        var shown = entries
        io.say("Workspaces you administer (\(entries.count)):")
        list(shown)
        io.say("None of these? Create a workspace in the browser: \(createWorkspaceURL) then type refresh.")
        while true {
            let preferred = shown.firstIndex { $0.slug == state.selectedWorkspace } ?? 0
            let answer = try await ask("Choose a workspace: its number, or part of its name", default: String(preferred + 1))
            if answer.isEmpty { return shown[preferred].slug }
            if let number = Int(answer) {
                if (1...shown.count).contains(number) { return shown[number - 1].slug }
                io.say("Type a number from 1 to \(shown.count), or part of a workspace's name.")
                continue
            }
            switch answer.lowercased() {
            case "refresh": return nil
            case "all":
                shown = entries
                io.say("All \(entries.count) workspaces:")
                list(shown)
                continue
            default:
                break
            }
            let matches = entries.filter {
                $0.title.range(of: answer, options: [.caseInsensitive, .diacriticInsensitive]) != nil
                    || $0.slug.range(of: answer, options: [.caseInsensitive]) != nil
            }
            switch matches.count {
            case 0:
                io.say("No workspace matches \"\(Self.text(answer, limit: 60))\". Type part of another name, or all to list every workspace.")
            case 1:
                io.say("One workspace matches: \(row(matches[0])).")
                return matches[0].slug
            default:
                shown = matches
                io.say("\(matches.count) workspaces match \"\(Self.text(answer, limit: 60))\" (type all to list every workspace):")
                list(shown)
            }
        }
    }

    // MARK: 4. Consumer

    func consumerStep() async throws {
        while state.step == .consumer {
            io.say("Bitbucket's \"Add consumer\" form" + (state.selectedWorkspace.map { " for \($0)" } ?? "") + ".")
            io.say("Press Enter to keep the value in brackets; type - to empty an optional field.")
            for field in ConsumerField.allCases { try await askField(field) }
            io.say("This is a private consumer: on, bbclerk can verify the key and secret, and Clerk keeps the secret on its servers; off makes a public consumer, which bbclerk can only check weakly.")
            let isPrivate = try await confirm("This is a private consumer?", default: state.form.isPrivate)
            if isPrivate != state.form.isPrivate { await dispatch(.setPrivate(isPrivate)) }
            await dispatch(.next)
            if state.step == .consumer, let blocker = Wizard.blocker(state) { io.say("Problem: \(Self.text(blocker))") }
        }
    }

    private func askField(_ field: ConsumerField) async throws {
        io.say("\(field.label): \(field.hint)")
        while true {
            let current = state.form[field]
            let answer = try await ask(field.label, default: current.isEmpty ? "empty" : Self.text(current, limit: 300))
            let value = answer.isEmpty ? current : (answer == "-" ? "" : answer)
            if let issue = state.formValidation.issue(field, value) {
                io.say("Problem: \(Self.text(issue))")
                continue
            }
            if value != current { await dispatch(.setField(field, value)) }
            return
        }
    }

    // MARK: 5. Scopes

    func scopesStep() async throws {
        io.say("Clerk needs Account: Email and Account: Read, and nothing else. Anything more widens what the consumer may do with every user's Bitbucket account.")
        sayTicked()
        let optional = PermissionCatalogue.allScopes.filter { !PermissionCatalogue.requiredByClerk.contains($0) }
        func list() {
            for (index, scope) in optional.enumerated() {
                var line = "\(index + 1)) \(Self.scopeLabel(scope))"
                if state.scopes.contains(scope) {
                    line += state.scopes.lockReason(scope).map { " (ticked, \($0))" } ?? " (ticked)"
                }
                io.say(line)
            }
        }
        io.say(state.scopes.beyondClerk.isEmpty ? "Add a scope? (Enter to keep Clerk's minimum)"
            : "Add or remove a scope? (Enter to keep these)")
        list()
        while state.step == .scopes {
            let answer = try await ask("Scope to add or remove, by number (list shows them again)", default: "done")
            switch answer.lowercased() {
            case "", "done":
                await dispatch(.next)
                continue
            case "list":
                list()
                continue
            default:
                break
            }
            guard let number = Int(answer), (1...optional.count).contains(number) else {
                io.say("Type a number from 1 to \(optional.count), list, or press Enter when done.")
                continue
            }
            let scope = optional[number - 1]
            let before = state.scopes
            await dispatch(.toggleScope(scope))
            let after = state.scopes
            if before == after {
                io.say("\(Self.scopeLabel(scope)) stays ticked: \(after.lockReason(scope) ?? "it is needed").")
            } else if after.contains(scope) {
                let implied = after.ordered.filter { !before.contains($0) && $0 != scope }
                io.say("Ticked \(Self.scopeLabel(scope))."
                    + (implied.isEmpty ? "" : " Bitbucket's form ticks with it: \(implied.map(Self.scopeLabel).joined(separator: ", "))."))
            } else {
                io.say("Unticked \(Self.scopeLabel(scope)).")
            }
            sayTicked()
        }
    }

    private func sayTicked() {
        io.say("Ticked: " + state.scopes.ordered.map(Self.scopeLabel).joined(separator: ", ") + ".")
        let extra = state.scopes.beyondClerk
        io.say(extra.isEmpty ? "That is exactly what Clerk needs." : "Beyond Clerk's needs: \(extra.map(\.rawValue).joined(separator: ", ")).")
    }

    /// "Account: Email": group and level, read naturally by a screen reader.
    static func scopeLabel(_ scope: Scope) -> String {
        for group in PermissionCatalogue.groups {
            if let level = group.levels.first(where: { $0.scope == scope }) { return "\(group.name): \(level.name)" }
        }
        return scope.rawValue
    }

    // MARK: 6. Create in Bitbucket

    func createStep() async throws {
        io.say("Bitbucket has no API for creating consumers, so create it in your browser.")
        io.say("1. Open the workspace's Add consumer page (or Workspace settings, Apps and features, OAuth consumers, Add consumer):")
        if let url = state.consumerPageURL { io.say("Link: \(url.absoluteString)") }
        io.say("2. Enter these values, then Save:")
        for field in ConsumerField.allCases {
            let value = state.form[field]
            io.say("\(field.label): \(value.isEmpty ? "(leave empty)" : Self.text(value, limit: 300))")
        }
        io.say("This is a private consumer: \(state.form.isPrivate ? "ticked" : "not ticked")")
        io.say("Permissions: \(state.scopes.ordered.map(Self.scopeLabel).joined(separator: ", "))")
        io.say("3. Expand the new consumer's name in the list and copy its Key and Secret.")
        while state.step == .createInBitbucket {
            var options: [(String, () async throws -> Void)] = []
            if let credentials = state.consumerCredentials {
                options.append(("Keep the Key and Secret already entered (Key \(Self.text(credentials.key, limit: 80)))", {}))
            }
            if state.mode == .sandbox {
                options.append(("Create it in the sandbox", { await self.dispatch(.createInSandbox) }))
                options.append(("I created it, paste key and secret", { try await self.askKeyAndSecret() }))
            } else if !options.isEmpty {
                options.append(("Paste a different Key and Secret", { try await self.askKeyAndSecret() }))
            }
            if options.isEmpty {
                try await askKeyAndSecret()
            } else {
                let choice = try await choose("Choose what to do", options.map(\.0))
                try await options[choice].1()
            }
            await dispatch(.next)
            if state.step == .createInBitbucket, let blocker = Wizard.blocker(state) { io.say("Problem: \(Self.text(blocker))") }
        }
    }

    private func askKeyAndSecret() async throws {
        while true {
            let current = state.consumerKeyInput
            let answer = try await ask("Key", default: current.isEmpty ? "none" : Self.text(current, limit: 120))
            switch CredentialInput.clean(answer.isEmpty ? current : answer, label: "Key") {
            case .failure(let issue): io.say("Problem: \(issue.message)")
            case .success(let key):
                if key != current { await dispatch(.setConsumerKey(key)) }
                return try await askSecret()
            }
        }
    }

    private func askSecret() async throws {
        while true {
            let current = state.consumerSecretInput
            let answer = try await ask("Secret (typing is hidden)", default: current.isEmpty ? "none" : "keep the one entered", secret: true)
            switch CredentialInput.clean(answer.isEmpty ? current.exposed : answer, label: "Secret") {
            case .failure(let issue): io.say("Problem: \(issue.message)")
            case .success(let secret):
                if secret != current.exposed { await dispatch(.setConsumerSecret(Secret(secret))) }
                return
            }
        }
    }

    // MARK: 7. Key and secret

    func keySecretStep() async throws {
        while state.step == .keyAndSecret {
            if state.verification == .idle { await dispatch(.verify) }
            io.say("Key: \(Self.text(state.consumerCredentials?.key ?? "", limit: 120))")
            io.say("Secret: hidden")
            switch state.verification {
            case .loaded(let verdict):
                io.say("Verdict: \(Self.text(verdict.userMessage))")
                if case .valid(let scopes) = verdict {
                    io.say("Granted scopes: \(scopes.isEmpty ? "none" : scopes.map { Self.text($0, limit: 60) }.joined(separator: ", ")).")
                }
            case .failed(let error):
                io.say("Verification failed: \(Self.text(error.userMessage))")
            default:
                break
            }
            if Wizard.blocker(state) == nil {
                let choice = try await choose("Choose what to do", ["Continue to Sync to Clerk", "Go back and paste a different Key and Secret"])
                if choice == 1 { throw LineExit.back }
                await dispatch(.next)
            } else if state.verification.error != nil {
                let choice = try await choose("Choose what to do", ["Check again", "Go back and paste a different Key and Secret"])
                if choice == 1 { throw LineExit.back }
                await dispatch(.verify)
            } else {
                try await pause("Press Enter to go back and paste a different Key and Secret")
                throw LineExit.back
            }
        }
    }

    // MARK: 8. Sync to Clerk

    func syncStep() async throws {
        guard let target = state.target else {
            io.say("The Clerk instance is not known: go back to step 2.")
            try await pause("Press Enter to go back")
            throw LineExit.back
        }
        io.say("Clerk: \(Self.text(target.applicationName, limit: 60)), \(target.environment.name), \(target.frontendAPIURL.host ?? "").")
        if state.isManualClerk {
            try await manualSync()
            return
        }
        while state.step == .syncToClerk {
            if state.applied.value != nil {
                if state.environmentCheck.value == true {
                    await dispatch(.next)
                    continue
                }
                let readBackOK = state.readBack.value.map {
                    $0.connection.enabled == true && $0.connection.clientID == state.consumerCredentials?.key
                } ?? false
                if readBackOK {
                    try await pause("Press Enter to ask Clerk's Frontend API again")
                    await dispatch(.checkEnvironment)
                } else {
                    try await pause("Press Enter to preview the change again")
                    await dispatch(.previewSync)
                }
                continue
            }
            guard let preview = state.dryRun.value else {
                if state.clerkConfig == .idle && state.dryRun == .idle {
                    await dispatch(.previewSync)
                    if state.dryRun.value != nil { continue }
                }
                io.say("Nothing was changed in Clerk.")
                try await pause("Press Enter to try the dry run again")
                await dispatch(.previewSync)
                continue
            }
            io.say("The change to connection_oauth_bitbucket (a dry run: nothing applied yet):")
            for line in SyncScreen.diff(before: preview.before, after: preview.after) {
                let marker = switch line.kind {
                case .same: " "
                case .added: "+"
                case .removed: "-"
                }
                io.say("\(marker) \(line.text)")
            }
            if try await confirm("Apply this change to Clerk?", default: false) {
                await dispatch(.applySync)
            } else {
                io.say("Nothing was changed in Clerk.")
                let choice = try await choose("Choose what to do", ["Show the change again", "Stop without changing Clerk"])
                if choice == 1 { throw LineExit.declined }
                await dispatch(.previewSync)
            }
        }
    }

    private func manualSync() async throws {
        io.say("1. Open the Clerk Dashboard (https://dashboard.clerk.com) and choose this application and instance.")
        io.say("2. Configure, SSO connections, Add connection, Bitbucket (or open Bitbucket if it is listed).")
        io.say("3. Turn on \"Enable for sign-up and sign-in\" and \"Use custom credentials\".")
        io.say("4. Paste these, then Save:")
        io.say("Client ID: \(Self.text(state.consumerCredentials?.key ?? "", limit: 120))")
        io.say("Client Secret: the Secret you pasted from Bitbucket (not shown here).")
        while state.step == .syncToClerk {
            try await pause("Press Enter when you have saved them in the Clerk Dashboard")
            await dispatch(.markManualSaved)
            if Wizard.blocker(state) == nil { await dispatch(.next) }
        }
    }

    // MARK: 9. Done

    func sayDone() {
        io.say("Sign in with Bitbucket is set up.")
        let key = Self.text(state.consumerCredentials?.key ?? "", limit: 120)
        io.say("Bitbucket: consumer \"\(Self.text(state.form.name, limit: 60))\" in workspace \(state.selectedWorkspace ?? "") (key \(key)), callback \(Self.text(state.form.callbackURL, limit: 300)).")
        if let target = state.target {
            let how = state.isManualClerk ? "set in the Dashboard" : "connection_oauth_bitbucket enabled with that key"
                + (state.applied.value.map { " (config version \(Self.text($0.configVersion, limit: 40)))" } ?? "")
            io.say("Clerk: \(Self.text(target.applicationName, limit: 60)), \(target.environment.name): \(how).")
        }
        if state.environmentCheck.value == true { io.say("Clerk's Frontend API shows Bitbucket sign-in enabled.") }
        if let url = DoneScreen.signInURL(state) { io.say("Try it: open \(url) and choose \"Continue with Bitbucket\".") }
        io.say("If Bitbucket shows \"Invalid redirect_uri\", the consumer's Callback URL differs from Clerk's: edit it in Bitbucket to \(state.target?.callbackURL ?? "Clerk's").")
    }
}
