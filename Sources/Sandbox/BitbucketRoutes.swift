import Basics
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Bitbucket Cloud REST API 2.0, the four endpoints bbclerk uses plus the removed ones
/// (spec: bitbucket-cloud.subset.json; behaviour: API-NOTES "Bitbucket Cloud").
extension SandboxState {
    /// The scopes of the seeded API tokens (Atlassian's scoped-token names).
    static let fullTokenScopes = ["read:user:bitbucket", "read:workspace:bitbucket"]
    static let limitedTokenScopes = ["read:user:bitbucket"]

    /// Who is calling, once HTTP Basic `email:token` checks out.
    enum BitbucketCaller { case fullToken, limitedToken }

    func bitbucketAPI(_ request: SandboxRequest) -> SandboxResponse {
        let segments = request.segments
        // CHANGE-2770: these answer 410 whoever asks.
        switch segments {
        case ["workspaces"], ["user", "permissions", "workspaces"], ["repositories"]:
            return BitbucketErrors.gone
        default: break
        }
        guard request.method == "GET" else { return BitbucketErrors.notFound }

        let listsUserWorkspaces = segments.starts(with: ["user", "workspaces"])
        if request.bearerToken != nil {
            // Workspace and repository access tokens are Bearer tokens; they cannot act as a user.
            return listsUserWorkspaces ? BitbucketErrors.bearerNotAccepted : BitbucketUnauthorized.response(for: request)
        }
        guard let caller = bitbucketCaller(request) else { return BitbucketUnauthorized.response(for: request) }
        let needsWorkspaceScope = listsUserWorkspaces || segments.first == "workspaces"
        if needsWorkspaceScope, caller == .limitedToken {
            return BitbucketErrors.missingScope(granted: Self.limitedTokenScopes, required: ["read:workspace:bitbucket"])
        }

        switch segments {
        case ["user"]:
            return .json(200, accountJSON())
        case ["user", "workspaces"]:
            return userWorkspaces(request)
        case let s where s.count == 4 && s[0] == "user" && s[1] == "workspaces" && s[3] == "permission":
            return permission(workspace: s[2])
        case let s where s.count == 2 && s[0] == "workspaces":
            guard let workspace = workspace(identifier: s[1]), workspace.role != nil else {
                // Not a member looks the same as not existing.
                return BitbucketErrors.noWorkspace(s[1])
            }
            return .json(200, workspaceJSON(workspace))
        default:
            return BitbucketErrors.notFound
        }
    }

    /// HTTP Basic with the account email and one of the seeded API tokens.
    func bitbucketCaller(_ request: SandboxRequest) -> BitbucketCaller? {
        guard let credentials = request.basicCredentials,
              credentials.user.equalsIgnoringCase(user.email) else { return nil }
        switch credentials.password {
        case apiToken: return .fullToken
        case limitedToken: return .limitedToken
        default: return nil
        }
    }

    /// The fields `/user/workspaces` filters (`q`) and sorts (`sort`) on. The spec says "only
    /// slug is supported"; the items are `workspace_access`, whose slug sits at
    /// `workspace.slug` (the form Bitbucket documented for the list this one replaced), so
    /// both spellings are accepted.
    static let workspaceSlugFields: Set<String> = ["workspace.slug", "slug"]

    /// `GET /user/workspaces?administrator=&q=&sort=&pagelen=&page=`: `workspace_access`
    /// items, no names. Filtering and sorting come before paging, so `next` walks the
    /// filtered, sorted list, and carries `q` and `sort` along.
    private func userWorkspaces(_ request: SandboxRequest) -> SandboxResponse {
        var selected = memberWorkspaces
        switch request.queryValue("administrator")?.lowercased() {
        case nil: break
        case "true": selected = selected.filter(\.administrator)
        case "false": selected = selected.filter { !$0.administrator }
        case let other?: return BitbucketErrors.error(400, "Invalid value for administrator: '\(other)'")
        }
        if let q = request.queryValue("q"), !q.trimmingWhitespace().isEmpty {
            do {
                let query = try BitbucketQuery(q, fields: Self.workspaceSlugFields)
                selected = selected.filter { workspace in query.matches { _ in workspace.slug } }
            } catch {
                return BitbucketErrors.error(400, error.message)
            }
        }
        if let sort = request.queryValue("sort"), !sort.isEmpty {
            let descending = sort.hasPrefix("-")
            let field = descending ? String(sort.dropFirst()) : sort
            guard Self.workspaceSlugFields.contains(field) else {
                return BitbucketErrors.error(400, "Field \"\(field)\" does not support sorting")
            }
            // memberWorkspaces is already ascending by slug (the default order).
            if descending { selected.reverse() }
        }
        let pagelen: Int
        if let raw = request.queryValue("pagelen") {
            guard let value = Int(raw), (1...100).contains(value) else {
                return BitbucketErrors.error(400, "Invalid pagelen: must be between 1 and 100")
            }
            pagelen = value
        } else {
            pagelen = 10
        }
        let page: Int
        if let raw = request.queryValue("page") {
            guard let value = Int(raw), value >= 1 else { return BitbucketErrors.error(400, "Invalid page") }
            page = value
        } else {
            page = 1
        }

        let start = min((page - 1) * pagelen, selected.count)
        let end = min(start + pagelen, selected.count)
        var body: [String: JSONValue] = [
            "pagelen": .number(Double(pagelen)),
            "page": .number(Double(page)),
            "size": .number(Double(selected.count)),
            "values": .array(selected[start..<end].map(workspaceAccessJSON)),
        ]
        func link(_ page: Int) -> JSONValue {
            // The caller's own filter and sort parameters, then the page: `next` stays opaque to
            // clients but must keep meaning the same list.
            var items = ["administrator", "q", "sort"].compactMap { name in request.queryValue(name).map { (name, $0) } }
            items += [("page", String(page)), ("pagelen", String(pagelen))]
            let query = items.map { "\($0.0)=\(Self.queryEscaped($0.1))" }.joined(separator: "&")
            return .string("\(apiBase)/user/workspaces?\(query)")
        }
        if end < selected.count { body["next"] = link(page + 1) }
        if page > 1 { body["previous"] = link(page - 1) }
        return .json(200, .object(body))
    }

