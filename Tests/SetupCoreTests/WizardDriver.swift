import Foundation
@testable import SetupCore

/// Drives the reducer and the effect runner the way a front end does, but one effect at a
/// time and to completion, so tests read as a user's journey.
actor WizardDriver {
    private(set) var state: WizardState
    let runner: EffectRunner
    private(set) var effectsRun: [WizardEffect] = []

    init(state: WizardState, runner: EffectRunner) {
        self.state = state
        self.runner = runner
    }

    /// Sends `action` and runs every effect it leads to, until nothing is left to do.
    func send(_ action: WizardAction) async {
        var queue = [action]
        while !queue.isEmpty {
            let next = queue.removeFirst()
            let effects = Wizard.reduce(&state, next)
            for effect in effects {
                effectsRun.append(effect)
                let collected = Collected()
                await runner.run(effect) { await collected.append($0) }
                queue += await collected.actions
            }
        }
    }

    func update(_ body: (inout WizardState) -> Void) { body(&state) }
}

private actor Collected {
    var actions: [WizardAction] = []
    func append(_ action: WizardAction) { actions.append(action) }
}
