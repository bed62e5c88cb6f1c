#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SetupCore

/// Steps 4 and 5 as prompts: the consumer form and its scopes.
///
/// Each step function asks until its step is left: forward through `.next` (the reducer
/// decides whether it may), back by throwing ``LineExit/back``.
extension LineModeApp {
    // MARK: 4. Consumer

    func consumerStep() async throws {
        while state.step == .consumer {
            io.say(ConsumerPage.heading(state) + ".")
            io.say("Press Enter to keep the value in brackets; type - to empty an optional field.")
            for field in ConsumerField.allCases { try await askField(field) }
            io.say("Bitbucket's checkbox \"\(ConsumerPage.privateTitle)\". " + ConsumerPage.privateMeaning(isOn: true) + " "
                + ConsumerPage.privateMeaning(isOn: false))
            let isPrivate = try await confirm(ConsumerPage.privateTitle + "?", default: state.form.isPrivate)
            if isPrivate != state.form.isPrivate { await dispatch(.setPrivate(isPrivate)) }
            await dispatch(.next)
            if state.step == .consumer, let blocker = Wizard.blocker(state) { io.say("Problem: \(Self.text(blocker.text))") }
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
        io.say(ScopesPage.intro)
        sayTicked()
        let optional = PermissionCatalogue.allScopes.filter { !PermissionCatalogue.requiredByClerk.contains($0) }
        // Grouped by resource, as Bitbucket's form is: "Repositories: 4) Read, 5) Write (ticked)".
        func list() {
            for group in PermissionCatalogue.groups {
                let levels = group.levels.compactMap { level -> String? in
                    guard let index = optional.firstIndex(of: level.scope) else { return nil }
                    var entry = "\(index + 1)) \(level.name)"
                    if state.scopes.contains(level.scope) {
                        entry += state.scopes.lockReason(level.scope).map { " (ticked, \($0))" } ?? " (ticked)"
                    }
                    return entry
                }
                if !levels.isEmpty { io.say("\(group.name): " + levels.joined(separator: ", ")) }
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
                io.say(Self.remind("Type a number from 1 to \(optional.count), list, or press Enter when done."))
                continue
            }
            let scope = optional[number - 1]
            let before = state.scopes
            await dispatch(.toggleScope(scope))
            let after = state.scopes
            if before == after {
                io.say("\(ScopesPage.label(scope)) stays ticked: \(after.lockReason(scope) ?? "it is needed").")
            } else if after.contains(scope) {
                let implied = after.ordered.filter { !before.contains($0) && $0 != scope }
                io.say("Ticked \(ScopesPage.label(scope))."
                    + (implied.isEmpty ? "" : " Bitbucket's form ticks with it: \(implied.map(ScopesPage.label).joined(separator: ", "))."))
            } else {
                io.say("Unticked \(ScopesPage.label(scope)).")
            }
            sayTicked()
        }
    }

    /// What is ticked, then the screen's summary (which names only what is beyond Clerk's needs).
    private func sayTicked() {
        if !state.scopes.beyondClerk.isEmpty { io.say("Ticked: " + state.scopes.ordered.map(ScopesPage.label).joined(separator: ", ") + ".") }
        say(ScopesPage.summary(state.scopes))
    }
}
