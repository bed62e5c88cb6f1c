import XCTest
@testable import SetupCore

/// Bitbucket's permission rules as its consumer form applies them (API-NOTES, "Permission
/// checkboxes and scope strings").
final class ScopeSetTests: XCTestCase {
    func testStartsWithClerksPairAndLocksIt() {
        var set = ScopeSet()
        XCTAssertEqual(set.scopes, [.email, .account])
        XCTAssertTrue(set.isLocked(.email))
        XCTAssertFalse(set.untick(.account))
        XCTAssertFalse(set.toggle(.email))
        XCTAssertEqual(set.lockReason(.account), "required by Clerk")
        XCTAssertEqual(set.beyondClerk, [])
    }

    func testImplicationsTickTransitively() {
        var set = ScopeSet()
        set.tick("pullrequest:write")
        XCTAssertEqual(Set(set.beyondClerk), ["pullrequest:write", "pullrequest", "repository:write", "repository"])
        set.tick("project")
        XCTAssertTrue(set.contains("repository"))
        set.tick("issue:write")
        XCTAssertTrue(set.contains("issue"))
        set.tick("snippet:write")
        XCTAssertTrue(set.contains("snippet"))
    }

    func testAdminLevelsImplyNothing() {
        var set = ScopeSet()
        set.tick("project:admin")
        set.tick("repository:admin")
        XCTAssertFalse(set.contains("project"))
        XCTAssertFalse(set.contains("repository"))
        XCTAssertFalse(set.contains("repository:write"))
    }

    func testImpliedScopeIsLockedUntilItsSourceIsUnticked() {
        var set = ScopeSet()
        set.tick("repository:write")
        XCTAssertEqual(set.lockReason("repository"), "implied by Repositories → Write")
        XCTAssertFalse(set.untick("repository"))
        XCTAssertTrue(set.untick("repository:write"))
        XCTAssertTrue(set.untick("repository"))
        XCTAssertEqual(set.scopes, [.email, .account])
    }

    func testRestoredSetIsClosedAndKeepsClerksPair() {
        let set = ScopeSet(["pullrequest"])
        XCTAssertEqual(set.ordered, ["email", "account", "repository", "pullrequest"])
    }

    func testCatalogueCoversEveryGroupOfTheForm() {
        XCTAssertEqual(PermissionCatalogue.groups.map(\.name), [
            "Account", "Workspace membership", "Projects", "Repositories", "Pull requests", "Issues",
            "Wikis", "Snippets", "Webhooks", "Pipelines", "Runners",
        ])
        XCTAssertEqual(PermissionCatalogue.allScopes.count, 24)
        XCTAssertEqual(Set(PermissionCatalogue.allScopes).count, 24, "every scope string appears once")
        XCTAssertEqual(PermissionCatalogue.label(of: "pipeline:variable"), "Pipelines → Edit variables")
    }
}
