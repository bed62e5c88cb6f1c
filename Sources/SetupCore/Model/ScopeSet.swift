/// The ticked permission checkboxes, always closed under Bitbucket's implications and always
/// holding what Clerk requires.
public struct ScopeSet: Equatable, Sendable, Codable {
    public private(set) var scopes: Set<Scope>

    /// Clerk's minimum: Account → Email and Account → Read.
    public init() { scopes = PermissionCatalogue.requiredByClerk }

    /// A set from saved or granted scopes, with implications and Clerk's pair applied.
    public init<S: Sequence>(_ scopes: S) where S.Element == Scope {
        self.scopes = ScopeSet.closure(of: Set(scopes).union(PermissionCatalogue.requiredByClerk))
    }

    public func contains(_ scope: Scope) -> Bool { scopes.contains(scope) }

    /// Whether `scope` may not be unticked: Clerk needs it, or a ticked scope implies it.
    public func isLocked(_ scope: Scope) -> Bool {
        PermissionCatalogue.requiredByClerk.contains(scope) || impliedBy(scope).contains(where: scopes.contains)
    }

    /// Why `scope` is locked, in words, or nil.
    public func lockReason(_ scope: Scope) -> String? {
        if PermissionCatalogue.requiredByClerk.contains(scope) { return "required by Clerk" }
        if let by = impliedBy(scope).sorted().first(where: scopes.contains) {
            return "implied by \(PermissionCatalogue.label(of: by))"
        }
        return nil
    }

    /// Ticks `scope` and everything it implies, as Bitbucket's form does.
    public mutating func tick(_ scope: Scope) {
        scopes = ScopeSet.closure(of: scopes.union([scope]))
    }

    /// Unticks `scope` unless it is locked. Returns whether the set changed.
    @discardableResult
    public mutating func untick(_ scope: Scope) -> Bool {
        guard scopes.contains(scope), !isLocked(scope) else { return false }
        scopes.remove(scope)
        return true
    }

    /// Ticks or unticks; locked scopes stay ticked.
    @discardableResult
    public mutating func toggle(_ scope: Scope) -> Bool {
        if scopes.contains(scope) { return untick(scope) }
        tick(scope)
        return true
    }

    /// The ticked scopes beyond Clerk's pair: each widens what the consumer may do.
    public var beyondClerk: [Scope] {
        PermissionCatalogue.allScopes.filter { scopes.contains($0) && !PermissionCatalogue.requiredByClerk.contains($0) }
    }

    /// The scopes in form order, as a list for display or an API body.
    public var ordered: [Scope] { PermissionCatalogue.allScopes.filter(scopes.contains) }

    private func impliedBy(_ scope: Scope) -> [Scope] {
        PermissionCatalogue.implications.compactMap { $0.value.contains(scope) ? $0.key : nil }
    }

    static func closure(of start: Set<Scope>) -> Set<Scope> {
        var result = start
        var pending = Array(start)
        while let next = pending.popLast() {
            for implied in PermissionCatalogue.implications[next] ?? [] where !result.contains(implied) {
                result.insert(implied)
                pending.append(implied)
            }
        }
        return result
    }
}
