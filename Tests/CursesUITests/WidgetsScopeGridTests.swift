import XCTest
@testable import CursesUI

final class WidgetsScopeGridTests: XCTestCase {
    /// A small form: Account (3 levels, two locked), Wikis (1), Repositories (4).
    private func makeGrid() -> ScopeGrid {
        ScopeGrid(rows: [
            .init(title: "Account", boxes: [.init(id: "email", title: "Email", isLocked: true, note: "required by Clerk"),
                                            .init(id: "account", title: "Read", isLocked: true, note: "required by Clerk"),
                                            .init(id: "account:write", title: "Write")]),
            .init(title: "Wikis", boxes: [.init(id: "wiki", title: "Read and write")]),
            .init(title: "Repositories", boxes: [.init(id: "repository", title: "Read"), .init(id: "repository:write", title: "Write"),
                                                 .init(id: "repository:admin", title: "Admin"),
                                                 .init(id: "repository:delete", title: "Delete")]),
        ])
    }

    func testArrowsAndViKeysMoveWithinAndBetweenRowsAndStopAtTheEdges() {
        var grid = makeGrid()
        XCTAssertEqual(grid.focusedBox?.id, "email")
        XCTAssertEqual(grid.handle(.left), .handled, "an edge: nothing to move to, nothing for the screen either")
        XCTAssertEqual(grid.focusedBox?.id, "email")
        XCTAssertEqual(grid.handle(.up), .handled)
        XCTAssertEqual(grid.focusedBox?.id, "email")
        _ = grid.handle(.right)
        _ = grid.handle(.character("l"))
        XCTAssertEqual(grid.focusedBox?.id, "account:write")
        _ = grid.handle(.right)
        XCTAssertEqual(grid.focusedBox?.id, "account:write", "stops at the row's last level")
        _ = grid.handle(.character("h"))
        XCTAssertEqual(grid.focusedBox?.id, "account")
        XCTAssertEqual(grid.cursor, ScopeGrid.Position(row: 0, column: 1))
        _ = grid.handle(.character("j"))
        XCTAssertEqual(grid.focusedBox?.id, "wiki", "a shorter row: its last level")
        _ = grid.handle(.down)
        XCTAssertEqual(grid.focusedBox?.id, "repository:write", "the column asked for comes back on a longer row")
        XCTAssertEqual(grid.handle(.down), .handled)
        XCTAssertEqual(grid.focusedBox?.id, "repository:write")
        _ = grid.handle(.character("k"))
        _ = grid.handle(.up)
        XCTAssertEqual(grid.focusedBox?.id, "account")
        XCTAssertEqual(grid.handle(.character("x")), .ignored)
        XCTAssertEqual(grid.handle(.enter), .submitted)
    }

    func testTabGoesThroughEveryBoxInReadingOrderAndWraps() {
        var grid = makeGrid()
        var seen = [grid.focusedBox?.id ?? ""]
        for _ in 0..<8 {
            _ = grid.handle(.tab)
            seen.append(grid.focusedBox?.id ?? "")
        }
        XCTAssertEqual(seen, ["email", "account", "account:write", "wiki", "repository", "repository:write",
                              "repository:admin", "repository:delete", "email"])
        _ = grid.handle(.backTab)
        XCTAssertEqual(grid.focusedBox?.id, "repository:delete", "Shift-Tab wraps back to the last box")
        _ = grid.handle(.backTab)
        _ = grid.handle(.backTab)
        _ = grid.handle(.backTab)
        _ = grid.handle(.backTab)
        XCTAssertEqual(grid.focusedBox?.id, "wiki", "Shift-Tab from a row's first box: the previous row's last")
    }

    func testHomeEndAndPaging() {
        var grid = makeGrid()
        _ = grid.handle(.end)
        XCTAssertEqual(grid.focusedBox?.id, "repository:delete")
        _ = grid.handle(.home)
        XCTAssertEqual(grid.focusedBox?.id, "email")
        grid.layout(width: 60, height: 2)  // two rows in view: a page moves one, keeping one for context
        _ = grid.handle(.pageDown)
        XCTAssertEqual(grid.cursor.row, 1)
        _ = grid.handle(.pageDown)
        XCTAssertEqual(grid.cursor.row, 2)
        XCTAssertEqual(grid.scrollTop, 1)
        _ = grid.handle(.pageUp)
        _ = grid.handle(.pageUp)
        XCTAssertEqual(grid.cursor.row, 0)
        XCTAssertEqual(grid.scrollTop, 0)
    }

