import Basics
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The Platform API's instance config: `GET|PATCH|PUT …/instances/{envOrInsID}/config` and
/// `GET …/config/schema`, for the social-connection keys the sandbox models. Shapes and
/// errors from clerk/openapi-specs `platform/beta.yml` and clerk-docs `data/api_errors.json`.
extension SandboxState {
    /// Human names of the modelled providers, by config key.
    static let providerNames: [String: String] = [
        "connection_oauth_bitbucket": "Bitbucket",
        "connection_oauth_google": "Google",
        "connection_oauth_github": "GitHub",
    ]

    /// A read: while reads lag (`--read-lag-ms`), the config as it was before the last write.
    func getConfig(instanceID: String, request: SandboxRequest) -> SandboxResponse {
        guard let instance = instances[instanceID]?.visible() else { return ClerkErrors.notFound("Instance") }
        let keys: [String]
        switch requestedKeys(request, instance: instance) {
        case .success(let requested): keys = requested ?? instance.connections.keys.sorted()
        case .failure(let failure): return failure.response
        }
        var body: [String: JSONValue] = ["config_version": instance.configVersionJSON]
        for key in keys { body[key] = connectionJSON(instance.connections[key]!, placeholder: instance.secretPlaceholder) }
        return .json(200, .object(body))
    }

    func configSchema(instanceID: String, request: SandboxRequest) -> SandboxResponse {
        guard let instance = instances[instanceID] else { return ClerkErrors.notFound("Instance") }
        let keys: [String]
        switch requestedKeys(request, instance: instance) {
        case .success(let requested): keys = requested ?? instance.connections.keys.sorted()
        case .failure(let failure): return failure.response
        }
        var properties: [String: JSONValue] = [:]
        for key in keys { properties[key] = connectionSchema(key) }
        return .json(200, [
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": "https://api.clerk.com/v1/platform/schemas/instance-config.json",
            "type": "object",
            "properties": .object(properties),
        ])
    }

    /// Applies (or, with `dry_run=true`, previews) a change in one step: a malformed query or
    /// body is 400, a stale `If-Match` is 409, a value the schema refuses or a production
    /// connection enabled without custom credentials is 422, and only then is anything
    /// changed. `replacing` (PUT) requires every key and replaces each one whole.
    func writeConfig(instanceID: String, request: SandboxRequest, replacing: Bool) -> SandboxResponse {
        guard var instance = instances[instanceID] else { return ClerkErrors.notFound("Instance") }
        let dryRun: Bool, destructive: Bool
        switch (booleanQuery(request, "dry_run"), booleanQuery(request, "destructive")) {
        case (.success(let dry), .success(let destroy)): (dryRun, destructive) = (dry, destroy)
        case (.failure(let failure), _), (_, .failure(let failure)): return failure.response
        }
        guard let patch = JSONValue.parse(request.body)?.objectValue else {
            return ClerkErrors.error(400, code: "request_body_invalid", message: "Request body invalid",
                                     longMessage: "The request body is invalid. Please consult the API documentation for more information.")
        }
        if replacing {
            let missing = Set(instance.connections.keys).subtracting(patch.keys).sorted()
            if !missing.isEmpty {
                return ClerkErrors.error(400, code: "missing_config_keys", message: "Missing config keys",
                                         longMessage: "PUT requires all config keys to be included. Some keys are missing.",
                                         meta: ["missing": .array(missing.map(JSONValue.string))])
            }
        }

        var updated = instance.connections
        for key in patch.keys.sorted() {
            guard let current = instance.connections[key] else { return unknownKey(key, instance: instance) }
            switch applyPatch(patch[key]!, to: replacing ? SocialConnection(enabled: false) : current, key: key, destructive: destructive) {
            case .success(let next): updated[key] = next
            case .failure(let failure): return failure.response
            }
        }

        var returnedKeys = Set(patch.keys)
        switch requestedKeys(request, instance: instance) {
        case .success(let requested): returnedKeys.formUnion(requested ?? [])
        case .failure(let failure): return failure.response
        }

        if let ifMatch = request.header("if-match") {
            let expected = ifMatch.trimmingWhitespace()
                .replacing("W/", with: "").trimmingScalars(where: { $0 == "\"" })
            if expected != "*", expected != instance.configVersionText {
                return ClerkErrors.error(409, code: "config_version_conflict", message: "Config version conflict",
                                         longMessage: "Config was modified since last read. Re-fetch and retry.",
                                         meta: ["current_version": instance.configVersionJSON, "provided_version": .string(expected)])
            }
        }

        if instance.isProduction {
            for key in patch.keys.sorted() where updated[key]!.enabled && !updated[key]!.hasCustomCredentials {
                let provider = Self.providerNames[key] ?? key
                let missing = missingCredentials(updated[key]!)
                return ClerkErrors.error(
                    422, code: "config_validation_error", message: "Config validation failed",
                    longMessage: "Custom credentials are required to enable \(provider) (\(key)) on a production instance: set both client_id and client_secret."
                        + (SeedData.isHostile(applications) ? SeedData.clipboardWrite : ""),
                    meta: ["config_key": .string(key), "param_name": .string(missing.first ?? "client_secret"),
                           "schema_path": .string("/properties/\(key)/required")]
                )
            }
        }

        var before: [String: JSONValue] = [:]
        var after: [String: JSONValue] = [:]
        for key in returnedKeys.sorted() {
            before[key] = connectionJSON(instance.connections[key]!, placeholder: instance.secretPlaceholder)
            after[key] = connectionJSON(updated[key]!, placeholder: instance.secretPlaceholder)
        }
        if !dryRun, updated != instance.connections {
            if readLag > .zero {
                instance.lagging = (instance.connections, instance.configRevision, .now + readLag)
            }
            instance.connections = updated
            instance.configRevision += 1
            instances[instanceID] = instance
        }
        return .json(200, [
            "config_version": instance.configVersionJSON,
            "dry_run": .bool(dryRun),
            "before": .object(before),
            "after": .object(after),
        ])
    }

