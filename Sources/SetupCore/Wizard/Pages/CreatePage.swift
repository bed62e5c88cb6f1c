/// Step 6, creating the consumer in Bitbucket's web form (Bitbucket has no API for it), as
/// both front ends show it: the three steps, the values to enter and what the sandbox did.
public enum CreatePage {
    /// Why this step sends the user to the browser.
    public static let why = "Bitbucket has no API for creating consumers, so create it in your browser."

    /// Step 1; `keys` is how the front end opens and copies the link ("o opens, c copies").
    public static func openStep(keys: String?) -> String {
        "1. Open Add consumer" + (keys.map { " (\($0))" } ?? "") + ", or Settings → OAuth consumers:"
    }

    /// Step 2; `keys` is how the front end copies a value.
    public static func enterStep(keys: String?) -> String {
        "2. Enter these values, then Save" + (keys.map { " (\($0))" } ?? "") + ":"
    }

    public static let pasteStep = "3. Expand the new consumer's name in the list and paste its Key and Secret:"
    /// The link's label.
    public static let linkLabel = "Link"
    /// Shown for an optional field left empty, where a value would stand.
    public static let leaveEmpty = "(leave empty)"

    /// What to type into Bitbucket's form, in its order: the six fields, the checkbox and the
    /// permissions.
    public static func values(_ state: WizardState) -> [PageValue] {
        ConsumerField.allCases.map { PageValue($0.label, state.form[$0]) } + [
            PageValue("Private consumer", state.form.isPrivate ? "ticked" : "not ticked"),
            PageValue("Permissions", state.scopes.ordered.map { PermissionCatalogue.label(of: $0) }.joined(separator: ", ")),
        ]
    }

    /// The sandbox's shortcut for steps 1 to 3.
    public static let sandboxButton = "Create it in the sandbox"
    public static let sandboxButtonHint = "does steps 1 to 3 with these values"
    public static let sandboxCreating = "creating…"
    public static let sandboxCreated = "Created in the sandbox with these values: Key and Secret filled in."
}
