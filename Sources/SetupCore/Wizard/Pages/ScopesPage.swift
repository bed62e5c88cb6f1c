/// Step 5, the permissions, as both front ends show it (the boxes are
/// ``PermissionCatalogue``'s table; what ticks what is ``ScopeSet``'s).
public enum ScopesPage {
    public static let intro = "Clerk needs Account: Email and Account: Read, and nothing else. Anything more widens what the consumer may do with every user's Bitbucket account."

    /// Whether more than Clerk needs is ticked.
    public static func summary(_ scopes: ScopeSet) -> PageLine {
        let extra = scopes.beyondClerk
        return extra.isEmpty ? PageLine("Ticked: exactly what Clerk needs.", .success)
            : PageLine("Beyond Clerk's needs: \(extra.map(\.rawValue).joined(separator: ", "))", .warning)
    }

    /// "Account: Email", a box named by its row and level.
    public static func label(_ scope: Scope) -> String { PermissionCatalogue.label(of: scope, separator: ": ") }
}