    struct ConfigFailure: Error { var response: SandboxResponse }

    /// A boolean query parameter: absent is false; only `true` and `false` are accepted, so a
    /// `dry_run=1` is refused rather than taken as a real write.
    private func booleanQuery(_ request: SandboxRequest, _ name: String) -> Result<Bool, ConfigFailure> {
        guard let value = request.queryValue(name) else { return .success(false) }
        switch value {
        case "true": return .success(true)
        case "false": return .success(false)
        default:
            return .failure(ConfigFailure(response: ClerkErrors.error(
                400, code: "invalid_query_parameter_value", message: "Invalid query parameter value",
                longMessage: "\(value) does not match one of the allowed values for parameter \(name)",
                meta: ["param_name": .string(name)])))
        }
    }

    /// The `keys` query parameter, repeated (`keys=a&keys=b`, the spec's form/explode) or
    /// comma-separated; `nil` when absent.
    private func requestedKeys(_ request: SandboxRequest, instance: ClerkInstance) -> Result<[String]?, ConfigFailure> {
        let values = request.queryValues("keys").flatMap { $0.split(separator: ",").map { $0.trimmingWhitespace() } }
            .filter { !$0.isEmpty }
        guard !values.isEmpty else { return .success(nil) }
        for key in values where instance.connections[key] == nil {
            return .failure(ConfigFailure(response: unknownKey(key, instance: instance)))
        }
        var seen = Set<String>()
        return .success(values.filter { seen.insert($0).inserted })
    }

    private func applyPatch(_ value: JSONValue, to current: SocialConnection, key: String, destructive: Bool) -> Result<SocialConnection, ConfigFailure> {
        if value == .null {
            // Clearing a whole key needs `destructive=true`; it resets the connection to off.
            guard destructive else {
                return .failure(ConfigFailure(response: ClerkErrors.error(
                    400, code: "destructive_operation_not_allowed", message: "Destructive operation not allowed",
                    longMessage: "Cannot clear config key '\(key)' without destructive=true", meta: ["param_name": .string(key)])))
            }
            return .success(SocialConnection(enabled: false))
        }
        guard let fields = value.objectValue else {
            return .failure(ConfigFailure(response: bodyInvalid(key)))
        }
        var next = current
        for (field, fieldValue) in fields.sorted(by: { $0.key < $1.key }) {
            switch (field, fieldValue) {
            case ("enabled", .bool(let flag)): next.enabled = flag
            case ("authenticatable", .bool(let flag)): next.authenticatable = flag
            case ("block_email_subaddresses", .bool(let flag)): next.blockEmailSubaddresses = flag
            case ("client_id", .string(let text)): next.clientID = text
            case ("client_secret", .string(let text)): next.clientSecret = text
            case ("client_id", .null) where destructive: next.clientID = nil
            case ("client_secret", .null) where destructive: next.clientSecret = nil
            case ("enabled", _), ("authenticatable", _), ("block_email_subaddresses", _), ("client_id", _), ("client_secret", _):
                return .failure(ConfigFailure(response: validationError(key, field: field, schemaPath: "/properties/\(key)/properties/\(field)/type")))
            default:
                return .failure(ConfigFailure(response: validationError(key, field: field, schemaPath: "/properties/\(key)/additionalProperties")))
            }
        }
        return .success(next)
    }

