/// Step 7, the key and secret and Bitbucket's verdict on them, as both front ends show it.
public enum KeySecretPage {
    public static let keyLabel = "Key"
    public static let secretLabel = "Secret"
    public static let verificationHeading = "Verification at Bitbucket's token endpoint"

    /// The verdict, or why there is none, as lines; nil while the check runs (each front end
    /// shows progress its own way).
    public static func verification(_ state: WizardState) -> [PageLine]? {
        switch state.verification {
        case .idle:
            return [PageLine("Not verified yet.", .muted)]
        case .loading:
            return nil
        case .failed(let error):
            return [PageLine(error.userMessage, .error, mark: .cross)]
        case .loaded(let verdict):
            var lines: [PageLine]
            if !verdict.isUsable {
                lines = [PageLine(verdict.userMessage, .error, mark: .cross)]
            } else if verdict.isWeakEvidence {
                lines = [PageLine(verdict.userMessage, .warning, mark: .warning)]
                if state.weakVerdictAccepted { lines.append(PageLine("You chose to go on with this weaker check.", .muted)) }
            } else {
                lines = [PageLine(verdict.userMessage, .success, mark: .check)]
            }
            if case .valid(let scopes) = verdict {
                lines.append(PageLine("Granted scopes: \(scopes.isEmpty ? "none" : scopes.map { DisplayText.sanitize($0, limit: 60) }.joined(separator: " "))", .muted))
            }
            return lines
        }
    }
}