    /// Percent-encodes a query value strictly (only ASCII unreserved characters stay), so a
    /// BBQL `=`, `"` or space survives the round trip through `next`.
    static func queryEscaped(_ value: String) -> String {
        value.percentEncoded(keeping: .unreserved)
    }

    private func permission(workspace identifier: String) -> SandboxResponse {
        guard let workspace = workspace(identifier: identifier) else {
            return BitbucketErrors.noWorkspace(identifier)
        }
        guard let role = workspace.role else {
            return BitbucketErrors.error(403, "You do not have access to this workspace.")
        }
        return .json(200, [
            "type": "workspace_membership",
            "permission": .string(role.rawValue),
            "added_on": .string(workspace.createdOn),
            "last_accessed": "2026-10-01T08:30:00.000000+00:00",
            "user": accountJSON(),
            "workspace": workspaceJSON(workspace),
            "links": ["self": ["href": .string("\(apiBase)/user/workspaces/\(workspace.slug)/permission")]],
        ])
    }

    func accountJSON() -> JSONValue {
        let encodedUUID = user.uuid.percentEncoded(keeping: ASCIISet.alphanumerics.union(ASCIISet("-")))
        return [
            "type": "user",
            "uuid": .string(user.uuid),
            "account_id": .string(user.accountID),
            "display_name": .string(user.displayName),
            "nickname": "Ada",
            "username": .string(user.username),
            "account_status": "active",
            "created_on": .string(user.createdOn),
            "is_staff": false,
            "has_2fa_enabled": nil,
            "location": nil,
            "links": [
                "self": ["href": .string("\(apiBase)/users/\(encodedUUID)")],
                "avatar": ["href": .string("\(webBase)/account/\(user.username)/avatar/")],
                "html": ["href": .string("\(webBase)/\(encodedUUID)/")],
            ],
        ]
    }

    func workspaceAccessJSON(_ workspace: Workspace) -> JSONValue {
        [
            "type": "workspace_access",
            "administrator": .bool(workspace.administrator),
            "workspace": [
                "type": "workspace_base",
                "slug": .string(workspace.slug),
                "uuid": .string(workspace.uuid),
                "links": [
                    "self": ["href": .string("\(apiBase)/workspaces/\(workspace.slug)")],
                    "avatar": ["href": .string("\(webBase)/workspaces/\(workspace.slug)/avatar/")],
                ],
            ],
        ]
    }

    func workspaceJSON(_ workspace: Workspace) -> JSONValue {
        let api = "\(apiBase)/workspaces/\(workspace.slug)"
        return [
            "type": "workspace",
            "uuid": .string(workspace.uuid),
            "name": .string(workspace.name),
            "slug": .string(workspace.slug),
            "is_private": .bool(workspace.isPrivate),
            "is_privacy_enforced": false,
            "forking_mode": "allow_forks",
            "created_on": .string(workspace.createdOn),
            "updated_on": .string(workspace.createdOn),
            "links": [
                "avatar": ["href": .string("\(webBase)/workspaces/\(workspace.slug)/avatar/")],
                "html": ["href": .string("\(webBase)/\(workspace.slug)/")],
                "members": ["href": .string("\(api)/members")],
                "owners": ["href": .string("\(api)/members?q=permission%3D%22owner%22")],
                "projects": ["href": .string("\(api)/projects")],
                "repositories": ["href": .string("\(apiBase)/repositories/\(workspace.slug)")],
                "snippets": ["href": .string("\(apiBase)/snippets/\(workspace.slug)")],
                "self": ["href": .string(api)],
            ],
        ]
    }
}
