/// One checkbox of Bitbucket's consumer form: a level ("Read") within a group ("Account").
public struct PermissionLevel: Hashable, Sendable {
    public let name: String
    public let scope: Scope
}

/// One row of Bitbucket's permission table ("Repositories": Read, Write, Admin, Delete).
public struct PermissionGroup: Hashable, Sendable {
    public let name: String
    public let levels: [PermissionLevel]
    /// Why the form might not show this group any more, when that is so.
    public var note: String? = nil
}

/// Bitbucket's permission checkboxes, the implications its form applies as you tick, and
/// the pair Clerk needs. The table follows Bitbucket's consumer form, group by group.
public enum PermissionCatalogue {
    public static let groups: [PermissionGroup] = [
        group("Account", ("Email", "email"), ("Read", "account"), ("Write", "account:write")),
        group("Workspace membership", ("Read", "team"), ("Write", "team:write")),
        group("Projects", ("Read", "project"), ("Admin", "project:admin")),
        group("Repositories", ("Read", "repository"), ("Write", "repository:write"),
              ("Admin", "repository:admin"), ("Delete", "repository:delete")),
        group("Pull requests", ("Read", "pullrequest"), ("Write", "pullrequest:write")),
        // Bitbucket removed Issues and Wikis on 2026-08-20; no source shows whether the
        // consumer form still offers their permissions (docs/VENDOR-FACTS.md), so they stay,
        // marked, and Clerk never needs them.
        group("Issues", ("Read", "issue"), ("Write", "issue:write")).noted(removedFeature),
        group("Wikis", ("Read and write", "wiki")).noted(removedFeature),
        group("Snippets", ("Read", "snippet"), ("Write", "snippet:write")),
        group("Webhooks", ("Read and write", "webhook")),
        group("Pipelines", ("Read", "pipeline"), ("Write", "pipeline:write"), ("Edit variables", "pipeline:variable")),
        group("Runners", ("Read", "runner"), ("Write", "runner:write")),
    ]

    /// Ticking the key ticks each value in Bitbucket's form. `project:admin` does not imply
    /// `project`, and `repository:admin` implies neither read nor write: Bitbucket's own rules.
    public static let implications: [Scope: [Scope]] = [
        "project": ["repository"],
        "repository:write": ["repository"],
        "pullrequest": ["repository"],
        "pullrequest:write": ["pullrequest", "repository:write"],
        "issue:write": ["issue"],
        "snippet:write": ["snippet"],
        "account": ["email"],
    ]

    /// What Clerk needs to sign a user in: their email address and their account.
    public static let requiredByClerk: Set<Scope> = [.email, .account]

    /// Every scope in form order.
    public static var allScopes: [Scope] { groups.flatMap { $0.levels.map(\.scope) } }

    /// The group and level of `scope`, for messages ("Account → Email"); the line mode
    /// passes `": "` ("Account: Email"), which a screen reader reads naturally.
    public static func label(of scope: Scope, separator: String = " → ") -> String {
        for group in groups {
            if let level = group.levels.first(where: { $0.scope == scope }) { return "\(group.name)\(separator)\(level.name)" }
        }
        return scope.rawValue
    }

    static let removedFeature = "Bitbucket removed it 2026-08-20"

    private static func group(_ name: String, _ levels: (String, String)...) -> PermissionGroup {
        PermissionGroup(name: name, levels: levels.map { PermissionLevel(name: $0.0, scope: Scope(rawValue: $0.1)) })
    }
}

private extension PermissionGroup {
    func noted(_ note: String) -> PermissionGroup {
        var copy = self
        copy.note = note
        return copy
    }
}
