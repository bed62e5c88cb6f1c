#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A Clerk instance's environment type.
public enum ClerkEnvironment: Sendable, Hashable {
    case development
    case production
    /// A value Clerk may add later, kept as sent.
    case other(String)

    /// "production", "development", or Clerk's own word for another kind, safe to show.
    public var name: String {
        switch self {
        case .production: "production"
        case .development: "development"
        case .other(let name): DisplayText.sanitize(name, limit: 20)
        }
    }

    public init(rawValue: String) {
        switch rawValue {
        case "development": self = .development
        case "production": self = .production
        default: self = .other(rawValue)
        }
    }

    public var rawValue: String {
        switch self {
        case .development: "development"
        case .production: "production"
        case .other(let value): value
        }
    }
}

/// One instance (environment) of a Clerk application.
public struct ClerkInstance: Sendable, Equatable, Hashable {
    public var id: String
    public var environment: ClerkEnvironment
    public var publishableKey: String?

    public init(id: String, environment: ClerkEnvironment, publishableKey: String? = nil) {
        self.id = id
        self.environment = environment
        self.publishableKey = publishableKey
    }
}

/// A Clerk application with its instances, from the Platform API.
public struct ClerkApplication: Sendable, Equatable, Hashable {
    public var id: String
    public var name: String
    public var instances: [ClerkInstance]

    public init(id: String, name: String, instances: [ClerkInstance]) {
        self.id = id
        self.name = name
        self.instances = instances
    }

    /// The production instance, if there is one.
    public var production: ClerkInstance? { instances.first { $0.environment == .production } }

    /// The instance preselected: production, else the first one.
    public var preferredInstance: ClerkInstance? { production ?? instances.first }
}

/// A domain of a Clerk instance: where its Frontend API lives, which gives the Callback URL.
public struct ClerkDomain: Sendable, Equatable {
    public var id: String?
    public var name: String
    public var frontendAPIURL: URL
    public var accountsPortalURL: URL?
    public var isSatellite: Bool
    /// The domain's Frontend API proxy, when it has one (`proxy_url`).
    public var proxyURL: URL?

    public init(id: String?, name: String, frontendAPIURL: URL, accountsPortalURL: URL? = nil, isSatellite: Bool = false, proxyURL: URL? = nil) {
        self.id = id
        self.proxyURL = proxyURL
        self.name = name
        self.frontendAPIURL = frontendAPIURL
        self.accountsPortalURL = accountsPortalURL
        self.isSatellite = isSatellite
    }

    /// The Callback URL Bitbucket's consumer must carry for this domain.
    public var callbackURL: String { ClerkClient.callbackURL(frontendAPIURL: frontendAPIURL) }
}
