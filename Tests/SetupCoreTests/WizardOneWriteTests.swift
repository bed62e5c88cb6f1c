import TestSupport
import XCTest
@testable import SetupCore

/// One apply at a time, and its record always written: nothing starts a second write while
/// one is out, late answers change nothing, and the audit log holds the attempt before the
/// request and its outcome after (or "unknown, interrupted" when bbclerk ends first).
extension WizardTruthTests {
    func patches(_ effects: [WizardEffect]) -> Int {
        effects.filter { if case .patchClerkConfig = $0 { true } else { false } }.count
    }

    func testPreviewOrApplyDuringAnApplySendsNothing() {
        var state = stateAtSync()
        XCTAssertEqual(patches(Wizard.reduce(&state, .applySync)), 1)
        XCTAssertTrue(Wizard.reduce(&state, .previewSync).isEmpty, "p while the PATCH is out")
        XCTAssertTrue(Wizard.reduce(&state, .applySync).isEmpty, "a while the PATCH is out")
        XCTAssertTrue(state.applied.isLoading)
        XCTAssertTrue(state.status?.text.contains("being applied") == true)
    }

    func testPreviewAfterTheApplyIsRefusedRatherThanOfferingASecondWrite() {
        var state = stateAtSync()
        _ = Wizard.reduce(&state, .applySync)
        _ = Wizard.reduce(&state, .applyFinished(.success(ClerkPatchResult(configVersion: "v2", dryRun: false, before: [:], after: [:]))))
        XCTAssertTrue(Wizard.reduce(&state, .previewSync).isEmpty)
        XCTAssertEqual(state.applied.value?.configVersion, "v2", "Applied stays")
        XCTAssertTrue(Wizard.reduce(&state, .applySync).isEmpty)
    }

    func testALateReadBackAfterACancelChangesNothing() {
        var state = stateAtSync()
        _ = Wizard.reduce(&state, .applySync)
        _ = Wizard.reduce(&state, .applyFinished(.success(ClerkPatchResult(configVersion: "v2", dryRun: false, before: [:], after: [:]))))
        XCTAssertTrue(state.readBack.isLoading)
        _ = Wizard.reduce(&state, .cancelPending)
        XCTAssertEqual(state.readBack, .idle)
        let late = Wizard.reduce(&state, .readBackFinished(.failure(error(.timeout))))
        XCTAssertTrue(late.isEmpty)
        XCTAssertEqual(state.readBack, .idle)
        XCTAssertEqual(state.applied.value?.configVersion, "v2", "a late failure never overwrites Applied")
    }

    func testALateDryRunAfterACancelChangesNothing() {
        var state = stateAtKeyAndSecret()
        _ = Wizard.reduce(&state, .verified(.valid(grantedScopes: ["account", "email"])))
        _ = Wizard.reduce(&state, .next)
        _ = Wizard.reduce(&state, .configLoaded(.success(snapshot(version: "v1", clientID: nil, secretSet: false))))
        XCTAssertTrue(state.dryRun.isLoading)
        _ = Wizard.reduce(&state, .cancelPending)
        _ = Wizard.reduce(&state, .dryRunFinished(.failure(error(.timeout))))
        XCTAssertEqual(state.dryRun, .idle)
    }

    func testTheReReadAfterALostAnswerIsStillAWriteInFlight() {
        var state = stateAtSync()
        _ = Wizard.reduce(&state, .applySync)
        let recheck = Wizard.reduce(&state, .applyFinished(.failure(error(.timeout))))
        XCTAssertFalse(recheck.isEmpty)
        XCTAssertTrue(state.isWriting)
        XCTAssertTrue(Wizard.reduce(&state, .applySync).isEmpty)
        XCTAssertTrue(Wizard.reduce(&state, .previewSync).isEmpty)
        // Applied after the re-read: the re-read is the read-back.
        let after = Wizard.reduce(&state, .writeRechecked(.success(snapshot(version: "v2", clientID: key, secretSet: true))))
        XCTAssertEqual(state.applied.value?.configVersion, "v2")
        XCTAssertEqual(state.readBack.value?.configVersion, "v2")
        XCTAssertFalse(after.isEmpty, "goes on to the Frontend API check")
    }

    // MARK: The audit record

    func session(_ folder: URL) -> FileSession { FileSession(folder: folder) }

    /// The apply an earlier run left unresolved, as the next start reads it.
    func interruptedWrite(_ folder: URL) -> InterruptedWrite? { session(folder).files.readStart().interruptedWrite }

