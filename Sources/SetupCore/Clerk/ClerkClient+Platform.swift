#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension ClerkClient {
    /// Every application the Platform API key can see, with its instances, by name.
    public func applications() async throws(RemoteError) -> [ClerkApplication] {
        var request = try platformRequest(["applications"])
        // The one unpaginated list: every application of the workspace with its instances
        // (about 1 KB each), so a large workspace may pass the 1 MiB default.
        request.maxBodyBytes = 8 << 20
        let body = try await http.decode([PlatformApplicationBody].self, for: request)
            .sorted { ($0.name.lowercased(), $0.application_id) < ($1.name.lowercased(), $1.application_id) }
        return body.map { app in
            ClerkApplication(
                id: app.application_id, name: app.name,
                instances: app.instances.map {
                    ClerkInstance(id: $0.instance_id, environment: ClerkEnvironment(rawValue: $0.environment_type), publishableKey: $0.publishable_key)
                })
        }
    }

    /// The domains of an application's production instance; each gives a Frontend API URL.
    public func domains(application: String) async throws(RemoteError) -> [ClerkDomain] {
        let request = try platformRequest(["applications", application, "domains"])
        return try await domainList(request)
    }

    /// The Bitbucket connection's current config and the config version to send in `If-Match`.
    public func bitbucketConnection(application: String, instance: String) async throws(RemoteError) -> ClerkConfigSnapshot {
        let request = try platformRequest(
            ["applications", application, "instances", instance, "config"],
            query: [URLQueryItem(name: "keys", value: ClerkConfigKey.bitbucket)])
        let json = try await http.json(for: request)
        guard let version = Self.version(json["config_version"]) else {
            throw RemoteErrors.malformed(request, status: 200, reason: "no config_version")
        }
        return ClerkConfigSnapshot(configVersion: version, connection: BitbucketConnectionConfig(json: json[ClerkConfigKey.bitbucket]))
    }

    /// `GET …/config/schema?keys=connection_oauth_bitbucket`: that the key exists on this
    /// instance and which of its fields are sensitive or required, instead of assuming.
    /// An unknown key is an error (Clerk's 400 `unknown_config_key`, or a schema without the
    /// key); a schema endpoint that is not there (404, 405) is tolerated as "not known" (nil).
    public func bitbucketConfigSchema(application: String, instance: String) async throws(RemoteError) -> ClerkConfigSchema? {
        let request = try platformRequest(
            ["applications", application, "instances", instance, "config", "schema"],
            query: [URLQueryItem(name: "keys", value: ClerkConfigKey.bitbucket)])
        let response = try await http.response(for: request)
        if response.status == 404 || response.status == 405 { return nil }
        guard response.isSuccess else { throw RemoteErrors.from(response, for: request) }
        guard let document = try? JSONValue(parsing: response.body) else {
            throw RemoteErrors.malformed(request, status: response.status, reason: "schema is not JSON")
        }
        guard let schema = ClerkConfigSchema(document: document) else {
            throw RemoteError(service: .clerkPlatform, kind: .badRequest(code: "unknown_config_key"), status: response.status,
                              userMessage: "This Clerk instance's config has no \(ClerkConfigKey.bitbucket) key, so bbclerk cannot set Bitbucket sign-in through the Platform API: set it up in the Clerk Dashboard (SSO connections → Add connection → For all users → Bitbucket).",
                              logDetail: "\(request.logLabel): schema without \(ClerkConfigKey.bitbucket)")
        }
        return schema
    }

    /// Writes the connection in one PATCH. `dryRun` previews without applying; `ifMatch` (the
    /// version read) makes a stale write fail with ``RemoteError/Kind/conflict`` and makes the
    /// request safe to retry on 429/503. Secrets in the answer come back as bullets.
    public func patchBitbucketConnection(
        _ patch: ClerkConfigPatch, application: String, instance: String, ifMatch: String?, dryRun: Bool
    ) async throws(RemoteError) -> ClerkPatchResult {
        var request = try platformRequest(
            ["applications", application, "instances", instance, "config"], method: .patch,
            query: dryRun ? [URLQueryItem(name: "dry_run", value: "true")] : [])
        request.headers["Content-Type"] = "application/json"
        if let ifMatch, !ifMatch.isEmpty { request.headers["If-Match"] = ifMatch }
        request.body = patch.body()
        let json = try await http.json(for: request)
        guard let version = Self.version(json["config_version"]) else {
            throw RemoteErrors.malformed(request, status: 200, reason: "no config_version")
        }
        return ClerkPatchResult(
            configVersion: version, dryRun: json["dry_run"]?.boolValue ?? dryRun,
            before: ClerkConfigKey.masked(ClerkConfigKey.connection(in: json["before"])),
            after: ClerkConfigKey.masked(ClerkConfigKey.connection(in: json["after"])))
    }

    /// The version as text: the spec says string; a number is accepted and kept exact.
    private static func version(_ value: JSONValue?) -> String? {
        switch value {
        case .string(let text)? where !text.isEmpty: text
        case .number? : value?.intValue.map(String.init)
        default: nil
        }
    }
}

struct PlatformApplicationBody: Decodable {
    struct Instance: Decodable {
        var instance_id: String
        var environment_type: String
        var publishable_key: String?
    }
    var application_id: String
    var name: String
    var instances: [Instance]
}
