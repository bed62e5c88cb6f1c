/// The most characters bbclerk keeps for each thing a person types or pastes.
///
/// Bitbucket does not document its consumer form's limits, so these are generous bounds on
/// what a stray paste can do (a 1.1 M-character paste once made a 2 MB draft, rewritten on
/// every keystroke), not claims about what Bitbucket accepts: a Name of 255 and URLs of
/// 2,048 characters hold any real value.
public enum InputLimits {
    /// Atlassian API tokens, Clerk keys, consumer keys and secrets are a few hundred
    /// characters at most.
    public static let credential = 4096
    /// RFC 5321's limit for an address.
    public static let email = 254

    /// Whether `value` fits `limit`, without counting past it (a huge paste costs no more
    /// than the limit).
    public static func fits(_ value: String, _ limit: Int) -> Bool {
        value.utf8.count <= limit || value.dropFirst(limit).isEmpty
    }
}

extension ConsumerField {
    /// The most characters the field keeps.
    public var maxLength: Int {
        switch self {
        case .name: 255
        case .description: 1024
        case .callbackURL, .url, .privacyPolicyURL, .eulaURL: 2048
        }
    }
}
