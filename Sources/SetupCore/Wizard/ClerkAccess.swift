/// How bbclerk reaches the Clerk instance: through the Platform API (it can write the
/// connection), or in manual mode (the user pastes values in the Dashboard and bbclerk
/// checks the result from the outside).
public enum ClerkAccess: Equatable, Sendable {
    case platform(applications: [ClerkApplication])
    case manual(target: ClerkTarget, source: ManualSource)

    /// The key manual mode found the instance from.
    public enum ManualSource: Equatable, Sendable {
        case secretKey
        case publishableKey

        /// For sentences: "from the secret key".
        public var displayName: String {
            switch self {
            case .secretKey: "secret key"
            case .publishableKey: "publishable key"
            }
        }
    }

    public var isManual: Bool { if case .manual = self { true } else { false } }
}
