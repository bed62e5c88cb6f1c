import Basics
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// bitbucket.org (not the API host): the token endpoint, the "Add consumer" page the deep
/// link opens (its Save works), the workspace's OAuth consumers list, and the sandbox-only
/// JSON endpoints that stand in for filling in that page.
extension SandboxState {
    /// Every scope string of Bitbucket's permission checkboxes (API-NOTES table).
    static let knownScopes: Set<String> = [
        "email", "account", "account:write", "team", "team:write", "project", "project:admin",
        "repository", "repository:write", "repository:admin", "repository:delete",
        "pullrequest", "pullrequest:write", "issue", "issue:write", "wiki", "snippet", "snippet:write",
        "webhook", "pipeline", "pipeline:write", "pipeline:variable", "runner", "runner:write",
    ]

    /// What ticking a box also ticks in Bitbucket's form (API-NOTES "Implications").
    static let scopeImplications: [String: [String]] = [
        "account": ["email"],
        "project": ["repository"],
        "repository:write": ["repository"],
        "pullrequest": ["repository"],
        "pullrequest:write": ["pullrequest", "repository:write", "repository"],
        "issue:write": ["issue"],
        "snippet:write": ["snippet"],
    ]

    func bitbucketWeb(_ request: SandboxRequest) -> SandboxResponse {
        let segments = request.segments
        switch (request.method, segments) {
        case ("POST", ["site", "oauth2", "access_token"]):
            return accessToken(request)
        case ("GET", let s) where s.count == 5 && Array(s[1...]) == ["workspace", "settings", "oauth-consumers", "new"]:
            return addConsumerPage(workspace: s[0])
        case ("POST", let s) where s.count == 5 && Array(s[1...]) == ["workspace", "settings", "oauth-consumers", "new"]:
            return submitConsumerForm(workspace: s[0], request: request)
        case ("GET", let s) where s.count == 4 && Array(s[1...]) == ["workspace", "settings", "oauth-consumers"]:
            return consumersPage(workspace: s[0])
        case ("POST", let s) where s.count == 3 && s[0] == "_sandbox" && s[2] == "oauth-consumers":
            return createConsumer(workspace: s[1], request: request)
        case ("GET", let s) where s.count == 3 && s[0] == "_sandbox" && s[2] == "oauth-consumers":
            return listConsumers(workspace: s[1], request: request)
        default:
            return BitbucketPages.notFound("That link has no power here")
        }
    }

    /// Sandbox-only: the JSON twin of pressing Save on the "Add consumer" page, for clients
    /// without a browser. Only the workspace's administrators may, as on bitbucket.org.
    private func createConsumer(workspace identifier: String, request: SandboxRequest) -> SandboxResponse {
        guard bitbucketCaller(request) != nil else { return BitbucketUnauthorized.response(for: request) }
        guard let workspace = workspace(identifier: identifier), workspace.role != nil else {
            return BitbucketErrors.noWorkspace(identifier)
        }
        guard workspace.administrator else {
            return BitbucketErrors.error(403, "You must be an administrator of this workspace to manage its OAuth consumers.")
        }
        guard let body = JSONValue.parse(request.body)?.objectValue else {
            return BitbucketErrors.error(400, "Bad request", detail: "The request body must be a JSON object.")
        }
        var input = ConsumerInput()
        func optionalString(_ name: String) -> String? {
            switch body[name] {
            case nil, .null?: return nil
            case .string(let value)?: return value
            default:
                input.fieldErrors[name] = "This field must be a string."
                return nil
            }
        }
        input.name = optionalString("name")
        input.description = optionalString("description")
        for field in ConsumerInput.urlFields {
            input.urls[field] = optionalString(field)
        }
        switch body["private"] {
        case nil, .null?: break
        case .bool(let value)?: input.isPrivate = value
        default: input.fieldErrors["private"] = "Must be a boolean."
        }
        switch body["scopes"] {
        case nil, .null?: break
        case .array(let values)?:
            for value in values {
                guard let scope = value.stringValue else {
                    input.fieldErrors["scopes"] = "Unknown scope: (not a string)"
                    break
                }
                input.scopes.append(scope)
            }
        default: input.fieldErrors["scopes"] = "Must be a list of scope strings."
        }
        switch saveConsumer(input, in: workspace) {
        case .success(let consumer):
            return .json(201, consumerJSON(consumer))
        case .failure(let invalid):
            let fields = invalid.fields.mapValues { JSONValue.array([.string($0)]) }
            return BitbucketErrors.error(400, "Bad request", fields: .object(fields))
        }
    }