    func testTheAttemptIsRecordedBeforeThePatchAndAnInterruptionWhenTheSessionEnds() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bbclerk-audit-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let first = session(folder)
        var state = stateAtSync()
        first.start(&state)
        let effects = first.send(.applySync, to: &state)
        // The attempt line is asked for before the PATCH, so it is on disk before the request leaves.
        XCTAssertEqual(effects.firstIndex { if case .appendAudit = $0 { true } else { false } }, 0)
        XCTAssertEqual(patches(effects), 1)
        // A second `a` while the write is out writes no second attempt.
        first.send(.applySync, to: &state)
        XCTAssertEqual(try first.auditLines().map(\.outcome), [AuditEntry.attempt])
        XCTAssertEqual(try first.auditLines().first?.configVersion, "v1", "the version the write is guarded by")
        // SIGHUP: the loop ends with the PATCH out.
        first.send(.sessionEnded, to: &state)
        XCTAssertEqual(try first.auditLines().map(\.outcome), [AuditEntry.attempt, AuditEntry.interrupted])

        // The next run says so at start, and judges it from the first config it reads.
        let second = session(folder)
        var again = stateAtSync()
        let interrupted = try XCTUnwrap(second.start(&again).interruptedWrite)
        XCTAssertTrue(interrupted.startNotice.contains("ended before Clerk answered"))
        XCTAssertEqual(again.status, .init(.warning, interrupted.startNotice), "said at start")
        second.send(.configLoaded(.success(snapshot(version: "v2", clientID: key, secretSet: true))), to: &again)
        XCTAssertEqual(try second.auditLines().last?.outcome, "interrupted,applied")
        XCTAssertTrue(again.status?.text.contains(") landed: ") == true)
        XCTAssertTrue(again.recording?.resolutionNotice?.contains(") landed: ") == true)
        XCTAssertNil(again.recording?.interruptedWrite)
        // Told and recorded once: a later read resolves nothing more.
        let later = second.send(.readBackFinished(.success(snapshot(version: "v2", clientID: key, secretSet: true))), to: &again)
        XCTAssertFalse(later.contains { if case .appendAudit = $0 { true } else { false } })
        XCTAssertNil(interruptedWrite(folder), "resolved for good")
    }

    func testAnAnsweredApplyLeavesAttemptThenOutcomeAndNothingOnExit() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bbclerk-audit-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let session = session(folder)
        var state = stateAtSync()
        session.start(&state)
        for action: WizardAction in [.applySync, .applyFinished(.failure(error(.timeout))),
                                     .writeRechecked(.success(snapshot(version: "v1", clientID: nil, secretSet: false)))] {
            session.send(action, to: &state)
        }
        // The re-read found the old version: read again (lag) until the backoff is spent.
        while state.writeCheck?.isChecking == true {
            session.send(.writeRechecked(.success(snapshot(version: "v1", clientID: nil, secretSet: false))), to: &state)
        }
        session.send(.sessionEnded, to: &state)
        XCTAssertEqual(try session.auditLines().map(\.outcome), [AuditEntry.attempt, "timeout", "timeout,not_visible"])
        XCTAssertNil(interruptedWrite(folder))
    }

    func testAnUnansweredAttemptFromAKilledProcessIsUnresolvedToo() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bbclerk-audit-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let log = session(folder).files.audit
        let entry = AuditEntry(application: "app_1", instance: "ins_prod", workspace: "acme", consumerKey: key,
                               action: .apply, configVersion: "v1", outcome: AuditEntry.attempt)
        try log.append(entry)
        let interrupted = try XCTUnwrap(interruptedWrite(folder))
        XCTAssertEqual(interrupted.judge(snapshot(version: "v1", clientID: nil, secretSet: false)), .notVisible(configVersion: "v1"))
        XCTAssertEqual(interrupted.judge(snapshot(version: "v3", clientID: "other", secretSet: true)), .changedByOthers(configVersion: "v3"))
        // An apply to another instance afterwards does not hide it.
        var other = entry
        other.instance = "ins_dev"
        other.outcome = AuditEntry.ok
        try log.append(other)
        XCTAssertEqual(interruptedWrite(folder)?.entry.instance, "ins_prod")
        // Its own later outcome does.
        var done = entry
        done.outcome = AuditEntry.ok
        try log.append(done)
        XCTAssertNil(interruptedWrite(folder))
    }

    func testOnlyTheLogsEndIsReadAtStartAndStillFindsTheInterruption() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bbclerk-audit-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let log = session(folder).files.audit
        var old = AuditEntry(application: "app_1", instance: "ins_dev", workspace: "acme", consumerKey: key,
                             action: .apply, configVersion: "v1", outcome: AuditEntry.ok)
        // Years of syncs: far more than the tail read at start.
        let line = String(decoding: try JSONEncoder().encode(old), as: UTF8.self)
        let lines = AuditLog.tailBytes / line.utf8.count * 3
        for _ in 0..<lines { try log.append(old) }
        old.instance = "ins_prod"
        old.outcome = AuditEntry.attempt
        try log.append(old)
        XCTAssertEqual(interruptedWrite(folder)?.entry.instance, "ins_prod")
    }
}