    func testSpaceTicksButLockedBoxesStayTicked() {
        var grid = makeGrid()
        XCTAssertEqual(grid.checkedIDs, ["email", "account"], "locked boxes are ticked even if created unticked")
        XCTAssertEqual(grid.handle(.character(" ")), .handled)
        XCTAssertEqual(grid.checkedIDs, ["email", "account"])
        _ = grid.handle(.right)
        _ = grid.handle(.right)
        XCTAssertEqual(grid.handle(.character(" ")), .changed)
        XCTAssertEqual(grid.checkedIDs, ["email", "account", "account:write"])
        XCTAssertEqual(grid.handle(.character(" ")), .changed)
        XCTAssertEqual(grid.checkedIDs, ["email", "account"])
    }

    func testSetRowsKeepsTheCursorOnTheSameBox() {
        var grid = makeGrid()
        _ = grid.handle(.end)
        var rows = grid.rows
        rows.removeFirst()
        rows[1].boxes[0].isChecked = true
        grid.setRows(rows)
        XCTAssertEqual(grid.focusedBox?.id, "repository:delete")
        XCTAssertEqual(grid.cursor, ScopeGrid.Position(row: 1, column: 3))
        grid.setRows([rows[0]])
        XCTAssertEqual(grid.focusedBox?.id, "wiki", "the box is gone: the nearest one left")
    }

    func testRenderLaysLevelsAcrossAndMarksLockAndFocus() {
        var grid = makeGrid()
        _ = grid.handle(.down)
        var canvas = Canvas(width: 60, height: 3)
        grid.render(into: &canvas, at: canvas.bounds, focused: true)
        let lines = canvas.textLayer().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        XCTAssertEqual(lines[0], "  Account       [*] Email  [*] Read  [ ] Write")
        XCTAssertEqual(lines[1], "› Wikis         [ ] Read and write")
        XCTAssertEqual(lines[2], "  Repositories  [ ] Read  [ ] Write  [ ] Admin  [ ] Delete")
        let roles = canvas.rolesLayer().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        XCTAssertEqual(roles[1], "s.sssss" + String(repeating: ".", count: 9) + String(repeating: "R", count: 18), "the row is pointed at, its focused box highlighted")
        XCTAssertEqual(roles[0].prefix(19), "..LLLLLLL.......xxx")

        var ascii = Canvas(width: 60, height: 3, glyphs: .ascii)
        grid.render(into: &ascii, at: ascii.bounds, focused: true)
        XCTAssertTrue(ascii.textLayer().hasPrefix("  Account       [*] Email  [*] Read  [ ] Write\n> Wikis"), ascii.textLayer())
    }

    func testANarrowGridContinuesARowUnderItsLevelsAndScrollsWholeRows() {
        var grid = makeGrid()
        XCTAssertEqual(grid.lineCount(width: 60), 3)
        XCTAssertEqual(grid.lineCount(width: 50), 4, "Repositories goes on on a second line")
        var canvas = Canvas(width: 50, height: 4)
        grid.render(into: &canvas, at: canvas.bounds, focused: true)
        let lines = canvas.textLayer().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        XCTAssertEqual(lines[2], "  Repositories  [ ] Read  [ ] Write  [ ] Admin")
        XCTAssertEqual(lines[3], "                [ ] Delete")

        grid.layout(width: 50, height: 2)
        XCTAssertEqual(grid.visibleRows(width: 50, height: 2), 0..<2)
        _ = grid.handle(.end)
        XCTAssertEqual(grid.visibleRows(width: 50, height: 2), 2..<3, "a two-line row alone fills two lines")
        XCTAssertEqual(grid.cursorLine(width: 50, height: 2), 1, "Delete is on the row's second line")
        _ = grid.handle(.up)
        XCTAssertEqual(grid.visibleRows(width: 50, height: 2), 1..<2)
        XCTAssertEqual(grid.cursorLine(width: 50, height: 2), 0)
    }
}

