import SetupCore

/// The sequential effect driver: runs the wizard's reducer and the real ``EffectRunner``
/// the way a front end does, but one effect at a time and to completion, so a test reads as
/// a user's journey and every state it sees is settled.
public actor WizardDriver {
    public private(set) var state: WizardState
    public let runner: EffectRunner

    public init(state: WizardState, runner: EffectRunner) {
        self.state = state
        self.runner = runner
    }

    /// Sends `action` and runs every effect it leads to, until nothing is left to do.
    public func send(_ action: WizardAction) async {
        var queue = [action]
        while !queue.isEmpty {
            let next = queue.removeFirst()
            for effect in Wizard.reduce(&state, next) {
                queue += await answers(to: effect)
            }
        }
    }

    /// Runs one effect the test made up (a request the wizard would not send on its own)
    /// and reduces what comes back.
    public func run(_ effect: WizardEffect) async {
        for action in await answers(to: effect) { await send(action) }
    }

    /// Changes the state directly: puts it where a made-up effect's answer is expected
    /// (the reducer ignores answers nobody asked for).
    public func update(_ change: @Sendable (inout WizardState) -> Void) {
        change(&state)
    }

    /// The same loop without a runner, for walking a state forward with canned answers:
    /// sends `action` to `state`, and answers each effect with what `answer` returns for it
    /// (given the state as it is when the effect is run), until nothing is left to do.
    public static func send(_ action: WizardAction, to state: inout WizardState,
                            answer: (WizardEffect, WizardState) -> [WizardAction]) {
        var queue = [action]
        while !queue.isEmpty {
            let next = queue.removeFirst()
            for effect in Wizard.reduce(&state, next) {
                queue += answer(effect, state)
            }
        }
    }

    private func answers(to effect: WizardEffect) async -> [WizardAction] {
        let collected = Collected()
        await runner.run(effect) { await collected.append($0) }
        return await collected.actions
    }
}

/// The actions one effect sent back, in order.
private actor Collected {
    var actions: [WizardAction] = []
    func append(_ action: WizardAction) { actions.append(action) }
}
