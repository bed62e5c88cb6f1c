import XCTest
@testable import CursesUI
@testable import SetupCore

/// The reducer's messages name actions; the status line names the key the screen really
/// takes for each (found through the screen's own handler), and never a key that does nothing.
final class StatusKeyTests: XCTestCase {
    func testAWeakVerdictOffersBothKeysOfTheKeyAndSecretScreen() {
        var h = Journey.keySecret(120, 24, verdict: .publicConsumer(probe: .credentialsAccepted))
        h.send(.next)
        // The line is cut at the frame's width (messages that wrap are issue 13's), so read it whole.
        let line = StatusSentence.text(h.state.status!, screen: h.screens.current(h.state.step), state: h.state)
        XCTAssertTrue(line.hasSuffix("first. Press y to go on anyway or v to check again."), line)
    }

    func testContinueBeforeApplyingNamesTheApplyKey() {
        var h = Journey.sync(120, 24)
        h.send(.next)
        XCTAssertTrue(h.canvas().textLayer().contains("Review the change. Press a to apply it to Clerk."), h.canvas().textLayer())
    }

    func testManualModeNamesItsCheckKey() {
        var h = Journey.sync(120, 24, manual: true)
        h.send(.next)
        XCTAssertTrue(h.canvas().textLayer().contains("Press m to check that Bitbucket sign-in is on."), h.canvas().textLayer())
    }

    func testAnActionThisScreenDoesNotTakeIsLeftOutNotGuessed() {
        var h = Journey.keySecret(120, 24)
        h.state.status = .init(.info, "Something happened.", next: [.init(.applySync, "apply it")])
        let text = h.canvas().textLayer()
        XCTAssertTrue(text.contains("Something happened."), text)
        XCTAssertFalse(text.contains("Press"), "the Key and secret screen has no apply key: \(text)")
    }
}

/// The `?` overlay lists only keys that do something on the screen it is opened on.
final class HelpOverlayTruthTests: XCTestCase {
    func testTheWorkspaceHelpOffersNoKeyTheListIgnores() {
        var h = Journey.workspace(80, 24)
        h.openHelp()
        let text = h.canvas().textLayer()
        XCTAssertFalse(text.contains("tick a checkbox"), text)
        XCTAssertFalse(text.contains("reveal"), text)
        XCTAssertFalse(text.contains("Tab / Shift-Tab"), text)
        XCTAssertFalse(text.contains("PgUp / PgDn"), "listed once, as the screen names it: \(text)")
        XCTAssertTrue(text.contains("copy the focused value"), "c copies the workspace ID here: \(text)")
    }

    func testTheScopesHelpOffersSpace() {
        var h = Journey.scopes(80, 24)
        h.openHelp()
        XCTAssertTrue(h.canvas().textLayer().contains("Space"), h.canvas().textLayer())
    }
}

/// A status too long for one row is wrapped onto up to three, above the help bar, so its key
/// part is read rather than cut at the edge.
final class StatusWrapTests: XCTestCase {
    func testALongStatusIsReadInFullAt80Columns() {
        var h = Journey.keySecret(80, 24, verdict: .publicConsumer(probe: .credentialsAccepted))
        h.send(.next)
        let rows = h.canvas().textLayer().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let bottom = rows.suffix(5).dropLast().map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        XCTAssertTrue(bottom.contains("Press y to go on anyway or v to check again."), rows.joined(separator: "\n"))
        XCTAssertTrue(rows.last?.contains("Enter") == true, "the help bar stays on the last row")
    }

    func testAtMostHalfTheContentAndAShortStatusTakesOne() {
        var h = Journey.keySecret(60, 16)
        h.state.status = .init(.info, String(repeating: "word ", count: 60))
        let rows = h.canvas().textLayer().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let statusRows = rows.filter { $0.contains("word") }
        // Three rows, or half the content area where that is more (five of 11 at 60×16).
        XCTAssertEqual(statusRows.count, ScreenFrame.statusRowLimit(height: 16), rows.joined(separator: "\n"))
        XCTAssertEqual(ScreenFrame.statusRowLimit(height: 16), 5)
        XCTAssertTrue(statusRows.last?.hasSuffix("…") == true || statusRows.last?.contains("…") == true, statusRows.joined(separator: "\n"))
        h.state.status = .init(.info, "Short.")
        XCTAssertEqual(h.canvas().textLayer().split(separator: "\n").filter { $0.contains("Short.") }.count, 1)
    }
}

