#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension ClerkClient {
    /// The instance the secret key belongs to (`GET /v1/instance`): checks an `sk_` key in
    /// manual mode and tells development from production.
    public func backendInstance() async throws(RemoteError) -> (id: String, environment: ClerkEnvironment) {
        let body = try await http.decode(BackendInstanceBody.self, for: try backendRequest(["instance"]))
        return (body.id, ClerkEnvironment(rawValue: body.environment_type))
    }

    /// The instance's domains (`GET /v1/domains`), for its Frontend API URL.
    public func backendDomains() async throws(RemoteError) -> [ClerkDomain] {
        let request = try backendRequest(["domains"])
        return try await domainList(request)
    }
}

struct BackendInstanceBody: Decodable {
    var id: String
    var environment_type: String
}
