#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SetupCore

/// Step 9: what was configured where, and how to try a sign-in.
struct DoneScreen: WizardScreen {
    var isEditingText: Bool { false }

    mutating func sync(_ state: WizardState) -> [WizardAction] { [] }

    mutating func handle(_ key: KeyEvent, _ state: WizardState) -> [ScreenCommand]? {
        if key == .character("c"), let url = state.target?.signInURL { return [.copy(label: "the sign-in link", value: Secret(url))] }
        if key == .character("o"), let url = state.target?.signInURL.flatMap(URL.init(string:)) { return [.open(url)] }
        return nil
    }

    func render(_ state: WizardState, into canvas: inout Canvas, tick: Int) -> ScreenLayout {
        var y = 0
        let g = canvas.glyphs
        ScreenKit.heading("Sign in with Bitbucket is set up.", y: y, into: &canvas)
        y += 2
        let key = state.consumerCredentials?.key ?? ""
        y += ScreenKit.paragraph("\(g.check) Bitbucket: consumer \"\(DisplayText.sanitize(state.form.name, limit: 60))\" in workspace \(state.consumerWorkspace ?? "") (key \(key)), callback \(state.form.callbackURL).",
                                 y: y, role: .success, into: &canvas)
        if let target = state.target {
            let how = state.isManualClerk ? "set in the Dashboard" : "connection_oauth_bitbucket enabled with that key"
                + (state.applied.value.map { " (config version \(DisplayText.sanitize($0.configVersion, limit: 30)))" } ?? "")
            y += ScreenKit.paragraph("\(g.check) Clerk: \(DisplayText.sanitize(target.applicationName, limit: 40)) · \(target.environment.name): \(how).",
                                     y: y, role: .success, into: &canvas)
        }
        if state.signInConfirmed {
            y += ScreenKit.paragraph("\(g.check) Clerk's Frontend API shows Bitbucket sign-in enabled.", y: y, role: .success, into: &canvas)
        }
        if case .loaded(.publicConsumer) = state.verification {
            y += ScreenKit.paragraph("\(g.warning) The consumer is public: bbclerk could not prove its secret right. If sign-in fails, tick \"This is a private consumer\" in Bitbucket and run bbclerk doctor.",
                                     y: y, role: .warning, into: &canvas)
        }
        if let note = state.target?.proxyNote {
            y += ScreenKit.paragraph("\(g.warning) \(note)", y: y, role: .warning, into: &canvas)
        }
        y += 1
        if let url = state.target?.signInURL {
            y += ScreenKit.paragraph("Try it: open \(url) and choose \"Continue with Bitbucket\" (o opens, c copies).", y: y, role: .hint, into: &canvas)
        }
        y += ScreenKit.paragraph("If Bitbucket shows \"Invalid redirect_uri\", the consumer's Callback URL differs from Clerk's: edit it in Bitbucket to \(state.target?.callbackURL ?? "Clerk's").",
                                 y: y, role: .hint, into: &canvas)
        y += 1
        canvas.put("Press Enter to finish.", x: ScreenKit.margin, y: y, role: .label)
        // Nothing to focus: keep the summary's first line in view, the rest scrolls under it.
        return ScreenLayout(focusRow: 0, usedRows: y + 1)
    }

    func helpKeys(_ state: WizardState) -> [KeyHint] { [("Enter", "finish"), ("o", "open sign-in"), ("c", "copy link")] }
}
