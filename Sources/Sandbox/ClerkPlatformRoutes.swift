#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Clerk's API host: the Platform API (`/platform/...`, `ak_` keys) and the Backend API
/// (`/instance`, `/domains`, `sk_` keys) share `https://api.clerk.com/v1`.
/// Spec: clerk-platform.subset.yml; behaviour: API-NOTES "Clerk".
extension SandboxState {
    /// What a Platform API key may do.
    enum PlatformAccess { case manage, readOnly }

    func clerkAPI(_ request: SandboxRequest) -> SandboxResponse {
        let segments = request.segments
        switch segments.first {
        case "platform": return platformAPI(request, segments: Array(segments.dropFirst()))
        case "instance", "domains": return backendAPI(request, segments: segments)
        default: return ClerkErrors.notFound("Resource")
        }
    }

    /// Platform API keys are Bearer `ak_…`; an instance's `sk_…` key is recognisably the wrong kind.
    func platformAccess(_ request: SandboxRequest) -> Result<PlatformAccess, PlatformAuthFailure> {
        guard let token = request.bearerToken, !token.isEmpty else {
            return .failure(PlatformAuthFailure(response: ClerkErrors.authenticationInvalid()))
        }
        if token.hasPrefix("sk_") {
            return .failure(PlatformAuthFailure(response: ClerkErrors.error(
                401, code: "platform_api_unrecognized_credential", message: "Unrecognized credential",
                longMessage: "The provided credential is not a Platform API key. Instance secret keys (sk_…) cannot be used with the Platform API; use a Platform API key (ak_…)."
            )))
        }
        switch token {
        case platformAPIKey: return .success(.manage)
        case readOnlyPlatformAPIKey: return .success(.readOnly)
        case clerkCLIAccessToken:
            // An OAuth access token past its `exp` is refused as Clerk refuses any bad bearer.
            guard let expires = SandboxJWT.expiry(token), expires > Date() else {
                return .failure(PlatformAuthFailure(response: ClerkErrors.authenticationInvalid()))
            }
            return .success(.manage)
        default: return .failure(PlatformAuthFailure(response: ClerkErrors.authenticationInvalid()))
        }
    }

    struct PlatformAuthFailure: Error { var response: SandboxResponse }

    private func platformAPI(_ request: SandboxRequest, segments: [String]) -> SandboxResponse {
        let access: PlatformAccess
        switch platformAccess(request) {
        case .success(let granted): access = granted
        case .failure(let failure): return failure.response
        }
        guard segments.first == "applications" else { return ClerkErrors.notFound("Resource") }
        let includeSecrets = request.queryValue("include_secret_keys") == "true"

        if segments.count == 1 {
            guard request.method == "GET" else { return methodNotAllowed(allow: "GET") }
            return .json(200, .array(applications.map { applicationJSON($0, includeSecrets: includeSecrets) }))
        }
        guard let application = applications.first(where: { $0.id == segments[1] }) else {
            return ClerkErrors.notFound("Application")
        }
        switch Array(segments.dropFirst(2)) {
        case []:
            guard request.method == "GET" else { return methodNotAllowed(allow: "GET") }
            return .json(200, applicationJSON(application, includeSecrets: includeSecrets))
        case let rest where rest.count == 3 && rest[0] == "domains" && rest[2] == "status":
            guard request.method == "GET" else { return methodNotAllowed(allow: "GET") }
            return domainStatus(application, rest[1])
        case ["domains"]:
            guard request.method == "GET" else { return methodNotAllowed(allow: "GET") }
            // "All domains for an application's production instance."
            let production = application.instanceIDs.compactMap { instances[$0] }.filter(\.isProduction)
            return .json(200, ["data": .array(production.map { domainJSON($0, platform: true) }),
                               "total_count": .number(Double(production.count))])
        case let rest where rest.count >= 3 && rest[0] == "instances" && rest[2] == "config":
            guard access == .manage else {
                return ClerkErrors.error(403, code: "authorization_invalid", message: "Unauthorized request",
                                         longMessage: "This Platform API key lacks the applications:manage scope needed to read or change instance config.")
            }
            guard let instanceID = resolveInstance(application, rest[1]) else { return ClerkErrors.notFound("Instance") }
            switch (request.method, Array(rest.dropFirst(3))) {
            case ("GET", []), ("HEAD", []): return getConfig(instanceID: instanceID, request: request)
            case ("PATCH", []): return writeConfig(instanceID: instanceID, request: request, replacing: false)
            case ("PUT", []): return writeConfig(instanceID: instanceID, request: request, replacing: true)
            case (_, []): return methodNotAllowed(allow: "GET, HEAD, PATCH, PUT")
            case ("GET", ["schema"]), ("HEAD", ["schema"]): return configSchema(instanceID: instanceID, request: request)
            case (_, ["schema"]): return methodNotAllowed(allow: "GET, HEAD")
            default: return ClerkErrors.notFound("Resource")
            }
        default:
            return ClerkErrors.notFound("Resource")
        }
    }

