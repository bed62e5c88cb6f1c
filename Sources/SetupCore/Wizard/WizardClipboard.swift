/// Where `c` sends a value: the front end's clipboard (OSC 52 to the terminal in the
/// ncurses wizard), injected into the effect runner so ``WizardEffect/copyToClipboard(label:value:)``
/// is data a test can see, and the runner is the one place that carries it out.
public protocol WizardClipboard: Sendable {
    /// Sends `value`; returns what to check should it not arrive (a clipboard cannot say
    /// whether it did), or nil.
    func copy(_ value: Secret) -> String?
}
