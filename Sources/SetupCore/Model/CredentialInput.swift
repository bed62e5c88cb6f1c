import Basics
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Rules for the Key and Secret pasted from Bitbucket. Lengths are never checked: Bitbucket
/// changed them in 2026 (32/76 now, 18/32 before) and may again.
public enum CredentialInput {
    /// The pasted value with surrounding whitespace trimmed, or why it cannot be a key or
    /// secret (inner whitespace or control characters mean something else was pasted too).
    public static func clean(_ raw: String, label: String) -> Result<String, CredentialInputIssue> {
        let trimmed = raw.trimmingWhitespaceAndNewlines()
        if trimmed.isEmpty { return .failure(CredentialInputIssue(message: "\(label) is required: paste it from Bitbucket.")) }
        if let copied = copiedLabel(trimmed) {
            return .failure(CredentialInputIssue(message: "\(label) starts with the label \"\(copied)\" copied along: paste only the value after it."))
        }
        let lines = trimmed.split(whereSeparator: \.isNewline).map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
        if lines.count == 2, !lines.contains(where: { $0.contains(" ") }) {
            return .failure(CredentialInputIssue(message: "\(label) holds two values on two lines (the Key and the Secret together?): paste them one at a time."))
        }
        if trimmed.unicodeScalars.contains(where: { $0.properties.isWhitespace }) {
            return .failure(CredentialInputIssue(message: "\(label) contains a space or line break: copy only the \(label.lowercased()) itself."))
        }
        if trimmed.unicodeScalars.contains(where: DisplayText.isControl) {
            return .failure(CredentialInputIssue(message: "\(label) contains control characters: paste it again."))
        }
        return .success(trimmed)
    }
}

extension CredentialInput {
    /// What a credential field asks for, to judge a value by its look before it is sent.
    public enum Kind: Sendable {
        case bitbucketToken, platformKey, secretKey, publishableKey, consumerKey, consumerSecret

        var label: String {
            switch self {
            case .bitbucketToken: "The Atlassian API token"
            case .platformKey: "The Platform API key"
            case .secretKey: "The secret key"
            case .publishableKey: "The publishable key"
            case .consumerKey: "The Key"
            case .consumerSecret: "The Secret"
            }
        }

        var noun: String {
            switch self {
            case .bitbucketToken: "an Atlassian API token"
            case .platformKey: "a Platform API key"
            case .secretKey: "a secret key"
            case .publishableKey: "a publishable key"
            case .consumerKey: "the consumer's Key from Bitbucket"
            case .consumerSecret: "the consumer's Secret from Bitbucket"
            }
        }
    }

    /// Clerk's key prefixes, what each is and the field it goes in.
    private static let clerkKeys: [(prefix: String, name: String, field: String, kind: Kind)] = [
        ("ak_", "a Clerk Platform API key", "the Platform API key field (CLERK_PLATFORM_API_KEY)", .platformKey),
        ("sk_", "a Clerk secret key", "the Secret key field (CLERK_SECRET_KEY)", .secretKey),
        ("pk_", "a Clerk publishable key", "the Publishable key field (CLERK_PUBLISHABLE_KEY)", .publishableKey),
    ]

    /// Why `value` cannot be a `kind`, judged by its look, or nil when it may be one. Only
    /// certain mistakes are named (a Clerk key of another kind, an email where a token goes,
    /// a copied label): Bitbucket's lengths change and Clerk may add formats, so nothing else
    /// is refused on looks.
    public static func shapeIssue(_ value: String, as kind: Kind) -> String? {
        let value = value.trimmingWhitespaceAndNewlines()
        guard !value.isEmpty else { return nil }
        if let copied = copiedLabel(value) {
            return "\(kind.label) starts with the label \"\(copied)\" copied along: paste only the value after it."
        }
        if let found = clerkKeys.first(where: { value.hasPrefix($0.prefix) }), found.kind != kind {
            return "That is \(found.name) (\(found.prefix)…), not \(kind.noun): it goes in \(found.field)."
        }
        switch kind {
        case .secretKey where !value.hasPrefix("sk_"):
            return "A Clerk secret key starts with sk_live_ or sk_test_: copy it again from the Clerk Dashboard (API keys)."
        case .bitbucketToken where value.contains("@") && !value.contains(" "):
            return "That looks like an email address: the Atlassian API token goes here, and the email in the field above."
        default:
            return nil
        }
    }

    /// Bitbucket's (Key, Secret) lengths so far: 32 and 76 now, 18 and 32 before.
    static let knownPairLengths: Set<[Int]> = [[32, 76], [18, 32]]

    /// Why the consumer's Key and Secret, each fine alone, cannot be the pair: the same value
    /// twice, or swapped. Swapped is said only when the lengths are exactly a known pair the
    /// wrong way round: any other difference may be a wrong secret, which Bitbucket judges.
    public static func pairIssue(key: String, secret: String) -> String? {
        if key == secret { return "The Key and the Secret are the same value: copy the Secret from the consumer's row in Bitbucket." }
        if knownPairLengths.contains([secret.count, key.count]) {
            return "The Key is longer than the Secret, so they look swapped: Bitbucket's Key is the shorter of the two."
        }
        return nil
    }

    /// A label copied along with a value ("Key: 4Kx…", "Secret:…"), or nil.
    static func copiedLabel(_ value: String) -> String? {
        for label in ["Key", "Secret", "Client ID", "Client secret", "API token", "Token"] {
            guard value.count > label.count, value.prefix(label.count).lowercased() == label.lowercased() else { continue }
            let rest = value.dropFirst(label.count).drop { $0 == " " || $0 == "\t" }
            if rest.first == ":" || rest.first == "=" { return label + String(rest.first!) }
        }
        return nil
    }
}

/// Why a pasted key or secret was refused.
public struct CredentialInputIssue: Error, Equatable, Sendable {
    public let message: String
}
