#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension ClerkClient {
    /// Manual mode's instance, shared by the wizard and `doctor`: from the secret key when
    /// there is one (Backend API: the instance and its domains, so the Callback URL is
    /// exact), else decoded from the publishable key (no request).
    public func manualTarget(publishableKey: String) async throws(RemoteError) -> (target: ClerkTarget, source: ClerkAccess.ManualSource) {
        if secretKey != nil {
            let instance = try await backendInstance()
            let domains = try await backendDomains()
            let primary = domains.first { !$0.isSatellite } ?? domains.first
            guard let frontend = primary?.frontendAPIURL ?? (try? PublishableKey(publishableKey))?.frontendAPIURL else {
                throw RemoteError(service: .clerkBackend, kind: .malformedResponse,
                                  userMessage: "Clerk listed no domain for this instance, so its Callback URL is unknown: set CLERK_PUBLISHABLE_KEY too.",
                                  logDetail: "GET /domains: empty")
            }
            let target = ClerkTarget(applicationID: nil, applicationName: primary?.name ?? "Clerk application",
                                     instanceID: instance.id, environment: instance.environment, frontendAPIURL: frontend,
                                     homeURL: primary.map { "https://\($0.name)" },
                                     accountsPortalURL: primary?.accountsPortalURL, proxyURL: primary?.proxyURL)
            return (target, .secretKey)
        }
        do {
            let key = try PublishableKey(publishableKey)
            let host = key.frontendAPIHost
            let domain = host.hasPrefix("clerk.") ? String(host.dropFirst("clerk.".count)) : nil
            let target = ClerkTarget(applicationID: nil, applicationName: domain ?? "Clerk application",
                                     instanceID: key.environment == .production ? "production" : "development",
                                     environment: key.environment, frontendAPIURL: key.frontendAPIURL,
                                     homeURL: domain.map { "https://\($0)" })
            return (target, .publishableKey)
        } catch {
            throw RemoteError(service: .clerkFrontend, kind: .badRequest(code: "publishable_key"),
                              userMessage: "CLERK_PUBLISHABLE_KEY could not be read: \(error.userMessage)",
                              logDetail: "publishable key: \(error)")
        }
    }
}
