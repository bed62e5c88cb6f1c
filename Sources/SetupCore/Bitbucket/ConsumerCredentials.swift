import Basics
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The Key and Secret Bitbucket generated for an OAuth consumer: Clerk's Client ID and
/// Client Secret. Never validated by length (Bitbucket changed the lengths in 2026).
public struct ConsumerCredentials: Sendable, Equatable {
    public var key: String
    public var secret: Secret

    public init(key: String, secret: Secret) {
        self.key = key.trimmingWhitespaceAndNewlines()
        self.secret = secret
    }
}
