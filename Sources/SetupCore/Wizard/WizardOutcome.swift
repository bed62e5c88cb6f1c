/// How a wizard run ended, and the exit code that says so (DESIGN: 0 done, 1 declined, 130 aborted).
public enum WizardOutcome: Equatable, Sendable {
    case done
    case declined
    case aborted
    /// The terminal went away (a dropped SSH link).
    case hangup
    /// Told to stop by a signal (SIGTERM, SIGHUP…): exits with 128 + its number.
    case signalled(Int32)

    public var exitCode: Int32 {
        switch self {
        case .done: 0
        case .declined: 1
        case .aborted: 130
        case .hangup: 129
        case .signalled(let number): 128 + number
        }
    }
}
