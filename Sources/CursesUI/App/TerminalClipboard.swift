import SetupCore

/// The wizard's clipboard: ``Clipboard``'s OSC 52 sequence written through the terminal,
/// for ``WizardEffect/copyToClipboard(label:value:)``. The effect runner performs local
/// effects on the app loop's thread (``EffectRunner/perform(_:)``), the only thread that
/// touches the terminal, which is why it may hold one though the terminal is not Sendable.
struct TerminalClipboard: WizardClipboard, @unchecked Sendable {
    let terminal: any Terminal
    let environment: [String: String]

    func copy(_ value: Secret) -> String? {
        terminal.writePassthrough(Clipboard.sequence(for: value.exposed, environment: environment))
        return Clipboard.hint(environment: environment)
    }
}
