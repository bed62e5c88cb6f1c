#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SetupCore

/// Step 2 as prompts: the Clerk application and instance, and its Callback URL.
///
/// Each step function asks until its step is left: forward through `.next` (the reducer
/// decides whether it may), back by throwing ``LineExit/back``.
extension LineModeApp {
    // MARK: 2. Clerk application

    func applicationStep() async throws {
        if case .loaded(.manual(let target, let source)) = state.clerkAccess {
            io.say(ApplicationPage.manualHeading(source) + ": " + ApplicationPage.manualInstance(target))
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
            io.say(ApplicationPage.noApplications + " " + ApplicationPage.createOne)
            try await pause("Press Enter to go back to step \(WizardStep.connect.number)")
            throw LineExit.back
        }
        while state.step == .clerkApplication {
            let current = pairs.firstIndex { $0.application.id == state.selectedApplicationID && $0.instance.id == state.selectedInstanceID }
            let fallback = pairs.firstIndex { $0.instance.environment == .production } ?? 0
            io.say("Applications and instances:")
            let index = try await choose("Choose the application and instance", pairs.map { ApplicationPage.instanceChoice($0.application, $0.instance) },
                                         default: current ?? fallback)
            let pair = pairs[index]
            await dispatch(.selectApplication(pair.application.id))
            await dispatch(.selectInstance(pair.instance.id))
            if let target = state.target { sayCallback(target) }
            if let blocker = Wizard.blocker(state) {
                io.say("\(Self.text(blocker.text)) Choose again to retry.")
                continue
            }
            await dispatch(.next)
        }
    }

    private func sayCallback(_ target: ClerkTarget) {
        io.say("\(ApplicationPage.callbackLabel): \(Self.text(target.callbackURL, limit: 300))")
        for line in ApplicationPage.callbackNotes(target) { say(line) }
    }
}
