import SetupCore
import XCTest
@testable import CursesUI

final class WidgetsControlsTests: XCTestCase {
    func testButton() {
        var canvas = Canvas(width: 14, height: 1)
        Button(title: "Go").render(into: &canvas, at: canvas.bounds, focused: true)
        XCTAssertEqual(canvas.textLayer(), "[ Go ]")
        XCTAssertEqual(canvas.rolesLayer(), "BBBBBB")
    }

    func testHelpBarDropsLeastImportantFirst() {
        let bar = HelpBar([("Enter", "next"), ("Esc", "back"), ("/", "filter"), ("?", "help"), ("^C", "quit")])
        XCTAssertEqual(bar.visibleItems(width: 80).map(\.key), ["Enter", "Esc", "/", "?", "^C"])
        // "Enter next  Esc back  / filter  ? help" is 38 columns.
        XCTAssertEqual(bar.visibleItems(width: 38).map(\.key), ["Enter", "Esc", "/", "?"])
        XCTAssertEqual(bar.visibleItems(width: 37).map(\.key), ["Enter", "Esc", "/"])
        XCTAssertEqual(bar.visibleItems(width: 10).map(\.key), ["Enter"])
        var canvas = Canvas(width: 6, height: 1)
        bar.render(into: &canvas, at: canvas.bounds)
        XCTAssertEqual(canvas.textLayer(), "Enter…")
    }

    func testHelpBarMeasuresHintsAsAnASCIISurfaceSpellsThem() {
        // "Enter continue  ↑↓ move  ? help  ^C quit" is 40 columns; in ASCII "↑↓" is "Up/Dn" (43).
        let bar = HelpBar([("Enter", "continue"), ("^C", "quit"), ("↑↓", "move"), ("?", "help")])
        var unicode = Canvas(width: 40, height: 1)
        bar.render(into: &unicode, at: unicode.bounds)
        XCTAssertEqual(unicode.textLayer(), "Enter continue  ^C quit  ↑↓ move  ? help")
        var ascii = Canvas(width: 40, height: 1, glyphs: .ascii)
        bar.render(into: &ascii, at: ascii.bounds)
        // The least important hint goes whole; none is cut.
        XCTAssertEqual(ascii.textLayer(), "Enter continue  ^C quit  Up/Dn move")
    }

    func testHelpBarExplicitPrioritiesKeepDisplayOrder() {
        let bar = HelpBar(items: [.init(key: "Tab", action: "next", priority: 1),
                                  .init(key: "?", action: "help", priority: 9),
                                  .init(key: "Enter", action: "choose", priority: 5)])
        XCTAssertEqual(bar.visibleItems(width: 22).map(\.key), ["?", "Enter"])
        var canvas = Canvas(width: 30, height: 1)
        bar.render(into: &canvas, at: canvas.bounds)
        XCTAssertEqual(canvas.textLayer(), "Tab next  ? help  Enter choose")
        XCTAssertEqual(canvas.rolesLayer(), "kkktttttttktttttttkkkkkttttttt")
    }

    func testStepHeader() {
        var canvas = Canvas(width: 30, height: 2)
        StepHeader(.workspace).render(into: &canvas, at: canvas.bounds)
        XCTAssertEqual(canvas.textLayer(), "\(WizardStep.workspace.heading(separator: " · "))\n━━━━━━━━━━────────────────────")
    }

    func testSpinnerFrames() {
        XCTAssertEqual(Spinner.frame(0), "⠋")
        XCTAssertEqual(Spinner.frame(10), "⠋")
        XCTAssertEqual(Spinner.frame(-1), "⠏")
        var canvas = Canvas(width: 12, height: 1, glyphs: .ascii)
        Spinner(label: "Loading").render(into: &canvas, at: canvas.bounds, tick: 1)
        XCTAssertEqual(canvas.textLayer(), "/ Loading")
        XCTAssertEqual(canvas.rolesLayer(), "@@")
    }

    func testOverlayScrolls() {
        var overlay = Overlay(title: "Help", body: Array(repeating: "line", count: 30))
        XCTAssertTrue(overlay.scroll(.pageDown))
        XCTAssertEqual(overlay.scroll, 10)
        XCTAssertTrue(overlay.scroll(.up))
        XCTAssertEqual(overlay.scroll, 9)
        XCTAssertFalse(overlay.scroll(.character("q")), "the app's bindings decide the other keys")
    }

    func testOverlayFitsSmallScreens() {
        let overlay = Overlay(title: "Help", body: Array(repeating: "A long line of help text that needs wrapping.", count: 20))
        var canvas = Canvas(width: 30, height: 10)
        overlay.render(into: &canvas, at: canvas.bounds, focused: true)
        let frame = overlay.frame(in: canvas.bounds)
        XCTAssertLessThanOrEqual(frame.maxX, 30)
        XCTAssertLessThanOrEqual(frame.maxY, 10)
        XCTAssertTrue(canvas.textLayer().contains("[ OK ]"))
    }

    func testDiffView() {
        let lines = [DiffLine(.removed, "enabled: false"), DiffLine(.added, "enabled: true"), DiffLine(.same, "client_id: old"),
                     DiffLine(.removed, "scopes: account"), DiffLine(.added, "scopes: account email")]
        var canvas = Canvas(width: 30, height: 5)
        DiffView(lines: lines).render(into: &canvas, at: canvas.bounds, focused: false)
        XCTAssertEqual(canvas.textLayer().split(separator: "\n").first, "- enabled: false")
        XCTAssertEqual(canvas.rolesLayer().split(separator: "\n", omittingEmptySubsequences: false).map { $0.first ?? " " },
                       ["-", "+", " ", "-", "+"], "unchanged lines are normal (trimmed to nothing)")
    }

    func testValueRowMaskAndReveal() {
        var secret = ValueRow(label: "Secret", value: "abc", isSecret: true)
        var canvas = Canvas(width: 40, height: 1)
        secret.render(into: &canvas, at: canvas.bounds, focused: false)
        XCTAssertEqual(canvas.textLayer(), "  Secret                ••••••••", "a fixed mask, whatever the length")
        secret.isRevealed = true
        canvas = Canvas(width: 40, height: 1)
        secret.render(into: &canvas, at: canvas.bounds, focused: true)
        XCTAssertEqual(canvas.textLayer(), "› Secret                abc  c copy")
    }

    func testTooSmallNotice() {
        let notice = TooSmallNotice(minimumColumns: 60, minimumRows: 16)
        XCTAssertTrue(notice.applies(columns: 40, rows: 20))
        XCTAssertFalse(notice.applies(columns: 80, rows: 24))
        var canvas = Canvas(width: 30, height: 8)
        notice.render(into: &canvas)
        XCTAssertTrue(canvas.textLayer().contains("30×8"))
        XCTAssertTrue(canvas.textLayer().contains("Ctrl-C"))
    }
}