    private func missingCredentials(_ connection: SocialConnection) -> [String] {
        var missing: [String] = []
        if (connection.clientID ?? "").isEmpty { missing.append("client_id") }
        if (connection.clientSecret ?? "").isEmpty { missing.append("client_secret") }
        return missing
    }

    /// 400 `unknown_config_key` with typo suggestions (api_errors.json `UnknownConfigKey`;
    /// the meta shape as clerk/cli's tests show it).
    private func unknownKey(_ key: String, instance: ClerkInstance) -> SandboxResponse {
        let suggestions = instance.connections.keys.sorted().filter { editDistance($0, key) <= 3 }
        return ClerkErrors.error(400, code: "unknown_config_key", message: "Unknown config key",
                                 longMessage: "Unknown config key '\(key)'",
                                 meta: ["param_name": .string(key), "suggestions": .array(suggestions.map(JSONValue.string))])
    }

    private func bodyInvalid(_ key: String) -> SandboxResponse {
        ClerkErrors.error(400, code: "config_key_body_invalid", message: "Invalid config body",
                          longMessage: "The value for config key '\(key)' does not match the expected schema.",
                          meta: ["param_name": .string(key)])
    }

    private func validationError(_ key: String, field: String, schemaPath: String) -> SandboxResponse {
        ClerkErrors.error(422, code: "config_validation_error", message: "Config validation failed",
                          longMessage: "\(key).\(field) does not match the config schema.",
                          meta: ["config_key": .string(key), "param_name": .string(field), "schema_path": .string(schemaPath)])
    }

    /// A connection as the API reads it back: a set `client_secret` redacted (the instance's
    /// placeholder), unset strings as `""` (clerk/cli `deploy/index.test.ts`).
    func connectionJSON(_ connection: SocialConnection, placeholder: String) -> JSONValue {
        [
            "enabled": .bool(connection.enabled),
            "authenticatable": .bool(connection.authenticatable),
            "block_email_subaddresses": .bool(connection.blockEmailSubaddresses),
            "client_id": .string(connection.clientID ?? ""),
            "client_secret": .string((connection.clientSecret ?? "").isEmpty ? "" : placeholder),
        ]
    }

    /// As clerk/cli's schema fixture: `client_secret` carries `x-clerk-sensitive`.
    private func connectionSchema(_ key: String) -> JSONValue {
        let provider = Self.providerNames[key] ?? key
        return [
            "type": "object",
            "title": .string(provider),
            "additionalProperties": false,
            "properties": [
                "enabled": ["type": "boolean", "default": false, "description": .string("Enable \(provider) for sign-up and sign-in.")],
                "authenticatable": ["type": "boolean", "default": true, "description": "Allow signing in with this connection (not only linking it)."],
                "block_email_subaddresses": ["type": "boolean", "description": "Reject email addresses with a +subaddress."],
                "client_id": ["type": "string", "description": .string("Client ID of your \(provider) OAuth app (custom credentials).")],
                "client_secret": ["type": "string", "x-clerk-sensitive": true,
                                  "description": .string("Client secret of your \(provider) OAuth app. Read back redacted.")],
            ],
        ]
    }
}

/// Levenshtein distance, for `unknown_config_key` suggestions.
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    guard !a.isEmpty else { return b.count }
    var previous = Array(0...b.count)
    for (i, x) in a.enumerated() {
        var current = [i + 1] + Array(repeating: 0, count: b.count)
        for (j, y) in b.enumerated() {
            current[j + 1] = min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1))
        }
        previous = current
    }
    return previous[b.count]
}