/// The Scopes screen around the grid: the whole form at 80×24, the explanation of the
/// focused box, the count only when rows are out of view, the keys its help offers.
final class ScopesScreenTests: XCTestCase {
    private func text(_ h: inout ScreenHarness) -> String { h.canvas().textLayer() }

    func testTheWholeFormFitsAt80x24WithTheFocusedBoxExplained() {
        var h = Journey.scopes(80, 24)
        let screen = text(&h)
        for resource in ["Account", "Workspace membership", "Projects", "Repositories", "Pull requests", "Issues", "Wikis",
                         "Snippets", "Webhooks", "Pipelines", "Runners"] {
            XCTAssertTrue(screen.split(separator: "\n").contains { $0.dropFirst(4).hasPrefix(resource + "  ") },
                          "\(resource) has its row:\n\(screen)")
        }
        XCTAssertTrue(screen.contains("Repositories          [ ] Read  [ ] Write  [ ] Admin  [ ] Delete"), screen)
        XCTAssertFalse(screen.contains(" of 11"), "no count when nothing is out of view:\n\(screen)")
        XCTAssertFalse(screen.contains("more below"), screen)
        XCTAssertTrue(screen.contains("Account → Email (email): required by Clerk"), screen)
        XCTAssertTrue(screen.contains("Ticked: exactly what Clerk needs."), screen)
        h.press(.down, .down, .down, .down, .down)
        XCTAssertTrue(text(&h).contains("Issues → Read (issue): Bitbucket removed it 2026-08-20"), text(&h))
    }

    func testSpaceOnALockedBoxKeepsItTickedAndSaysWhy() {
        var h = Journey.scopes(80, 24)
        h.press(.character(" "))
        XCTAssertTrue(h.state.scopes.contains(.email))
        XCTAssertTrue(text(&h).contains("Account → Email stays ticked: required by Clerk."), text(&h))
        h.press(.right, .right, .character(" "))
        XCTAssertTrue(h.state.scopes.contains("account:write"))
        XCTAssertTrue(text(&h).contains("[x] Write"), text(&h))
        XCTAssertTrue(text(&h).contains("Beyond Clerk's needs: account:write"), text(&h))
        h.press(.enter)
        XCTAssertEqual(h.state.step, .createInBitbucket)
    }

    func testTheExplanationIsNeverCutUnderLangC() {
        var h = Journey.scopes(80, 24)
        h.press(.down, .down, .down, .down, .right, .character(" "))  // Pull requests → Write
        h.press(.up)                                                   // Repositories → Write, implied
        XCTAssertTrue(text(&h).contains("Repositories → Write (repository:write): implied by Pull requests → Write"), text(&h))
        let ascii = h.canvas(glyphs: .ascii).textLayer()
        XCTAssertTrue(ascii.contains("    repository:write: implied by Pull requests -> Write\n"),
                      "\"->\" is wider than \"→\": the short form, not a cut one:\n\(ascii)")
    }

    func testAt60x16TheGridScrollsAndCountsWhatIsInView() {
        var h = Journey.scopes(60, 16)
        XCTAssertTrue(text(&h).contains("1–4 of 11 resources"), text(&h))
        h.press(.end)
        let screen = text(&h)
        XCTAssertTrue(screen.contains("› Runners"), screen)
        XCTAssertTrue(screen.contains("8–11 of 11 resources"), screen)
        XCTAssertTrue(screen.contains("runner:write"), "the explanation of the focused box:\n\(screen)")
        XCTAssertFalse(screen.contains("more below"), "the frame does not scroll as well:\n\(screen)")
    }

    func testTheHelpListsTheKeysTheGridTakes() {
        var h = Journey.scopes(80, 24)
        h.openHelp()
        let help = text(&h)
        for key in ["Space", "↑↓ ←→", "Tab / Shift-Tab", "PgUp / PgDn", "Home / End", "Enter"] {
            XCTAssertTrue(help.contains(key), "\(key) is offered:\n\(help)")
        }
        XCTAssertFalse(help.contains("↓ / ↑"), "named once, by the screen:\n\(help)")
        XCTAssertFalse(help.contains("filter a list"), help)
    }
}
