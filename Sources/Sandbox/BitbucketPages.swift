#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The HTML of the sandbox's bitbucket.org pages. Plain markup with Bitbucket's labels, so a
/// browser opened on the sandbox shows something true; every remote value is escaped
/// (workspace names are user data, and the hostile seed puts escape sequences in them).
enum BitbucketPages {
    /// The permission checkboxes as Bitbucket groups them (API-NOTES table): group, then
    /// each box's label and scope.
    static let permissionGroups: [(group: String, boxes: [(label: String, scope: String)])] = [
        ("Account", [("Email", "email"), ("Read", "account"), ("Write", "account:write")]),
        ("Workspace membership", [("Read", "team"), ("Write", "team:write")]),
        ("Projects", [("Read", "project"), ("Admin", "project:admin")]),
        ("Repositories", [("Read", "repository"), ("Write", "repository:write"), ("Admin", "repository:admin"), ("Delete", "repository:delete")]),
        ("Pull requests", [("Read", "pullrequest"), ("Write", "pullrequest:write")]),
        ("Issues", [("Read", "issue"), ("Write", "issue:write")]),
        ("Wikis", [("Read and write", "wiki")]),
        ("Snippets", [("Read", "snippet"), ("Write", "snippet:write")]),
        ("Webhooks", [("Read and write", "webhook")]),
        ("Pipelines", [("Read", "pipeline"), ("Write", "pipeline:write"), ("Edit variables", "pipeline:variable")]),
        ("Runners", [("Read", "runner"), ("Write", "runner:write")]),
    ]

    static func notFound(_ heading: String) -> SandboxResponse {
        .html(404, page(title: "Page not found", body: "<h1>\(htmlEscape(heading))</h1>"))
    }

    static func forbidden(_ workspace: Workspace) -> SandboxResponse {
        .html(403, page(title: "Access denied", body: """
        <h1>You don't have access to this page</h1>
        <p>Only administrators of <strong>\(htmlEscape(workspace.name))</strong> can manage its OAuth consumers.</p>
        """))
    }

    /// The "Add consumer" form, filled with `input` and showing `errors` (by field name)
    /// when Save found problems.
    static func addConsumer(_ workspace: Workspace, input: ConsumerInput, errors: [String: String]) -> String {
        let action = "\(SandboxService.bitbucketWeb.rawValue)/\(workspace.slug)/workspace/settings/oauth-consumers/new"
        func error(_ field: String) -> String {
            errors[field].map { "<p class=\"error\" id=\"\(field)-error\">\(htmlEscape($0))</p>" } ?? ""
        }
        func text(_ label: String, _ field: String, _ value: String?, type: String = "text", required: Bool = false) -> String {
            let value = htmlEscape(value ?? "")
            return "<p><label>\(label) <input name=\"\(field)\" type=\"\(type)\" value=\"\(value)\"\(required ? " required" : "")></label></p>\(error(field))"
        }
        let ticked = Set(input.scopes)
        let groups = permissionGroups.map { group in
            let boxes = group.boxes.map { box in
                let checked = ticked.contains(box.scope) ? " checked" : ""
                return "<label><input type=\"checkbox\" name=\"scope\" value=\"\(htmlEscape(box.scope))\"\(checked)> \(htmlEscape(box.label))</label>"
            }
            return "<fieldset><legend>\(htmlEscape(group.group))</legend>\(boxes.joined(separator: " "))</fieldset>"
        }
        return page(title: "Add OAuth consumer — \(workspace.name)", body: """
        <h1>Add OAuth consumer</h1>
        <p>Workspace settings → Apps and features → OAuth consumers → Add consumer, in workspace <strong>\(htmlEscape(workspace.name))</strong> (\(htmlEscape(workspace.slug))).</p>
        \(errors.isEmpty ? "" : "<p class=\"error\" role=\"alert\">Please correct the errors below.</p>")
        <form method="post" action="\(htmlEscape(action))" accept-charset="utf-8">
        <h2>Details</h2>
        \(text("Name", "name", input.name, required: true))
        <p><label>Description <textarea name="description">\(htmlEscape(input.description ?? ""))</textarea></label></p>\(error("description"))
        \(text("Callback URL", "callback_url", input.urls["callback_url"], type: "url"))
        \(text("URL", "url", input.urls["url"], type: "url"))
        \(text("Privacy policy URL", "privacy_policy_url", input.urls["privacy_policy_url"], type: "url"))
        \(text("EULA URL", "eula_url", input.urls["eula_url"], type: "url"))
        <p><label><input type="checkbox" name="private"\(input.isPrivate ? " checked" : "")> This is a private consumer</label></p>\(error("private"))
        <h2>Permissions</h2>
        \(groups.joined(separator: "\n"))\(error("scopes"))
        <p><button type="submit">Save</button> <a href="\(htmlEscape(SandboxService.bitbucketWeb.rawValue))/\(htmlEscape(workspace.slug))/workspace/settings/oauth-consumers">Cancel</a></p>
        </form>
        <p>Without a browser, create consumers with <code>POST /bitbucket-web/_sandbox/\(htmlEscape(workspace.slug))/oauth-consumers</code>.</p>
        """)
    }

    /// The workspace's OAuth consumers: each name is a disclosure that expands to the Key
    /// and Secret, as Bitbucket's list does when a consumer's name is clicked.
    static func consumers(_ workspace: Workspace, _ consumers: [OAuthConsumer]) -> String {
        let base = "\(SandboxService.bitbucketWeb.rawValue)/\(workspace.slug)/workspace/settings/oauth-consumers"
        let rows = consumers.map { consumer in
            var facts = [
                ("Key", "<code class=\"key\">\(htmlEscape(consumer.key))</code>"),
                ("Secret", "<code class=\"secret\">\(htmlEscape(consumer.secret))</code>"),
                ("Callback URL", htmlEscape(consumer.callbackURL ?? "none")),
                ("Private consumer", consumer.isPrivate ? "Yes" : "No"),
                ("Permissions", htmlEscape(consumer.scopes.joined(separator: ", "))),
            ]
            if let description = consumer.description { facts.insert(("Description", htmlEscape(description)), at: 0) }
            let list = facts.map { "<dt>\($0.0)</dt><dd>\($0.1)</dd>" }.joined()
            return "<li><details><summary>\(htmlEscape(consumer.name))</summary><dl>\(list)</dl></details></li>"
        }
        let listing = rows.isEmpty ? "<p>This workspace has no OAuth consumers yet.</p>" : "<ul class=\"consumers\">\n\(rows.joined(separator: "\n"))\n</ul>"
        return page(title: "OAuth consumers — \(workspace.name)", body: """
        <h1>OAuth consumers</h1>
        <p>Workspace settings → Apps and features → OAuth consumers, in workspace <strong>\(htmlEscape(workspace.name))</strong> (\(htmlEscape(workspace.slug))).</p>
        <p><a href="\(htmlEscape(base))/new">Add consumer</a></p>
        \(listing)
        """)
    }

    /// A whole document; `title` is escaped here, `body` is markup already escaped.
    private static func page(title: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>\(htmlEscape(title)) — Bitbucket</title></head>
        <body>
        \(body)
        </body></html>
        """
    }
}
