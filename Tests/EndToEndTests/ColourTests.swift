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
        try wizard.pressContinue(expecting: .application)
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
}
