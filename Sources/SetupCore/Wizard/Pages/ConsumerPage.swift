/// Step 4, Bitbucket's "Add consumer" form, as both front ends show it. Its fields, their
/// labels, hints, limits and checks are ``ConsumerField`` and ``FormValidation``.
public enum ConsumerPage {
    /// "Bitbucket's "Add consumer" form for acme-inc".
    public static func heading(_ state: WizardState) -> String {
        "Bitbucket's \"Add consumer\" form" + (state.selectedWorkspace.map { " for \(DisplayText.sanitize($0, limit: 80))" } ?? "")
    }

    /// The form's checkbox, as Bitbucket labels it.
    public static let privateTitle = "This is a private consumer"

    /// What the checkbox means for bbclerk, for its current value.
    public static func privateMeaning(isOn: Bool) -> String {
        isOn ? "On: bbclerk can verify the key and secret, and Clerk keeps the secret on its servers."
            : "Off: a public consumer; bbclerk can only run a weaker check of its key and secret."
    }
}