    /// `envOrInsID`: an instance id of this application, or "development" / "production".
    private func resolveInstance(_ application: ClerkApplication, _ identifier: String) -> String? {
        application.instanceIDs.first { id in
            guard let instance = instances[id] else { return false }
            return instance.id == identifier || instance.environment == identifier
        }
    }

    /// 405 with the `Allow` header RFC 9110 requires.
    private func methodNotAllowed(allow: String) -> SandboxResponse {
        var response = ClerkErrors.error(405, code: "method_not_allowed", message: "Method not allowed",
                                         longMessage: "This endpoint does not support the request's method.")
        response.headers.append(("Allow", allow))
        return response
    }

    /// `GET …/domains/{domainIDOrName}/status` (`PlatformDomainStatusResponse`): DNS, SSL,
    /// mail and proxy. With `--unverified-domain` the first application's production domain
    /// is still waiting for its CNAMEs.
    private func domainStatus(_ application: ClerkApplication, _ identifier: String) -> SandboxResponse {
        guard let instance = application.instanceIDs.compactMap({ instances[$0] })
            .first(where: { $0.isProduction && ($0.domainID == identifier || $0.domainName == identifier) }) else {
            return ClerkErrors.notFound("Domain")
        }
        let verified = instance.dnsVerified
        func cname(_ sub: String, _ target: String) -> JSONValue {
            [
                "actual": verified ? [.string(target)] : [], "clerk_subdomain": .string(sub),
                "from": .string("\(sub).\(instance.domainName)"), "to": .string(target),
                "verified": .bool(verified), "required": true, "failure_hints": nil,
            ]
        }
        let done = verified ? "complete" : "in_progress"
        return .json(200, [
            "status": .string(verified ? "complete" : "incomplete"),
            "dns": [
                "status": .string(done),
                "cnames": [
                    "clerk": cname("clerk", "frontend-api.clerk.services"),
                    "accounts": cname("accounts", "accounts.clerk.services"),
                    "clkmail": cname("clkmail", "mail.\(instance.domainName).nam1.clerk.services"),
                ],
            ],
            "ssl": ["status": .string(verified ? "complete" : "not_started"), "required": true, "failure_hints": nil],
            "mail": ["status": .string(verified ? "complete" : "not_started"), "required": true],
            "proxy": ["status": "not_started", "required": false],
        ])
    }

    private func applicationJSON(_ application: ClerkApplication, includeSecrets: Bool) -> JSONValue {
        let instanceValues: [JSONValue] = application.instanceIDs.compactMap { instances[$0] }.map { instance in
            var object: [String: JSONValue] = [
                "instance_id": .string(instance.id),
                "environment_type": .string(instance.environment),
                "publishable_key": .string(instance.publishableKey),
            ]
            if includeSecrets { object["secret_key"] = .string(instance.secretKey) }
            return .object(object)
        }
        return ["application_id": .string(application.id), "name": .string(application.name), "instances": .array(instanceValues)]
    }

    /// A domain object; the Platform API's variant has `is_provider_domain` and no `proxy_url` when unset.
    func domainJSON(_ instance: ClerkInstance, platform: Bool) -> JSONValue {
        var object: [String: JSONValue] = [
            "object": "domain",
            "id": .string(instance.domainID),
            "name": .string(instance.domainName),
            "is_satellite": false,
            "frontend_api_url": .string(instance.frontendAPIURL),
            "accounts_portal_url": .string(instance.accountsPortalURL),
            "development_origin": "",
            "created_at": .string(instance.createdAt),
            "updated_at": .string(instance.createdAt),
        ]
        if instance.isProduction {
            object["cname_targets"] = [
                ["host": .string(instance.frontendHost), "value": "frontend-api.clerk.services", "required": true],
                ["host": .string("accounts.\(instance.domainName)"), "value": "accounts.clerk.services", "required": true],
                ["host": .string("clkmail.\(instance.domainName)"), "value": "mail.\(instance.domainName).nam1.clerk.services", "required": true],
            ]
        } else if !platform {
            object["cname_targets"] = .null
        }
        if platform {
            object["is_provider_domain"] = false
        } else {
            object["proxy_url"] = .null
        }
        return .object(object)
    }
}
