import Foundation

/// The Clerk instance the connection is configured on, and what follows from it.
public struct ClerkTarget: Equatable, Sendable {
    public var applicationID: String?
    public var applicationName: String
    public var instanceID: String
    public var environment: ClerkEnvironment
    /// The Frontend API, read from the domain object or decoded from the publishable key.
    public var frontendAPIURL: URL
    /// The application's own domain, for the consumer's URL field, when known.
    public var homeURL: String?
    /// The Account Portal, from the domain object (`accounts_portal_url`), when Clerk gave one.
    public var accountsPortalURL: URL?

    public init(applicationID: String?, applicationName: String, instanceID: String, environment: ClerkEnvironment,
                frontendAPIURL: URL, homeURL: String? = nil, accountsPortalURL: URL? = nil) {
        self.applicationID = applicationID
        self.applicationName = applicationName
        self.instanceID = instanceID
        self.environment = environment
        self.frontendAPIURL = frontendAPIURL
        self.homeURL = homeURL
        self.accountsPortalURL = accountsPortalURL
    }

    /// The target for `instance` of `application`, or nil while its Frontend API is unknown.
    /// Production reads the primary domain's Frontend API, development decodes the
    /// publishable key; each falls back to the other. The wizard and `apply`/`doctor` share it.
    public init?(application: ClerkApplication, instance: ClerkInstance, domains: [ClerkDomain]) {
        let primary = domains.first { !$0.isSatellite }
        let fromKey = instance.publishableKey.flatMap { try? PublishableKey($0) }
        let frontend: URL? = switch instance.environment {
        case .production: primary?.frontendAPIURL ?? fromKey?.frontendAPIURL
        default: fromKey?.frontendAPIURL ?? primary?.frontendAPIURL
        }
        guard let frontend else { return nil }
        self.init(applicationID: application.id, applicationName: application.name, instanceID: instance.id,
                  environment: instance.environment, frontendAPIURL: frontend,
                  homeURL: primary.map { "https://\($0.name)" }, accountsPortalURL: primary?.accountsPortalURL)
    }

    /// Clerk's "Authorized redirect URI", which Bitbucket calls the Callback URL.
    public var callbackURL: String { ClerkClient.callbackURL(frontendAPIURL: frontendAPIURL) }

    /// Development instances sign in through Clerk's shared credentials already.
    public var customCredentialsOptional: Bool { environment == .development }

    /// The Account Portal's sign-in page: `{accountsPortalURL}/sign-in` when Clerk named the
    /// portal; otherwise guessed from the Frontend API host: `accounts.<domain>` for
    /// `clerk.<domain>`, `<name>.accounts.dev` for a development instance's
    /// `<name>.clerk.accounts.dev` (development instances have no domain object).
    public var signInURL: String? {
        if let portal = accountsPortalURL, portal.host != nil {
            var base = portal.absoluteString
            while base.hasSuffix("/") { base.removeLast() }
            return base + "/sign-in"
        }
        guard let host = frontendAPIURL.host else { return nil }
        if host.hasSuffix(".clerk.accounts.dev") {
            return "https://" + host.replacingOccurrences(of: ".clerk.accounts.dev", with: ".accounts.dev") + "/sign-in"
        }
        if host.hasPrefix("clerk.") { return "https://accounts." + host.dropFirst("clerk.".count) + "/sign-in" }
        return nil
    }
}
