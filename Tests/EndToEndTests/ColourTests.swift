import Foundation
import XCTest

/// NO_COLOR: not one colour, and the focus still plain to see (reverse video). Without it:
/// colour.
final class ColourTests: XCTestCase {
    func testNoColorKeepsFocusVisibleWithReverseVideoAndUsesNoColour() throws {
        let folder = try TestFolder()
        let wizard = try Wizard.launch(["--sandbox"], in: folder, environment: ["NO_COLOR": "1"])
        defer { wizard.kill() }
        var screens: [String] = []

        // Connect: the focus is on Continue.
        try wizard.waitFor("applications found")
        screens.append(try wizard.waitUntilStyled("the focused Continue in reverse video") {
            SGR.reversedLines($0).contains { $0.contains("[ Continue ]") }
        })
        // Clerk application: the focus is on a list row.
        try wizard.pressContinue(expecting: .clerkApplication)
        screens.append(try wizard.waitUntilStyled("the focused application row in reverse video") {
            SGR.reversedLines($0).contains { $0.contains("Acme Store") }
        })
        XCTAssertEqual(SGR.reversedLines(screens.last!).filter { $0.contains("Nimbus Notes") }, [], "only the focused row is reversed")
        // Consumer: the focus is in a text field.
        try wizard.pressContinue(expecting: .workspace)
        try wizard.send("Enter")
        try wizard.waitForStep(.consumer)
        screens.append(try wizard.waitUntilStyled("the focused Name field in reverse video") {
            SGR.reversedLines($0).contains { $0.contains("Name") || $0.contains("Acme Store") }
        })
        try wizard.send("F1")
        try wizard.waitFor("Keys: Consumer")
        screens.append(try wizard.styledScreen())

        for screen in screens {
            let colours = SGR.sequences(in: screen).flatMap(SGR.colourParameters)
            XCTAssertEqual(colours, [], "NO_COLOR: no colour escapes, yet found \(Set(colours).sorted()) on:\n\(SGR.plain(screen))")
        }
    }

    func testWithoutNoColorTheScreenUsesColour() throws {
        let folder = try TestFolder()
        let wizard = try Wizard.launch(["--sandbox"], in: folder)
        defer { wizard.kill() }
        try wizard.waitFor("applications found")
        let styled = try wizard.styledScreen()
        XCTAssertTrue(SGR.usesColour(styled), "colour is used on a 256-colour terminal:\n\(styled)")
        XCTAssertTrue(try wizard.isFocused("[ Continue ]"), "the focus is highlighted:\n\(SGR.plain(styled))")
    }

    /// A theme with its own background paints every cell with it, blanks included (ncurses
    /// erases with the normal role's colours), so a light terminal shows no patches.
    func testHighContrastPaintsItsBackgroundOnEveryCell() throws {
        let folder = try TestFolder()
        let wizard = try Wizard.launch(["--sandbox", "--theme", "high-contrast"], in: folder, environment: ["TERM": "tmux-256color"])
        defer { wizard.kill() }
        try wizard.waitFor("applications found")
        var screens = [try wizard.styledScreenWithBlanks()]
        try wizard.pressContinue(expecting: .clerkApplication)
        screens.append(try wizard.styledScreenWithBlanks())
        try wizard.send("?")
        try wizard.waitFor("Keys: ")
        screens.append(try wizard.styledScreenWithBlanks())
        for screen in screens {
            let bare = Self.cellsWithoutBackground(screen, rows: 24)
            XCTAssertEqual(bare, [], "cells in the terminal's own background (row, column):\n\(SGR.plain(screen))")
        }
    }

    /// (row, column) of every cell drawn with the terminal's default background.
    static func cellsWithoutBackground(_ styled: String, rows: Int) -> [[Int]] {
        var found: [[Int]] = []
        var background = false
        for (y, line) in styled.components(separatedBy: "\n").prefix(rows).enumerated() {
            var x = 0
            var rest = Substring(line)
            while let first = rest.first {
                if first == "\u{1B}", let end = rest.firstIndex(of: "m") {
                    let parameters = rest[rest.index(rest.startIndex, offsetBy: 2)..<end].split(separator: ";", omittingEmptySubsequences: false).map(String.init)
                    var i = 0
                    while i < parameters.count {
                        let p = parameters[i]
                        if p == "" || p == "0" || p == "49" { background = false }
                        else if p == "48" { background = true; i += parameters.indices.contains(i + 1) && parameters[i + 1] == "5" ? 2 : 4 }
                        else if let n = Int(p), (40...47).contains(n) || (100...107).contains(n) { background = true }
                        i += 1
                    }
                    rest = rest[rest.index(after: end)...]
                    continue
                }
                if !background { found.append([y, x]) }
                x += 1
                rest = rest.dropFirst()
            }
        }
        return found
    }
}
