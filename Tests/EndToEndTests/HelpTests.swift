import Foundation
import SetupCore
import XCTest

/// `?` (where it is not text) and F1 (everywhere) open the list of keys; any key closes it.
final class HelpTests: XCTestCase {
    func testQuestionMarkOnAButtonAndF1InATextFieldOpenTheKeys() throws {
        let folder = try TestFolder()
        let wizard = try Wizard.launch(["--sandbox"], in: folder)
        defer { wizard.kill() }

        // Connect: the focus is on Continue, so `?` is not typed anywhere.
        try wizard.waitForStep(.connect)
        try wizard.waitFor("applications found")
        try wizard.send("?")
        let help = try wizard.waitFor("Keys: Connect")
        XCTAssertTrue(help.contains("Tab"), help)
        try wizard.send("x")
        try wizard.waitForGone("Keys: Connect")
        XCTAssertTrue(try wizard.screen().contains(WizardStep.connect.heading), "the key that closes the keys does nothing else")

        // Consumer: the focus is in the Name field, where `?` is a character.
        try wizard.connect()
        try wizard.chooseApplication()
        try wizard.chooseWorkspace()
        try wizard.waitFor("Acme Store")
        XCTAssertTrue(try wizard.isFocused("Name"), "the focus starts on the first field")
        try wizard.send("?")
        try wizard.waitFor("Acme Store?")
        XCTAssertFalse(try wizard.screen().contains("Keys: Consumer"), "`?` in a text field is typed, not help")
        try wizard.send("BSpace")
        try wizard.waitForGone("Acme Store?")

        try wizard.send("F1")
        try wizard.waitFor("Keys: Consumer")
        try wizard.send("q")
        let after = try wizard.waitForGone("Keys: Consumer")
        XCTAssertFalse(after.contains("Acme Storeq"), "the key that closes the keys is not typed:\n\(after)")
        XCTAssertTrue(after.contains(WizardStep.consumer.heading), after)

        // Once more with Esc: it closes the keys and does not go back a step.
        try wizard.send("F1")
        try wizard.waitFor("Keys: Consumer")
        try wizard.send("Escape")
        let stayed = try wizard.waitForGone("Keys: Consumer")
        XCTAssertTrue(stayed.contains(WizardStep.consumer.heading), "Esc closes the overlay only:\n\(stayed)")
    }
}
