#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// What the user enters in Bitbucket's "Add consumer" form. Holds nothing secret.
public struct ConsumerForm: Equatable, Sendable, Codable {
    public var name = ""
    public var description = ""
    public var callbackURL = ""
    public var url = ""
    public var privacyPolicyURL = ""
    public var eulaURL = ""
    /// "This is a private consumer": on by default, because it lets bbclerk verify the key
    /// and secret with the client_credentials grant, and Clerk keeps the secret server-side.
    public var isPrivate = true

    public init() {}

    enum CodingKeys: String, CodingKey {
        case name, description, callbackURL, url, privacyPolicyURL, eulaURL, isPrivate
    }

    /// Decoded through the subscript, so a draft file's values are capped like typed ones.
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        for field in ConsumerField.allCases {
            self[field] = try container.decodeIfPresent(String.self, forKey: Self.key(field)) ?? ""
        }
        isPrivate = try container.decodeIfPresent(Bool.self, forKey: .isPrivate) ?? true
    }

    private static func key(_ field: ConsumerField) -> CodingKeys {
        switch field {
        case .name: .name
        case .description: .description
        case .callbackURL: .callbackURL
        case .url: .url
        case .privacyPolicyURL: .privacyPolicyURL
        case .eulaURL: .eulaURL
        }
    }

    public subscript(field: ConsumerField) -> String {
        get {
            switch field {
            case .name: name
            case .description: description
            case .callbackURL: callbackURL
            case .url: url
            case .privacyPolicyURL: privacyPolicyURL
            case .eulaURL: eulaURL
            }
        }
        set {
            // Capped here, so neither a paste nor a hostile draft can make a field huge.
            let newValue = InputLimits.fits(newValue, field.maxLength) ? newValue : String(newValue.prefix(field.maxLength))
            switch field {
            case .name: name = newValue
            case .description: description = newValue
            case .callbackURL: callbackURL = newValue
            case .url: url = newValue
            case .privacyPolicyURL: privacyPolicyURL = newValue
            case .eulaURL: eulaURL = newValue
            }
        }
    }

    /// Fills the fields that are still empty from what Clerk knows: the exact Callback URL,
    /// the application's name, and a URL built from its domain. Typed values are kept.
    public mutating func prefill(applicationName: String, callbackURL: String, homeURL: String?) {
        if name.isEmpty { name = applicationName }
        if self.callbackURL.isEmpty { self.callbackURL = callbackURL }
        if url.isEmpty, let homeURL { url = homeURL }
    }
}
