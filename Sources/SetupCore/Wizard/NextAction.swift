/// What a message points the user to ("check again"), named by the action rather than by a
/// key: the full-screen wizard says which key takes it ("Press v to check again."), the line
/// mode has no keys and offers the same action in the prompt that follows the message.
public struct NextAction: Equatable, Sendable {
    public var action: WizardAction
    /// What taking it does, as the end of "Press v to …".
    public var purpose: String

    public init(_ action: WizardAction, _ purpose: String) {
        self.action = action
        self.purpose = purpose
    }
}

/// Why the current step cannot be left forward yet, and what would get it moving.
public struct Blocker: Equatable, Sendable, ExpressibleByStringInterpolation {
    public var text: String
    public var next: [NextAction]

    public init(_ text: String, next: [NextAction] = []) {
        self.text = text
        self.next = next
    }

    public init(stringLiteral value: String) { self.init(value) }

    public init(stringInterpolation: DefaultStringInterpolation) { self.init(String(stringInterpolation: stringInterpolation)) }
}
