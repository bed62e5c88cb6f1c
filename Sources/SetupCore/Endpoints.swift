import Basics
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The base URLs of the remote services. Each can be overridden, which is how `--sandbox`
/// and the tests point bbclerk at loopback.
public struct Endpoints: Sendable, Equatable {
    /// Bitbucket's REST API, including `/2.0` (`https://api.bitbucket.org/2.0`).
    public var bitbucketAPI: URL
    /// Bitbucket's web site, which also serves the OAuth token endpoint (`https://bitbucket.org`).
    public var bitbucketWeb: URL
    /// Clerk's API, including `/v1` (`https://api.clerk.com/v1`): Platform and Backend API.
    public var clerkAPI: URL
    /// When set, every Frontend API URL has its scheme and host (and port) replaced by this
    /// one's, its path prefixed with this one's path, and the original host sent in
    /// `X-Forwarded-Host`.
    public var clerkFrontendOverride: URL?
    /// Where each overridden endpoint came from (`BBCLERK_CLERK_API_URL`, `urls.clerk_api in
    /// …/config.toml`, `sandbox`), so the Connect step can say which services are not the real ones.
    public var origins: [Service: String]

    /// One of the endpoints, for messages and for ``origins``.
    public enum Service: String, CaseIterable, Sendable {
        case bitbucketAPI, bitbucketWeb, clerkAPI, clerkFrontend

        /// The service in words.
        public var label: String {
            switch self {
            case .bitbucketAPI: "Bitbucket API"
            case .bitbucketWeb: "Bitbucket web"
            case .clerkAPI: "Clerk API"
            case .clerkFrontend: "Clerk Frontend API"
            }
        }

        /// The environment variable that overrides it.
        public var environmentVariable: String {
            switch self {
            case .bitbucketAPI: "BBCLERK_BITBUCKET_API_URL"
            case .bitbucketWeb: "BBCLERK_BITBUCKET_WEB_URL"
            case .clerkAPI: "BBCLERK_CLERK_API_URL"
            case .clerkFrontend: "BBCLERK_CLERK_FRONTEND_URL"
            }
        }

        /// Its key in config.toml's `[urls]`.
        public var configKey: String {
            switch self {
            case .bitbucketAPI: "bitbucket_api"
            case .bitbucketWeb: "bitbucket_web"
            case .clerkAPI: "clerk_api"
            case .clerkFrontend: "clerk_frontend"
            }
        }

        /// The example a refusal suggests.
        var productionExample: String {
            switch self {
            case .bitbucketAPI: "https://api.bitbucket.org/2.0"
            case .bitbucketWeb: "https://bitbucket.org"
            case .clerkAPI: "https://api.clerk.com/v1"
            case .clerkFrontend: "https://clerk-proxy.example.com"
            }
        }
    }

    public init(bitbucketAPI: URL, bitbucketWeb: URL, clerkAPI: URL, clerkFrontendOverride: URL? = nil,
                origins: [Service: String] = [:]) {
        self.bitbucketAPI = bitbucketAPI
        self.bitbucketWeb = bitbucketWeb
        self.clerkAPI = clerkAPI
        self.clerkFrontendOverride = clerkFrontendOverride
        self.origins = origins
    }

    /// The real services.
    public static let production = Endpoints(
        bitbucketAPI: URL(string: "https://api.bitbucket.org/2.0")!,
        bitbucketWeb: URL(string: "https://bitbucket.org")!,
        clerkAPI: URL(string: "https://api.clerk.com/v1")!
    )

    /// The endpoint of `service`.
    public subscript(service: Service) -> URL? {
        get {
            switch service {
            case .bitbucketAPI: bitbucketAPI
            case .bitbucketWeb: bitbucketWeb
            case .clerkAPI: clerkAPI
            case .clerkFrontend: clerkFrontendOverride
            }
        }
        set {
            switch service {
            case .bitbucketAPI: if let newValue { bitbucketAPI = newValue }
            case .bitbucketWeb: if let newValue { bitbucketWeb = newValue }
            case .clerkAPI: if let newValue { clerkAPI = newValue }
            case .clerkFrontend: clerkFrontendOverride = newValue
            }
        }
    }

