import Foundation

/// The Platform API's instance config: `GET|PATCH …/instances/{envOrInsID}/config` and
/// `GET …/config/schema`, for the social-connection keys the sandbox models.
extension SandboxState {
    /// Human names of the modelled providers, by config key.
    static let providerNames: [String: String] = [
        "connection_oauth_bitbucket": "Bitbucket",
        "connection_oauth_google": "Google",
        "connection_oauth_github": "GitHub",
    ]

    func getConfig(instanceID: String, request: SandboxRequest) -> SandboxResponse {
        guard let instance = instances[instanceID] else { return ClerkErrors.notFound("Instance") }
        let keys: [String]
        switch requestedKeys(request, instance: instance) {
        case .success(let requested): keys = requested ?? instance.connections.keys.sorted()
        case .failure(let failure): return failure.response
        }
        var body: [String: JSONValue] = ["config_version": .string(instance.configVersion)]
        for key in keys { body[key] = connectionJSON(instance.connections[key]!) }
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

    /// Applies (or, with `dry_run=true`, previews) a patch in one step: shape errors are 400,
    /// a stale `If-Match` is 409, a production connection enabled without custom credentials
    /// is 422, and only then is anything changed.
    func patchConfig(instanceID: String, request: SandboxRequest) -> SandboxResponse {
        guard var instance = instances[instanceID] else { return ClerkErrors.notFound("Instance") }
        let dryRun = request.queryValue("dry_run")?.lowercased() == "true"
        let destructive = request.queryValue("destructive")?.lowercased() == "true"
        guard let patch = JSONValue.parse(request.body)?.objectValue else {
            return bodyInvalid("The request body must be a JSON object of config keys.", meta: [:])
        }

        var updated = instance.connections
        for key in patch.keys.sorted() {
            guard let current = instance.connections[key] else { return unknownKey(key) }
            switch applyPatch(patch[key]!, to: current, key: key, destructive: destructive) {
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
            let expected = ifMatch.trimmingCharacters(in: .whitespaces)
                .replacingOccurrences(of: "W/", with: "").trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            if expected != "*", expected != instance.configVersion {
                return ClerkErrors.error(409, code: "config_version_conflict", message: "Config version conflict",
                                         longMessage: "Config was modified since last read. Re-fetch and retry.",
                                         meta: ["current_version": .string(instance.configVersion)])
            }
        }

        if instance.isProduction {
            for key in patch.keys.sorted() where updated[key]!.enabled && !updated[key]!.hasCustomCredentials {
                let provider = Self.providerNames[key] ?? key
                return ClerkErrors.error(
                    422, code: "config_validation_error", message: "Config validation failed",
                    longMessage: "Custom credentials are required to enable \(provider) (\(key)) on a production instance: set both client_id and client_secret."
                        + (SeedData.isHostile(applications) ? SeedData.clipboardWrite : ""),
                    meta: ["key": .string(key), "missing": .array(missingCredentials(updated[key]!))]
                )
            }
        }

        var before: [String: JSONValue] = [:]
        var after: [String: JSONValue] = [:]
        for key in returnedKeys.sorted() {
            before[key] = connectionJSON(instance.connections[key]!)
            after[key] = connectionJSON(updated[key]!)
        }
        if !dryRun, updated != instance.connections {
            instance.connections = updated
            instance.configRevision += 1
            instances[instanceID] = instance
        }
        return .json(200, [
            "config_version": .string(instance.configVersion),
            "dry_run": .bool(dryRun),
            "before": .object(before),
            "after": .object(after),
        ])
    }

    struct ConfigFailure: Error { var response: SandboxResponse }

    /// The `keys` query parameter, repeated (`keys=a&keys=b`, the spec's form/explode) or
    /// comma-separated; `nil` when absent.
    private func requestedKeys(_ request: SandboxRequest, instance: ClerkInstance) -> Result<[String]?, ConfigFailure> {
        let values = request.queryValues("keys").flatMap { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
            .filter { !$0.isEmpty }
        guard !values.isEmpty else { return .success(nil) }
        for key in values where instance.connections[key] == nil {
            return .failure(ConfigFailure(response: unknownKey(key)))
        }
        var seen = Set<String>()
        return .success(values.filter { seen.insert($0).inserted })
    }

    private func applyPatch(_ value: JSONValue, to current: SocialConnection, key: String, destructive: Bool) -> Result<SocialConnection, ConfigFailure> {
        if value == .null {
            // Clearing a whole key needs `destructive=true`; it resets the connection to off.
            guard destructive else {
                return .failure(ConfigFailure(response: bodyInvalid("\(key) cannot be null unless destructive=true.", meta: ["key": .string(key)])))
            }
            return .success(SocialConnection(enabled: false))
        }
        guard let fields = value.objectValue else {
            return .failure(ConfigFailure(response: bodyInvalid("\(key) must be an object.", meta: ["key": .string(key)])))
        }
        var next = current
        for (field, fieldValue) in fields.sorted(by: { $0.key < $1.key }) {
            let meta: [String: JSONValue] = ["key": .string(key), "field": .string(field)]
            switch (field, fieldValue) {
            case ("enabled", .bool(let flag)): next.enabled = flag
            case ("authenticatable", .bool(let flag)): next.authenticatable = flag
            case ("block_email_subaddresses", .bool(let flag)): next.blockEmailSubaddresses = flag
            case ("client_id", .string(let text)): next.clientID = text
            case ("client_secret", .string(let text)): next.clientSecret = text
            case ("client_id", .null) where destructive: next.clientID = nil
            case ("client_secret", .null) where destructive: next.clientSecret = nil
            case ("enabled", _), ("authenticatable", _), ("block_email_subaddresses", _):
                return .failure(ConfigFailure(response: bodyInvalid("\(key).\(field) must be a boolean.", meta: meta)))
            case ("client_id", _), ("client_secret", _):
                return .failure(ConfigFailure(response: bodyInvalid("\(key).\(field) must be a string.", meta: meta)))
            default:
                return .failure(ConfigFailure(response: bodyInvalid("\(key) has no field \(field).", meta: meta)))
            }
        }
        return .success(next)
    }

    private func missingCredentials(_ connection: SocialConnection) -> [JSONValue] {
        var missing: [JSONValue] = []
        if (connection.clientID ?? "").isEmpty { missing.append("client_id") }
        if (connection.clientSecret ?? "").isEmpty { missing.append("client_secret") }
        return missing
    }

    private func unknownKey(_ key: String) -> SandboxResponse {
        ClerkErrors.error(400, code: "unknown_config_key", message: "Unknown config key",
                          longMessage: "\(key) is not a known config key.", meta: ["key": .string(key)])
    }

    private func bodyInvalid(_ longMessage: String, meta: [String: JSONValue]) -> SandboxResponse {
        ClerkErrors.error(400, code: "config_key_body_invalid", message: "Invalid config body",
                          longMessage: longMessage, meta: meta)
    }

    /// A connection as the API shows it. `client_secret` is write-only: never in an answer.
    func connectionJSON(_ connection: SocialConnection) -> JSONValue {
        [
            "enabled": .bool(connection.enabled),
            "authenticatable": .bool(connection.authenticatable),
            "block_email_subaddresses": .bool(connection.blockEmailSubaddresses),
            "client_id": .optional(connection.clientID),
        ]
    }

    private func connectionSchema(_ key: String) -> JSONValue {
        let provider = Self.providerNames[key] ?? key
        return [
            "type": "object",
            "title": .string(provider),
            "additionalProperties": false,
            "properties": [
                "enabled": ["type": "boolean", "description": .string("Enable \(provider) for sign-up and sign-in.")],
                "authenticatable": ["type": "boolean", "description": "Allow signing in with this connection (not only linking it)."],
                "block_email_subaddresses": ["type": "boolean", "description": "Reject email addresses with a +subaddress."],
                "client_id": ["type": ["string", "null"], "description": .string("Client ID of your \(provider) OAuth app (custom credentials).")],
                "client_secret": ["type": ["string", "null"], "writeOnly": true, "x-sensitive": true,
                                  "description": .string("Client secret of your \(provider) OAuth app. Write-only: never returned.")],
            ],
        ]
    }
}