/// Done is longer than a 60×16 terminal's content area: ↓ shows its end, ↑ its start, and the
/// help bar offers it only when it does not fit.
final class DoneScrollTests: XCTestCase {
    func testDoneScrollsAtTheSmallestSizeAndNotWhereItFits() {
        var small = Journey.done(60, 16)
        let top = small.canvas().textLayer()
        XCTAssertTrue(top.contains("Sign in with Bitbucket is set up."), top)
        XCTAssertTrue(top.contains("↑↓ scroll"), top)
        small.press(.down)
        let end = small.canvas().textLayer()
        XCTAssertTrue(end.contains("Press Enter to finish."), end)
        XCTAssertTrue(end.contains("more above"), end)
        small.press(.up)
        XCTAssertTrue(small.canvas().textLayer().contains("Sign in with Bitbucket is set up."))

        var large = Journey.done(120, 40)
        XCTAssertFalse(large.canvas().textLayer().contains("scroll"), "everything fits: no scroll key offered")
    }
}

/// Continue on a form that cannot be sent moves the focus to the first field that says why.
final class ConsumerContinueTests: XCTestCase {
    func testContinueOnAnInvalidFormFocusesTheFirstInvalidField() {
        var h = Journey.consumer(80, 24)
        h.send(.setField(.callbackURL, "not a url"))
        // To the button: past the six fields and the private toggle.
        for _ in 0..<7 { h.press(.tab) }
        h.press(.enter)
        XCTAssertEqual(h.state.step, .consumer, "an invalid form does not continue")
        let text = h.canvas().textLayer()
        let focused = text.split(separator: "\n").first { $0.contains("›") }.map(String.init) ?? ""
        XCTAssertTrue(focused.contains("Callback URL"), "the focus moved to the first invalid field:\n\(text)")
    }
}

/// The `?` dialog lists j / k only where they move something (lists, Scopes, a Done that
/// scrolls), never where a text field would take them as letters.
final class HelpListsJKTests: XCTestCase {
    private func help(_ h: ScreenHarness) -> String {
        ScreenFrame.helpDialog(state: h.state, screen: h.screens.current(h.state.step)).body.joined(separator: "\n")
    }

    func testJAndKAreListedWhereTheyWork() {
        XCTAssertTrue(help(Journey.workspace(80, 24)).contains("j / k"))
        XCTAssertTrue(help(Journey.scopes(80, 24)).contains("h j k l"), "the grid moves as in vi")
        XCTAssertFalse(help(Journey.consumer(80, 24)).contains("j / k"), "a text field has the focus")
        XCTAssertFalse(help(Journey.create(80, 24)).contains("j / k"), "j does nothing on Create")
        XCTAssertTrue(help(Journey.done(60, 16)).contains("PgDn End j"), "Done scrolls at 60×16")
        XCTAssertFalse(help(Journey.done(120, 40)).contains("PgDn End j"), "nothing to scroll")
    }
}

/// Sync is taller than a 60×16 terminal's content area and nothing focusable is at its top:
/// ↑ past the first item shows the target and the diff's first lines (the Dashboard steps in
/// manual mode), ↓ goes back to the focus; where it fits nothing changes.
final class SyncScrollTests: XCTestCase {
    func testTheTopOfSyncCanBeReachedAt60x16() {
        var platform = Journey.sync(60, 16)
        XCTAssertFalse(platform.canvas().textLayer().contains("Clerk: Acme Store"))
        XCTAssertTrue(platform.canvas().textLayer().contains("↑↓ scroll"))
        platform.press(.up, .up)
        let top = platform.canvas().textLayer()
        XCTAssertTrue(top.contains("Clerk: Acme Store") && top.contains("authenticatable"), top)
        let words = top.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        XCTAssertTrue(words.contains("(a dry run: nothing applied yet):"), "the heading read in full: \(top)")
        platform.press(.down)
        XCTAssertTrue(platform.canvas().textLayer().contains("[ Apply to Clerk ]"))

        var manual = Journey.sync(60, 16, manual: true)
        manual.press(.up, .up, .up)
        let steps = manual.canvas().textLayer()
        XCTAssertTrue(steps.contains("1. Open the Clerk Dashboard"), steps)

        var large = Journey.sync(80, 24)
        XCTAssertFalse(large.canvas().textLayer().contains("↑↓ scroll"), "everything fits: no scroll key offered")
    }
}

