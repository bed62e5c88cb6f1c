import XCTest
@testable import SetupCore

final class PersistenceAuditTests: PersistenceTestCase {
    func testOneSortedJSONLinePerSyncOwnerOnly() throws {
        let file = folder.appendingPathComponent("state/audit.jsonl")
        let log = AuditLog(file: file)
        let time = Date(timeIntervalSince1970: 1_700_000_000)
        try log.append(AuditEntry(time: time, application: "app_1", instance: "ins_1", workspace: "acme",
                                  consumerKey: "key123", action: .dryRun, configVersion: "v1", outcome: AuditEntry.ok))
        try log.append(AuditEntry(time: time, application: "app_1", instance: "ins_1", workspace: "acme",
                                  consumerKey: "key123", action: .apply, configVersion: nil,
                                  outcome: RemoteError.Kind.conflict.auditName))

        let lines = String(decoding: try Data(contentsOf: file), as: UTF8.self).split(separator: "\n")
        XCTAssertEqual(lines, [
            #"{"action":"dry_run","application":"app_1","config_version":"v1","consumer_key":"key123","instance":"ins_1","outcome":"ok","time":"2023-11-14T22:13:20Z","workspace":"acme"}"#,
            #"{"action":"apply","application":"app_1","config_version":null,"consumer_key":"key123","instance":"ins_1","outcome":"conflict","time":"2023-11-14T22:13:20Z","workspace":"acme"}"#,
        ])
        XCTAssertEqual(try mode(of: file), 0o600)
    }

    func testErrorKindNames() {
        XCTAssertEqual(RemoteError.Kind.rateLimited(retryAfter: 3).auditName, "rate_limited")
        XCTAssertEqual(RemoteError.Kind.forbidden(missingScopes: nil).auditName, "forbidden")
        XCTAssertEqual(RemoteError.Kind.server(status: 503).auditName, "server_error")
        XCTAssertEqual(RemoteError.Kind.badRequest(code: "form_param_invalid").auditName, "bad_request")
    }
}