    /// What Save does with the form's values, whichever way they came: checks them as
    /// Bitbucket's form does, then stores the consumer with fresh credentials.
    func saveConsumer(_ input: ConsumerInput, in workspace: Workspace) -> Result<OAuthConsumer, ConsumerInput.Invalid> {
        var fieldErrors = input.fieldErrors
        func trimmed(_ value: String?) -> String? {
            guard let value = value?.trimmingWhitespaceAndNewlines(), !value.isEmpty else { return nil }
            return value
        }
        let name = trimmed(input.name)
        if name == nil, fieldErrors["name"] == nil { fieldErrors["name"] = "This field is required." }
        if let name, name.count > 255 { fieldErrors["name"] = "Ensure this field has no more than 255 characters." }
        let description = trimmed(input.description)
        var urls: [String: String] = [:]
        for field in ConsumerInput.urlFields {
            guard let value = trimmed(input.urls[field]) else { continue }
            if let url = URL(string: value), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme), url.host != nil {
                urls[field] = value
            } else {
                fieldErrors[field] = "Enter a valid URL."
            }
        }
        if let unknown = input.scopes.first(where: { !Self.knownScopes.contains($0) }), fieldErrors["scopes"] == nil {
            fieldErrors["scopes"] = "Unknown scope: \(unknown)"
        }
        if let name, consumers.contains(where: { $0.workspace == workspace.slug && $0.name.equalsIgnoringCase(name) }) {
            fieldErrors["name"] = "An OAuth consumer with this name already exists in this workspace."
        }
        guard fieldErrors.isEmpty, let name else { return .failure(ConsumerInput.Invalid(fields: fieldErrors)) }

        // The form ticks implied boxes, so the saved consumer has them too.
        var granted = Set(input.scopes)
        for scope in input.scopes { granted.formUnion(Self.scopeImplications[scope] ?? []) }

        // Current format: 32-character key, 76-character secret; fresh randomness, never seeded.
        var generator = SystemRandomNumberGenerator()
        let consumer = OAuthConsumer(
            workspace: workspace.slug, name: name, description: description,
            key: RandomText.alphanumeric(32, using: &generator), secret: RandomText.alphanumeric(76, using: &generator),
            isPrivate: input.isPrivate, scopes: granted.sorted(), callbackURL: urls["callback_url"], url: urls["url"],
            privacyPolicyURL: urls["privacy_policy_url"], eulaURL: urls["eula_url"]
        )
        consumers.append(consumer)
        return .success(consumer)
    }

    private func listConsumers(workspace identifier: String, request: SandboxRequest) -> SandboxResponse {
        guard bitbucketCaller(request) != nil else { return BitbucketUnauthorized.response(for: request) }
        guard let workspace = workspace(identifier: identifier), workspace.role != nil else {
            return BitbucketErrors.noWorkspace(identifier)
        }
        guard workspace.administrator else {
            return BitbucketErrors.error(403, "You must be an administrator of this workspace to manage its OAuth consumers.")
        }
        let values = consumers.filter { $0.workspace == workspace.slug }.map(consumerJSON)
        return .json(200, ["values": .array(values)])
    }

    private func consumerJSON(_ consumer: OAuthConsumer) -> JSONValue {
        [
            "workspace": .string(consumer.workspace),
            "name": .string(consumer.name),
            "description": .optional(consumer.description),
            "key": .string(consumer.key),
            "secret": .string(consumer.secret),
            "private": .bool(consumer.isPrivate),
            "scopes": .array(consumer.scopes.map(JSONValue.string)),
            "callback_url": .optional(consumer.callbackURL),
            "url": .optional(consumer.url),
            "privacy_policy_url": .optional(consumer.privacyPolicyURL),
            "eula_url": .optional(consumer.eulaURL),
        ]
    }
}

/// Escapes text for HTML (workspace names are user data, and one is non-ASCII on purpose).
func htmlEscape(_ text: String) -> String {
    text.replacing("&", with: "&amp;").replacing("<", with: "&lt;")
        .replacing(">", with: "&gt;").replacing("\"", with: "&quot;")
        .replacing("'", with: "&#39;")
}