/// Continue on a key and secret Bitbucket refused does not only repeat the verdict: it says
/// how to go on (Esc, a key the app takes on every screen, found like the screen's own).
final class RefusedKeyContinueTests: XCTestCase {
    func testContinueOnARefusedKeySaysHowToGoBack() {
        var h = Journey.keySecret(80, 24, verdict: .wrongCredentials)
        h.press(.enter)
        XCTAssertEqual(h.state.step, .keyAndSecret)
        let text = h.canvas().textLayer()
        XCTAssertTrue(text.contains("Press Esc to go back and paste them again."), text)
    }
}

/// A key the screen binds is listed once in `?`, with the screen's meaning: on Done, q
/// finishes; the app's "q quit" is not in force there.
final class HelpListsEachKeyOnceTests: XCTestCase {
    func testDoneListsQOnce() {
        let h = Journey.done(80, 24)
        let body = ScreenFrame.helpDialog(state: h.state, screen: h.screens.current(h.state.step)).body
        let qLines = body.filter { $0.hasPrefix("q\u{00A0}") }
        XCTAssertEqual(qLines.count, 1, body.joined(separator: "\n"))
        XCTAssertTrue(qLines.first?.contains("finish") == true, body.joined(separator: "\n"))
    }
}

/// A secret shown in clear with ^R says so beside the field, not only in the help bar.
final class RevealedSecretSaysSoTests: XCTestCase {
    func testARevealedSecretKeyFieldSaysShown() {
        var h = Journey.connect(80, 24)
        func focusedLine() -> String {
            h.canvas().textLayer().split(separator: "\n").first { $0.contains("›") }.map(String.init) ?? ""
        }
        for _ in 0..<8 where !focusedLine().contains("Secret key") { h.press(.tab) }
        XCTAssertTrue(focusedLine().contains("Secret key"), h.canvas().textLayer())
        XCTAssertFalse(focusedLine().contains("shown"))
        h.press(.control("r"))
        XCTAssertTrue(focusedLine().contains("shown"), focusedLine())
        h.press(.control("r"))
        XCTAssertFalse(focusedLine().contains("shown"), focusedLine())
    }
}

/// On the private-consumer toggle the help says what Enter does there: it continues a valid
/// form (or goes to the first problem), it does not move to a next field.
final class ToggleEnterHelpTests: XCTestCase {
    func testTheToggleSaysEnterContinues() {
        var h = Journey.consumer(80, 24)
        for _ in 0..<8 where !h.screens.current(h.state.step).helpKeys(h.state).contains(where: { $0.key == "Space" }) { h.press(.tab) }
        let keys = h.screens.current(h.state.step).helpKeys(h.state)
        XCTAssertTrue(keys.contains { $0.key == "Space" }, "on the toggle: \(keys)")
        XCTAssertTrue(keys.contains { $0.key == "Enter" && $0.action == "continue" }, "\(keys)")
    }
}

/// The summary left in the terminal is wrapped at spaces (the terminal would break words),
/// continuation rows under the text, and a link longer than a row stays whole.
final class FarewellWrapTests: XCTestCase {
    func testTheSummaryWrapsAtSpacesAndKeepsLinksWhole() {
        let link = "https://clerk.acme-store.com/v1/oauth_callback?" + String(repeating: "x", count: 40)
        let text = "✓ Bitbucket: consumer \"Acme Store\" in workspace acme-store, callback \(link).\n  Try it: open the sign-in page and choose \"Continue with Bitbucket\"."
        let rows = WizardApp.wrapped(text, columns: 60).split(separator: "\n").map(String.init)
        XCTAssertTrue(rows.allSatisfy { $0.count <= 60 || $0.contains(link) }, rows.joined(separator: "\n"))
        XCTAssertTrue(rows.contains { $0.contains(link) }, "the link whole: \(rows)")
        XCTAssertTrue(rows[1].hasPrefix("  ") && !rows[1].hasPrefix("   "), "under the text: \(rows)")
        XCTAssertEqual(rows.filter { $0.hasPrefix("  Try it:") }.count, 1, "\(rows)")
        XCTAssertFalse(rows.contains { $0.hasSuffix("Conti") }, "no word is cut: \(rows)")
    }
}
