import Testing
@testable import CursesUI
@testable import SetupCore

/// Step 6's next action is always at hand: in the sandbox the create button has the focus
/// at the top; a paste anywhere goes to the Key, then the Secret (both at once when they
/// come on two lines); `k` jumps to the Key field.
struct CreateScreenTests {
    @Test func inTheSandboxTheCreateButtonComesFirstAndHasTheFocus() {
        var harness = Journey.create(80, 24, mode: .sandbox)
        let lines = harness.canvas().textLayer().split(separator: "\n").map(String.init)
        let button = lines.firstIndex { $0.contains("[ Create it in the sandbox ]") }
        #expect(button != nil && button! < 8, "above the fold: \(lines)")
        #expect(ScreenFrame.helpBar(state: harness.state, screen: harness.screens.current(.createInBitbucket), overlay: nil)
            .items.first?.action == "create in sandbox")
    }

    /// Once created, the button is gone: a second press was refused by the sandbox (the name
    /// is taken) and replaced the success with an error.
    @Test func afterTheSandboxCreatedTheConsumerItsButtonIsGone() {
        var harness = Journey.create(80, 24, mode: .sandbox)
        harness.press(.enter)
        #expect(harness.state.sandboxConsumer.isLoading)
        harness.send(.sandboxConsumerCreated(.success(ConsumerCredentials(key: "4KxKey0123456789", secret: Secret("S3cret0123456789")))))
        let screen = harness.canvas().textLayer()
        #expect(!screen.contains("[ Create it in the sandbox ]"), "\(screen)")
        #expect(screen.contains("Created in the sandbox"), "\(screen)")
        for _ in 0..<20 {
            harness.press(.tab)
            var probe = harness.screens.current(.createInBitbucket)
            #expect(probe.handle(.enter, harness.state) != [.send(.createInSandbox)], "no focus creates it again")
        }
    }

    /// A value row offers c (copy) only where there is a value: "(leave empty)" has none, and
    /// copying it would put nothing on the clipboard while saying it was copied.
    @Test func anEmptyValueOffersNoCopy() {
        var harness = Journey.create(80, 24)
        let values = CreatePage.values(harness.state)
        #expect(values.contains { $0.value.isEmpty }, "the live case leaves an optional field empty")
        var seen = 0
        for _ in 0..<20 {
            harness.press(.tab)
            guard let screen = harness.screens.current(.createInBitbucket) as? CreateScreen, case .value(let index) = screen.item else { continue }
            seen += 1
            let bar = ScreenFrame.helpBar(state: harness.state, screen: harness.screens.current(.createInBitbucket), overlay: nil).items.map(\.key)
            #expect(bar.contains("c") == !values[index].value.isEmpty, "\(values[index].label): \(bar)")
        }
        #expect(seen >= values.count)
    }

    @Test func aPasteAnywhereFillsTheKeyThenTheSecret() {
        var harness = Journey.create(80, 24)
        harness.press(.paste("4KxKeyFromBitbucket0123456789abc"))
        #expect(harness.state.consumerKeyInput == "4KxKeyFromBitbucket0123456789abc")
        #expect(harness.screens.current(.createInBitbucket).isEditingText)
        harness.press(.tab, .tab, .tab)  // away from the fields again
        harness.press(.paste("theSecretValue"))
        #expect(harness.state.consumerSecretInput.exposed == "theSecretValue")
    }

    @Test func keyAndSecretOnTwoLinesWithTheirLabelsFillBoth() {
        var harness = Journey.create(80, 24)
        harness.press(.paste("Key\n4KxKey\nSecret\nS3cretValueLonger\n"))
        #expect(harness.state.consumerKeyInput == "4KxKey")
        #expect(harness.state.consumerSecretInput.exposed == "S3cretValueLonger")
    }

    @Test func kJumpsToTheKeyField() {
        var harness = Journey.create(80, 24)
        #expect(!harness.screens.current(.createInBitbucket).isEditingText)
        harness.press(.character("k"))
        #expect(harness.screens.current(.createInBitbucket).isEditingText)
        let (_, cursor) = harness.frame()
        #expect(cursor != nil)
    }
}
