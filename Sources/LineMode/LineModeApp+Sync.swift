#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SetupCore

/// Steps 8 and 9 as prompts: the change to Clerk (or the Dashboard steps), and the summary.
///
/// Each step function asks until its step is left: forward through `.next` (the reducer
/// decides whether it may), back by throwing ``LineExit/back``.
extension LineModeApp {
    // MARK: 8. Sync to Clerk

    func syncStep() async throws {
        guard let target = state.target else {
            io.say("The Clerk instance is not known: go back to step \(WizardStep.clerkApplication.number).")
            try await pause("Press Enter to go back")
            throw LineExit.back
        }
        io.say(SyncPage.heading(target))
        if state.isManualClerk {
            try await manualSync()
            return
        }
        while state.step == .syncToClerk {
            if state.applied.value != nil {
                if state.signInConfirmed {
                    await dispatch(.next)
                    continue
                }
                // Applied (Clerk said so, or a re-read proved it): the rest is propagation.
                try await pause("Press Enter to ask Clerk's Frontend API again")
                await dispatch(.checkEnvironment)
                continue
            }
            if let check = state.writeCheck, !check.isChecking {
                // The answer to the apply was lost and the re-read did not prove it landed.
                let choice = try await choose("Choose what to do", [
                    "Apply again (safe: If-Match refuses a repeat of a change that did land)",
                    "Preview the change again", "Stop here",
                ])
                if choice == 2 { throw LineExit.declined }
                await dispatch(choice == 0 ? .applySync : .previewSync)
                continue
            }
            guard state.dryRun.value != nil else {
                if state.clerkConfig == .idle && state.dryRun == .idle {
                    await dispatch(.previewSync)
                    if state.dryRun.value != nil { continue }
                }
                try await pause("Press Enter to try the dry run again")
                await dispatch(.previewSync)
                continue
            }
            io.say(SyncPage.diffHeading(applied: false))
            for line in SyncPage.diff(state) ?? [] { io.say(line.marked) }
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
        for step in DashboardSteps.lines { io.say(step) }
        io.say("\(SyncPage.clientIDLabel): \(Self.text(state.consumerCredentials?.key ?? "", limit: 120))")
        io.say("\(SyncPage.clientSecretLabel): the Secret you pasted from Bitbucket (not shown here).")
        while state.step == .syncToClerk {
            try await pause("Press Enter when you have saved them in the Clerk Dashboard")
            await dispatch(.markManualSaved)
            if Wizard.blocker(state) == nil { await dispatch(.next) }
        }
    }

    // MARK: 9. Done

    func sayDone() {
        io.say(DonePage.heading)
        for line in DonePage.facts(state) { io.say(Self.text(line.text, limit: 800)) }
        for text in DonePage.advice(state, keys: nil) { io.say(Self.text(text, limit: 800)) }
    }
}
