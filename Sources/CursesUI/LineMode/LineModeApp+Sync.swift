import Foundation
import SetupCore

/// Steps 8 and 9 as prompts: the change to Clerk (or the Dashboard steps), and the summary.
///
/// Each step function asks until its step is left: forward through `.next` (the reducer
/// decides whether it may), back by throwing ``LineExit/back``.
extension LineModeApp {
    // MARK: 8. Sync to Clerk

    func syncStep() async throws {
        guard let target = state.target else {
            io.say("The Clerk instance is not known: go back to step 2.")
            try await pause("Press Enter to go back")
            throw LineExit.back
        }
        io.say("Clerk: \(Self.text(target.applicationName, limit: 60)), \(target.environment.name), \(Self.host(target)).")
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
            for line in ConfigDiff.lines(before: preview.before, after: preview.after, patch: state.configPatch) {
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
        io.say("Bitbucket: consumer \"\(Self.text(state.form.name, limit: 60))\" in workspace \(Self.text(state.selectedWorkspace ?? "", limit: 80)) (key \(key)), callback \(Self.text(state.form.callbackURL, limit: 300)).")
        if let target = state.target {
            let how = state.isManualClerk ? "set in the Dashboard" : "connection_oauth_bitbucket enabled with that key"
                + (state.applied.value.map { " (config version \(Self.text($0.configVersion, limit: 40)))" } ?? "")
            io.say("Clerk: \(Self.text(target.applicationName, limit: 60)), \(target.environment.name): \(how).")
        }
        if state.environmentCheck.value == true { io.say("Clerk's Frontend API shows Bitbucket sign-in enabled.") }
        if let url = state.target?.signInURL { io.say("Try it: open \(Self.text(url, limit: 300)) and choose \"Continue with Bitbucket\".") }
        io.say("If Bitbucket shows \"Invalid redirect_uri\", the consumer's Callback URL differs from Clerk's: edit it in Bitbucket to \(state.target.map { Self.text($0.callbackURL, limit: 300) } ?? "Clerk's").")
    }
}