    /// `base` (the production endpoints unless given) with the `BBCLERK_*_URL` overrides of
    /// `environment` applied. An override that would carry credentials where they do not
    /// belong (plain http off loopback, another scheme, a user name or password in the URL)
    /// is refused before anything is sent, naming the variable and the rule.
    public static func fromEnvironment(_ environment: [String: String], base: Endpoints = .production) throws(EndpointRefusal) -> Endpoints {
        var endpoints = base
        for service in Service.allCases {
            guard let text = environment[service.environmentVariable]?.trimmingWhitespace(), !text.isEmpty else { continue }
            endpoints[service] = try EndpointRefusal.check(text, service: service, source: service.environmentVariable)
            endpoints.origins[service] = service.environmentVariable
        }
        return endpoints
    }

    /// The Add consumer page of workspace `slug`'s settings, where the user creates the consumer.
    public func consumerPageURL(workspace slug: String) -> URL {
        bitbucketWeb.appendingSegments([slug, "workspace", "settings", "oauth-consumers", "new"])
    }

    /// Bitbucket's page for creating a workspace, for a user who administers none.
    public var createWorkspaceURL: URL { bitbucketWeb.appendingSegments(["workspace", "create"]) }

    /// Whether every endpoint is on the loopback interface (the sandbox), where plain `http`
    /// is allowed for the consumer's URLs.
    public var isLoopback: Bool {
        [bitbucketAPI, bitbucketWeb, clerkAPI].allSatisfy { Endpoints.isLoopbackHost($0.host) }
    }

    /// One line per endpoint that an override put in place of the real service, for the
    /// Connect step: `Clerk API http://127.0.0.1:5123 (from BBCLERK_CLERK_API_URL)`. Empty
    /// when none came from the environment or config.toml (the sandbox sets none: the
    /// wizard says "sandbox" instead). Safe to draw.
    public var overrideDescriptions: [String] {
        Service.allCases.compactMap(overrideDescription)
    }

    /// `Clerk API http://127.0.0.1:5123 (from BBCLERK_CLERK_API_URL)`, or nil when `service`
    /// is not overridden.
    private func overrideDescription(_ service: Service) -> String? {
        guard let origin = origins[service], let url = self[service] else { return nil }
        return DisplayText.sanitize("\(service.label) \(url.absoluteString) (from \(origin))", limit: 200)
    }

    /// ``overrideDescriptions`` in as few lines as they fit: services overridden to the same
    /// origin (scheme, host and port: `bbclerk sandbox --env` points all four at one) share a
    /// line, so the warning that credentials go elsewhere does not push the screen down.
    public var overrideSummary: [String] {
        let overridden = Service.allCases.filter { origins[$0] != nil && self[$0] != nil }
        var groups: [(origin: String, services: [Service])] = []
        for service in overridden {
            guard let url = self[service] else { continue }
            let origin = "\(url.scheme ?? "")://\(url.host ?? "")" + (url.port.map { ":\($0)" } ?? "")
            if let index = groups.firstIndex(where: { $0.origin == origin }) {
                groups[index].services.append(service)
            } else {
                groups.append((origin, [service]))
            }
        }
        return groups.map { group in
            guard group.services.count > 1 else { return overrideDescription(group.services[0]) ?? "" }
            let labels = group.services.map(\.label)
            let names = labels.dropLast().joined(separator: ", ") + " and " + labels.last!
            let sources = group.services.compactMap { origins[$0] }
            let from = sources.allSatisfy { $0.hasPrefix("BBCLERK_") && $0.hasSuffix("_URL") } ? "BBCLERK_…_URL" : sources.joined(separator: ", ")
            return DisplayText.sanitize("\(names) at \(group.origin) (from \(from))", limit: 300)
        }
    }

    /// Whether `host` is the loopback interface: `localhost`, an IPv4 address in 127.0.0.0/8
    /// written as four decimal numbers, or `::1`. A DNS name such as `127.evil.example` is
    /// not: it resolves wherever its owner wants.
    public static func isLoopbackHost(_ host: String?) -> Bool {
        guard var host = host?.lowercased(), !host.isEmpty else { return false }
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        if host == "localhost" { return true }
        var v4 = in_addr()
        if inet_pton(AF_INET, host, &v4) == 1 {
            // s_addr is in network order: its first byte in memory is the first number.
            return withUnsafeBytes(of: &v4) { $0.first == 127 }
        }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, host, &v6) == 1 {
            return withUnsafeBytes(of: &v6) { bytes in bytes.prefix(15).allSatisfy { $0 == 0 } && bytes[15] == 1 }
        }
        return false
    }
}
