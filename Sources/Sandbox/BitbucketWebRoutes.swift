import Foundation

/// bitbucket.org (not the API host): the token endpoint, the "Add consumer" page the deep
/// link opens, and the sandbox-only endpoint that stands in for filling in that page.
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
        case ("POST", let s) where s.count == 3 && s[0] == "_sandbox" && s[2] == "oauth-consumers":
            return createConsumer(workspace: s[1], request: request)
        case ("GET", let s) where s.count == 3 && s[0] == "_sandbox" && s[2] == "oauth-consumers":
            return listConsumers(workspace: s[1], request: request)
        default:
            return .html(404, "<!DOCTYPE html><html><head><title>Page not found — Bitbucket</title></head><body><h1>That link has no power here</h1></body></html>")
        }
    }

    /// The target of `https://bitbucket.org/{workspace}/workspace/settings/oauth-consumers/new`:
    /// a small page with the form's fields, so a browser opened on the sandbox shows something true.
    private func addConsumerPage(workspace identifier: String) -> SandboxResponse {
        guard let workspace = workspace(identifier: identifier), workspace.role != nil else {
            return .html(404, "<!DOCTYPE html><html><head><title>Page not found — Bitbucket</title></head><body><h1>Workspace not found</h1></body></html>")
        }
        let scopes = Self.knownScopes.sorted().map { "<li><label><input type=\"checkbox\" name=\"scope\" value=\"\($0)\"> \($0)</label></li>" }
        let html = """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>Add OAuth consumer — \(htmlEscape(workspace.name)) — Bitbucket</title></head>
        <body>
        <h1>Add OAuth consumer</h1>
        <p>Workspace settings → Apps and features → OAuth consumers → Add consumer, in workspace <strong>\(htmlEscape(workspace.name))</strong> (\(htmlEscape(workspace.slug))).</p>
        <form method="post">
        <p><label>Name <input name="name" required></label></p>
        <p><label>Description <textarea name="description"></textarea></label></p>
        <p><label>Callback URL <input name="callback_url" type="url"></label></p>
        <p><label>URL <input name="url" type="url"></label></p>
        <p><label>Privacy policy URL <input name="privacy_policy_url" type="url"></label></p>
        <p><label>EULA URL <input name="eula_url" type="url"></label></p>
        <p><label><input type="checkbox" name="private"> This is a private consumer</label></p>
        <fieldset><legend>Permissions</legend><ul>
        \(scopes.joined(separator: "\n"))
        </ul></fieldset>
        <p><button type="submit">Save</button></p>
        </form>
        <p>In the sandbox, create consumers with <code>POST /bitbucket-web/_sandbox/\(htmlEscape(workspace.slug))/oauth-consumers</code>.</p>
        </body></html>
        """
        return .html(200, html)
    }

    /// Sandbox-only: what pressing Save on the "Add consumer" page does. Only the workspace's
    /// administrators may, as on bitbucket.org.
    private func createConsumer(workspace identifier: String, request: SandboxRequest) -> SandboxResponse {
        guard bitbucketCaller(request) != nil else { return BitbucketErrors.unauthorized }
        guard let workspace = workspace(identifier: identifier), workspace.role != nil else {
            return BitbucketErrors.noWorkspace(identifier)
        }
        guard workspace.administrator else {
            return BitbucketErrors.error(403, "You must be an administrator of this workspace to manage its OAuth consumers.")
        }
        guard let body = JSONValue.parse(request.body)?.objectValue else {
            return BitbucketErrors.error(400, "Bad request", detail: "The request body must be a JSON object.")
        }
        var fieldErrors: [String: JSONValue] = [:]
        func optionalString(_ name: String) -> String? {
            switch body[name] {
            case nil, .null?: return nil
            case .string(let value)?:
                let trimmed = value.trimmingCharacters(in: .whitespaces)
                return trimmed.isEmpty ? nil : trimmed
            default:
                fieldErrors[name] = ["This field must be a string."]
                return nil
            }
        }
        let name = optionalString("name")
        if name == nil, fieldErrors["name"] == nil { fieldErrors["name"] = ["This field is required."] }
        if let name, name.count > 255 { fieldErrors["name"] = ["Ensure this field has no more than 255 characters."] }
        let description = optionalString("description")
        var urls: [String: String] = [:]
        for field in ["callback_url", "url", "privacy_policy_url", "eula_url"] {
            guard let value = optionalString(field) else { continue }
            if let url = URL(string: value), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme), url.host != nil {
                urls[field] = value
            } else {
                fieldErrors[field] = ["Enter a valid URL."]
            }
        }
        var isPrivate = false
        switch body["private"] {
        case nil, .null?: break
        case .bool(let value)?: isPrivate = value
        default: fieldErrors["private"] = ["Must be a boolean."]
        }
        var scopes: [String] = []
        switch body["scopes"] {
        case nil, .null?: break
        case .array(let values)?:
            for value in values {
                guard let scope = value.stringValue, Self.knownScopes.contains(scope) else {
                    fieldErrors["scopes"] = .array([.string("Unknown scope: \(value.stringValue ?? "(not a string)")")])
                    break
                }
                scopes.append(scope)
            }
        default: fieldErrors["scopes"] = ["Must be a list of scope strings."]
        }
        if let name, consumers.contains(where: { $0.workspace == workspace.slug && $0.name.caseInsensitiveCompare(name) == .orderedSame }) {
            fieldErrors["name"] = ["An OAuth consumer with this name already exists in this workspace."]
        }
        guard fieldErrors.isEmpty, let name else {
            return BitbucketErrors.error(400, "Bad request", fields: .object(fieldErrors))
        }

        // The form ticks implied boxes, so the saved consumer has them too.
        var granted = Set(scopes)
        for scope in scopes { granted.formUnion(Self.scopeImplications[scope] ?? []) }

        // Current format: 32-character key, 76-character secret; fresh randomness, never seeded.
        var generator = SystemRandomNumberGenerator()
        let consumer = OAuthConsumer(
            workspace: workspace.slug, name: name, description: description,
            key: RandomText.alphanumeric(32, using: &generator), secret: RandomText.alphanumeric(76, using: &generator),
            isPrivate: isPrivate, scopes: granted.sorted(), callbackURL: urls["callback_url"], url: urls["url"],
            privacyPolicyURL: urls["privacy_policy_url"], eulaURL: urls["eula_url"]
        )
        consumers.append(consumer)
        return .json(201, consumerJSON(consumer))
    }

    private func listConsumers(workspace identifier: String, request: SandboxRequest) -> SandboxResponse {
        guard bitbucketCaller(request) != nil else { return BitbucketErrors.unauthorized }
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
    text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
        .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
}
