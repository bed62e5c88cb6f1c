import Basics
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A Clerk publishable key, decoded: `pk_test_` or `pk_live_` followed by unpadded base64
/// of `<frontend api host>$`. It lets manual mode find the Frontend API without any API key.
public struct PublishableKey: Sendable, Equatable {
    public var raw: String
    public var environment: ClerkEnvironment
    /// The Frontend API host, e.g. `clerk.example.com`.
    public var frontendAPIHost: String

    /// `https://{frontendAPIHost}`.
    public let frontendAPIURL: URL

    /// Split on `_` into exactly three parts, base64-decode the third (re-padded), require
    /// one trailing `$` and a `.` in the host, strip the `$`.
    public init(_ raw: String) throws(PublishableKeyError) {
        let trimmed = raw.trimmingWhitespaceAndNewlines()
        let parts = trimmed.split(separator: "_", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3, !parts[2].isEmpty else { throw .wrongShape }
        switch (parts[0], parts[1]) {
        case ("pk", "test"): environment = .development
        case ("pk", "live"): environment = .production
        default: throw .unknownPrefix
        }
        var encoded = parts[2]
        if encoded.count % 4 == 1 { throw .notBase64 }
        encoded += String(repeating: "=", count: (4 - encoded.count % 4) % 4)
        guard let data = Data(base64Encoded: encoded), let text = String(data: data, encoding: .utf8) else {
            throw .notBase64
        }
        guard text.hasSuffix("$") else { throw .noTrailingDollar }
        let host = String(text.dropLast())
        // One `$`, at the end: another one means this is not a host.
        guard !host.contains("$") else { throw .noTrailingDollar }
        guard host.contains("."), !host.hasPrefix("."), !host.hasSuffix("."),
            host.unicodeScalars.allSatisfy({ PublishableKey.hostCharacters.contains($0) })
        else { throw .noDotInHost }
        // The host comes from the network (instances' publishable keys): it must make a URL.
        guard let url = URL(string: "https://\(host.lowercased())"), url.host != nil else { throw .noDotInHost }
        self.raw = trimmed
        self.frontendAPIHost = host.lowercased()
        self.frontendAPIURL = url
    }

    private static let hostCharacters = ASCIISet.alphanumerics.union(ASCIISet(".-:"))
}

/// Why a string is not a publishable key.
public enum PublishableKeyError: Error, Sendable, Equatable, LocalizedError {
    /// Not three `_`-separated parts.
    case wrongShape
    /// Not `pk_test_` or `pk_live_` (a secret key `sk_…`, for instance).
    case unknownPrefix
    case notBase64
    case noTrailingDollar
    /// The decoded value is not a host name.
    case noDotInHost

    public var userMessage: String {
        switch self {
        case .wrongShape:
            "This is not a publishable key (it should look like pk_live_… or pk_test_…): copy it again from the Clerk Dashboard under API keys."
        case .unknownPrefix:
            "A publishable key starts with pk_live_ or pk_test_: copy the publishable key (not the secret key) from the Clerk Dashboard under API keys."
        case .notBase64, .noTrailingDollar, .noDotInHost:
            "This publishable key looks damaged (it does not decode to a Frontend API host): copy it again, whole, from the Clerk Dashboard under API keys."
        }
    }

    public var errorDescription: String? { userMessage }
}
