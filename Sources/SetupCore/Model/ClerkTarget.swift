#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

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
    /// The primary domain's id, when the Platform API listed it: its DNS status is read
    /// before the Frontend API is asked (an unverified production host does not resolve).
    public var domainID: String?
    /// The domain's Frontend API proxy (`proxy_url`), when it has one.
    public var proxyURL: URL?

    public init(applicationID: String?, applicationName: String, instanceID: String, environment: ClerkEnvironment,
                frontendAPIURL: URL, homeURL: String? = nil, accountsPortalURL: URL? = nil, domainID: String? = nil,
                proxyURL: URL? = nil) {
        self.domainID = domainID
        self.proxyURL = proxyURL
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
                  homeURL: primary.map { "https://\($0.name)" }, accountsPortalURL: primary?.accountsPortalURL,
                  domainID: instance.environment == .production ? primary?.id : nil,
                  proxyURL: instance.environment == .production ? primary?.proxyURL : nil)
    }

    /// Clerk's "Authorized redirect URI", which Bitbucket calls the Callback URL:
    /// `{frontend_api_url}/v1/oauth_callback`, as Clerk's CLI derives it (clerk/cli PR #335).
    public var callbackURL: String { ClerkClient.callbackURL(frontendAPIURL: frontendAPIURL) }

    /// With a Frontend API proxy the callback might be served through the proxy instead:
    /// none of Clerk's sources says which (docs/VENDOR-FACTS.md), so bbclerk keeps
    /// `frontend_api_url`'s, as the CLI does, and names this one as the thing to compare
    /// with the Dashboard's Callback URL when sign-in fails.
    public var proxyCallbackURL: String? { proxyURL.map { ClerkClient.callbackURL(frontendAPIURL: $0) } }

    /// The note for a proxied domain, shown wherever the Callback URL is.
    public var proxyNote: String? {
        proxyCallbackURL.map {
            "This domain uses a Frontend API proxy (\(DisplayText.sanitize(proxyURL?.absoluteString ?? "", limit: 120))). bbclerk uses the Callback URL Clerk's CLI derives; if Bitbucket says \"Invalid redirect_uri\", compare it with the Callback URL in the Clerk Dashboard (SSO connections → Bitbucket), which may be \(DisplayText.sanitize($0, limit: 200))."
        }
    }

    /// How to ask the Frontend API about this instance; with a Platform credential the
    /// domain's DNS status is read first.
    public func frontendProbe(platformKey: Secret?) -> FrontendProbe {
        var probe = FrontendProbe(frontendAPIURL: frontendAPIURL, isDevelopment: environment == .development)
        if let applicationID, let domainID, let platformKey {
            probe.domainStatus = .init(application: applicationID, domain: domainID, platformKey: platformKey)
        }
        return probe
    }

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
            return "https://" + host.replacing(".clerk.accounts.dev", with: ".accounts.dev") + "/sign-in"
        }
        if host.hasPrefix("clerk.") { return "https://accounts." + host.dropFirst("clerk.".count) + "/sign-in" }
        return nil
    }
}
