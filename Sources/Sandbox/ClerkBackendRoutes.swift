#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Clerk's Backend API, read-only parts: `GET /instance` and `GET /domains`, authenticated
/// by one instance's `sk_…` secret key (spec: clerk-backend.subset.yml).
extension SandboxState {
    func backendAPI(_ request: SandboxRequest, segments: [String]) -> SandboxResponse {
        guard let token = request.bearerToken, !token.isEmpty else {
            return ClerkErrors.error(401, code: "authentication_invalid", message: "Invalid authentication",
                                     longMessage: "Unable to authenticate the request, you need to supply an active API key")
        }
        // Platform keys (ak_) and unknown keys alike are not this instance's secret key.
        guard let instance = instances.values.first(where: { $0.secretKey == token }) else {
            return ClerkErrors.error(401, code: "clerk_key_invalid", message: "Secret Key is invalid",
                                     longMessage: "The provided Clerk Secret Key is invalid. Make sure that your Clerk Secret Key is correct.")
        }
        guard request.method == "GET" else { return ClerkErrors.notFound("Resource") }
        switch segments {
        case ["instance"]:
            return .json(200, [
                "object": "instance",
                "id": .string(instance.id),
                "environment_type": .string(instance.environment),
                "allowed_origins": instance.isProduction ? .array([.string("https://\(instance.domainName)")]) : .null,
                "workspace_id": "org_2sandboxWorkspace0000000000",
            ])
        case ["domains"]:
            return .json(200, ["data": [domainJSON(instance, platform: false)], "total_count": 1])
        default:
            return ClerkErrors.notFound("Resource")
        }
    }
}
