import Basics
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SetupCore

/// Step 3 as prompts: the workspaces the user administers, narrowed by typing.
///
/// Each step function asks until its step is left: forward through `.next` (the reducer
/// decides whether it may), back by throwing ``LineExit/back``.
extension LineModeApp {
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
                let hidden = WorkspacePage.notListed(hidden: state.workspaces.memberOnlyCount ?? 0).map { " " + $0 } ?? ""
                io.say(WorkspacePage.noneAdministered + hidden + " " + WorkspacePage.createOne(keys: nil) + " " + createWorkspaceURL)
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
            if state.step == .workspace, let blocker = Wizard.blocker(state) { io.say(Self.text(blocker.text)) }
        }
    }

    private var createWorkspaceURL: String { Self.text(state.endpoints.createWorkspaceURL.absoluteString) }

    /// How many workspaces are listed at once; longer lists are narrowed by typing.
    static let workspaceListLimit = 20

    /// The chosen slug, or nil to load the list again.
    private func pickWorkspace(_ entries: [WorkspaceList.Entry]) async throws -> String? {
        func row(_ entry: WorkspaceList.Entry) -> String {
            entry.title == entry.displaySlug ? entry.displaySlug : "\(entry.title) (\(entry.displaySlug))"
        }
        func list(_ shown: [WorkspaceList.Entry]) {
            for (index, entry) in shown.prefix(Self.workspaceListLimit).enumerated() { io.say("\(index + 1)) \(row(entry))") }
            if shown.count > Self.workspaceListLimit {
                io.say("… and \(shown.count - Self.workspaceListLimit) more: type part of a name to narrow the list.")
            }
        }
        var shown = entries
        io.say("\(WorkspacePage.heading) (\(entries.count)):")
        list(shown)
        io.say(WorkspacePage.noneOfThese(hidden: state.workspaces.memberOnlyCount ?? 0, keys: nil) + " " + createWorkspaceURL + " then type refresh.")
        while true {
            let preferred = shown.firstIndex { $0.slug == state.selectedWorkspace } ?? 0
            let answer = try await ask("Choose a workspace: its number, or part of its name", default: String(preferred + 1))
            if answer.isEmpty { return shown[preferred].slug }
            if let number = Int(answer) {
                if (1...shown.count).contains(number) { return shown[number - 1].slug }
                io.say(Self.remind("Type a number from 1 to \(shown.count), or part of a workspace's name."))
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
                $0.title.containsIgnoringCaseAndDiacritics(answer)
                    || $0.slug.containsIgnoringCase(answer)
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
}
