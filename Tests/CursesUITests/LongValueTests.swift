import TestSupport
import XCTest
@testable import CursesUI
@testable import SetupCore

/// The cells a link covers, read in the order a terminal fills them (on from column 0 of
/// the next row), continuation cells skipped.
private func text(of link: Hyperlink, in canvas: Canvas) -> String {
    var out = ""
    for offset in 0..<link.length {
        let position = link.x + offset
        let cell = canvas[position % canvas.width, link.y + position / canvas.width]
        if !cell.isContinuation { out.append(cell.grapheme) }
    }
    return out
}

/// Long URLs and secrets are printed unbroken (from column 0 when they do not fit a row,
/// so the terminal's own wrapping and selection keep them whole) and as hyperlinks.
final class LongValueTests: XCTestCase {
    func testTheAddConsumerLinkIsOneUnbrokenHyperlinkAt80And60Columns() throws {
        for mode in [WizardState.Mode.live, .sandbox] {
            for size in ScreenCase.sizes {
                var h = Journey.create(size.columns, size.rows, mode: mode)
                h.press(.tab)  // to the link, in the sandbox past its button
                let url = try XCTUnwrap(h.state.consumerPageURL?.absoluteString)
                let canvas = h.canvas()
                let link = try XCTUnwrap(canvas.hyperlinks.first { $0.url == url }, "\(mode) \(size): \(canvas.textLayer())")
                XCTAssertEqual(text(of: link, in: canvas), url, "the cells read the whole URL, without indentation inside it")
                if DisplayWidth.of(url) > size.columns - 8 {
                    XCTAssertEqual(link.x, 0, "a URL longer than a row starts at column 0, as the terminal wraps it")
                }
                XCTAssertFalse(canvas.textLayer().contains("/oauth\n"), canvas.textLayer())
            }
        }
    }

    func testADialogTakesTheLinksAway() {
        var h = Journey.create(80, 24)
        XCTAssertFalse(h.canvas().hyperlinks.isEmpty)
        h.openHelp()
        XCTAssertEqual(h.canvas().hyperlinks, [], "no link may be written again over the dialog")
    }

    func testALinkScrolledPartlyOutOfViewIsNoLink() {
        var h = Journey.create(60, 16)
        h.press(.tab, .tab, .tab, .tab, .tab, .tab, .tab, .tab, .tab)  // down to the Key field
        let canvas = h.canvas()
        for link in canvas.hyperlinks where !link.url.isEmpty {
            XCTAssertEqual(text(of: link, in: canvas), link.url, "only whole links in view: \(canvas.textLayer())")
        }
    }

    func testAURLInProseFlowsFromColumn0AndIsALink() throws {
        var h = ScreenHarness(columns: 60, rows: 16)
        h.send(.start, .bitbucketChecked(.failure(Fixture.unauthorized)))
        let canvas = h.canvas()
        let link = try XCTUnwrap(canvas.hyperlinks.first { $0.url.contains("api-tokens") }, canvas.textLayer())
        XCTAssertEqual(text(of: link, in: canvas), link.url)
        XCTAssertTrue(canvas.textLayer().contains("\nhttps://id.atlassian.com/manage-profile/security/api-tokens"), canvas.textLayer())
    }

    func testALinkInProseLinesUpUnderLANGC() throws {
        for glyphs in [Glyphs.unicode, .ascii] {
            var canvas = Canvas(width: 60, height: 3, glyphs: glyphs)
            ScreenKit.paragraph("Settings → OAuth: open https://bitbucket.org/acme/x now.", y: 0, into: &canvas)
            let link = try XCTUnwrap(canvas.hyperlinks.first)
            XCTAssertEqual(link.url, "https://bitbucket.org/acme/x")
            XCTAssertEqual(text(of: link, in: canvas), link.url, "the link's cells under \(glyphs.spellsASCII ? "LANG=C" : "UTF-8")")
        }
    }

    func testALongCallbackURLIsNeverCutWithAnEllipsis() {
        let long = "https://clerk.the-analytical-engine-company.example.com/v1/oauth_callback"
        for size in ScreenCase.sizes + [(columns: 120, rows: 40)] {
            for value in [long, "https://clerk.acme-store.com/v1/oauth_callback"] {
                var h = Journey.consumer(size.columns, size.rows)
                h.send(.setField(.callbackURL, value))
                let screen = h.canvas().textLayer()
                let joined = screen.replacingOccurrences(of: "\n", with: "")
                XCTAssertTrue(joined.contains(value), "\(size): \(screen)")
                XCTAssertFalse(screen.split(separator: "\n").contains { $0.contains("Callback URL") && $0.contains("…") }, screen)
            }
        }
    }

    func testARevealedLongSecretIsUnbroken() {
        let secret = String(repeating: "Zq8", count: 30)
        var canvas = Canvas(width: 60, height: 6)
        let rows = ScreenKit.valueRow("Secret", secret, y: 0, focused: false, into: &canvas, isSecret: true, isRevealed: true)
        XCTAssertEqual(rows, 3)
        let below: [String] = canvas.textLayer().split(separator: "\n").dropFirst().map(String.init)
        XCTAssertEqual(below.joined(), secret)
        XCTAssertEqual(canvas.hyperlinks, [Hyperlink(url: "", x: 0, y: 1, length: secret.count)],
                       "no link, but one piece for the terminal to wrap")
    }

