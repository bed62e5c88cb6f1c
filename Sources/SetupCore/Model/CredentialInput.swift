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
        if trimmed.unicodeScalars.contains(where: { $0.properties.isWhitespace }) {
            return .failure(CredentialInputIssue(message: "\(label) contains a space or line break: copy only the \(label.lowercased()) itself."))
        }
        if trimmed.unicodeScalars.contains(where: DisplayText.isControl) {
            return .failure(CredentialInputIssue(message: "\(label) contains control characters: paste it again."))
        }
        return .success(trimmed)
    }
}

/// Why a pasted key or secret was refused.
public struct CredentialInputIssue: Error, Equatable, Sendable {
    public let message: String
}
