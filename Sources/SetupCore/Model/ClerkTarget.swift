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

    public init(applicationID: String?, applicationName: String, instanceID: String, environment: ClerkEnvironment,
                frontendAPIURL: URL, homeURL: String? = nil) {
        self.applicationID = applicationID
        self.applicationName = applicationName
        self.instanceID = instanceID
        self.environment = environment
        self.frontendAPIURL = frontendAPIURL
        self.homeURL = homeURL
    }

    /// Clerk's "Authorized redirect URI", which Bitbucket calls the Callback URL.
    public var callbackURL: String { ClerkClient.callbackURL(frontendAPIURL: frontendAPIURL) }

    /// Development instances sign in through Clerk's shared credentials already.
    public var customCredentialsOptional: Bool { environment == .development }
}