    func testHyperlinksAreOffWhereTheTerminalWouldPrintThem() {
        XCTAssertTrue(HyperlinkSupport.isEnabled(environment: ["TERM": "xterm-256color"]))
        XCTAssertTrue(HyperlinkSupport.isEnabled(environment: ["TERM": "tmux-256color", "NO_COLOR": "1"]), "colour has nothing to do with links")
        XCTAssertTrue(HyperlinkSupport.isEnabled(environment: ["TERM": "screen-256color", "TMUX": "/tmp/tmux-0/default,1,0"]))
        XCTAssertFalse(HyperlinkSupport.isEnabled(environment: ["TERM": "screen"]), "GNU screen outside tmux")
        XCTAssertFalse(HyperlinkSupport.isEnabled(environment: ["TERM": "linux"]))
        XCTAssertFalse(HyperlinkSupport.isEnabled(environment: ["TERM": "dumb"]))
        XCTAssertFalse(HyperlinkSupport.isEnabled(environment: ["TERM": "xterm", "INSIDE_EMACS": "29.1,vterm"]))
        XCTAssertFalse(HyperlinkSupport.isEnabled(environment: ["TERM": "xterm-256color", "BBCLERK_HYPERLINKS": "0"]))
        XCTAssertFalse(HyperlinkSupport.isEnabled(environment: ["TERM": "xterm-256color", "FORCE_HYPERLINK": "0"]))
        XCTAssertTrue(HyperlinkSupport.isEnabled(environment: ["TERM": "linux", "BBCLERK_HYPERLINKS": "1"]))
    }

    func testAnUnsafeURLIsNeverALink() {
        var canvas = Canvas(width: 40, height: 2)
        canvas.putFlowing("http://x/\u{1B}]0;owned", x: 0, y: 0, role: .link, link: "http://x/\u{1B}]0;owned")
        XCTAssertEqual(canvas.hyperlinks, [])
    }
}

/// A message is read in full: wrapped onto up to three status rows, or, when the body
/// already shows it, not said twice (the status keeps only its keys).
final class MessageInFullTests: XCTestCase {
    func testALongStatusIsReadInFullAt60Columns() {
        var h = Journey.keySecret(60, 16, verdict: .publicConsumer(probe: .credentialsAccepted))
        h.send(.next)
        let rows = h.canvas().textLayer().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let bottom = rows.suffix(5).dropLast().map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        XCTAssertTrue(bottom.contains("Press y to go on anyway or v to check again."), rows.joined(separator: "\n"))
        XCTAssertFalse(bottom.contains("…"), rows.joined(separator: "\n"))
    }

    func testTheDryRunIsReadInFullAt60Columns() {
        var h = Journey.sync(60, 16)
        let screen = h.canvas().textLayer()
        XCTAssertFalse(screen.contains("…"), "a diff line or the button's note cut: \(screen)")
        XCTAssertTrue(screen.contains("shows it\n") || screen.contains("shows it back"), screen)
        XCTAssertTrue(screen.contains("p previews again"), screen)
    }

    func testTheManualMismatchFits80x24AndIsSaidOnce() {
        var h = Journey.manualRedirect(80, 24, clientID: "0ldKeyFromLastYear")
        let screen = h.canvas().textLayer()
        XCTAssertFalse(screen.contains("more below"), screen)
        XCTAssertTrue(screen.contains("[ Continue ]"), screen)
        XCTAssertEqual(screen.components(separatedBy: "0ldKeyFromLastYear").count - 1, 1, "the message once: \(screen)")
        let status = screen.split(separator: "\n").dropLast().last.map(String.init) ?? ""
        XCTAssertTrue(status.contains("Press m to check again."), screen)
    }

    func testAMessageScrolledOutOfViewStaysInTheStatus() {
        var h = Journey.manualRedirect(60, 16, clientID: "0ldKeyFromLastYear")
        h.press(.up, .up, .up)  // to the Client ID row: the verdict below is out of view
        let screen = h.canvas().textLayer()
        let body = screen.split(separator: "\n").dropLast(3).joined(separator: " ")
        if !body.contains("paste the Key again") {
            XCTAssertTrue(screen.contains("0ldKeyFromLastYear"), "the status says it when the body cannot: \(screen)")
        }
    }
}

/// The summary left in the scrollback says how to check the setup again, in manual mode too
/// (doctor audits from outside with the same keys), with the Key so the client_id is compared.
final class ExitSummaryTests: XCTestCase {
    func testTheDoctorLineNamesTheKeyInBothModes() throws {
        for manual in [false, true] {
            var h = manual ? Journey.manualRedirect(80, 24, clientID: nil) : Journey.synced(80, 24)
            h.send(.next)
            XCTAssertEqual(h.state.step, .done)
            let farewell = try XCTUnwrap(DonePage.farewell(.done, state: h.state, draftKept: false))
            XCTAssertTrue(farewell.contains("Check it again any time:\n    bbclerk doctor --consumer-key \(Fixture.consumerKey)"), farewell)
        }
    }
}
