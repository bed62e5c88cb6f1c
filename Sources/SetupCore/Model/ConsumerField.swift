/// The text fields of Bitbucket's "Add consumer" form, in the form's order, labelled exactly
/// as Bitbucket labels them so the user can match them by eye.
public enum ConsumerField: String, CaseIterable, Sendable, Codable, Hashable {
    case name, description, callbackURL, url, privacyPolicyURL, eulaURL

    /// Bitbucket's label for the field.
    public var label: String {
        switch self {
        case .name: "Name"
        case .description: "Description"
        case .callbackURL: "Callback URL"
        case .url: "URL"
        case .privacyPolicyURL: "Privacy policy URL"
        case .eulaURL: "EULA URL"
        }
    }

    /// One line saying what the field is for and where its value goes.
    public var hint: String {
        switch self {
        case .name: "Required. Shown to people on Bitbucket's consent page; unique in the workspace."
        case .description: "Optional. Shown under the name on the consent page."
        case .callbackURL: "Required. Must equal Clerk's Callback URL exactly, or sign-in fails."
        case .url: "Optional. Your application's home page."
        case .privacyPolicyURL: "Optional. Linked from the consent page."
        case .eulaURL: "Optional. Your terms of use, linked from the consent page."
        }
    }

    /// Whether Bitbucket refuses the form without it (for OAuth 2.0).
    public var isRequired: Bool { self == .name || self == .callbackURL }

    /// Whether the value is a URL.
    public var isURL: Bool { self != .name && self != .description }
}
