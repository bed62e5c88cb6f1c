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

    func recorder(_ folder: URL) -> SessionRecorder {
        SessionRecorder(paths: StatePaths(environment: ["HOME": folder.path, "XDG_STATE_HOME": folder.path,
                                                        "XDG_CONFIG_HOME": folder.path, "XDG_CACHE_HOME": folder.path]))
    }

    func auditLines(_ recorder: SessionRecorder) throws -> [AuditEntry] {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try String(decoding: SecureFile.read(recorder.audit.file), as: UTF8.self)
            .split(separator: "\n").map { try decoder.decode(AuditEntry.self, from: Data($0.utf8)) }
    }

    func testTheAttemptIsRecordedBeforeThePatchAndAnInterruptionWhenTheSessionEnds() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bbclerk-audit-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let first = recorder(folder)
        var state = stateAtSync()
        _ = Wizard.reduce(&state, .applySync)
        first.record(.applySync, state: state)
        // A second `a` while the write is out writes no second attempt.
        _ = Wizard.reduce(&state, .applySync)
        first.record(.applySync, state: state)
        XCTAssertEqual(try auditLines(first).map(\.outcome), [AuditEntry.attempt])
        XCTAssertEqual(try auditLines(first).first?.configVersion, "v1", "the version the write is guarded by")
        // SIGHUP: the loop ends with the PATCH out.
        first.finish(state)
        XCTAssertEqual(try auditLines(first).map(\.outcome), [AuditEntry.attempt, AuditEntry.interrupted])

        // The next run says so at start, and judges it from the first config it reads.
        let second = recorder(folder)
        let interrupted = try XCTUnwrap(second.interruptedWrite)
        XCTAssertTrue(interrupted.startNotice.contains("ended before Clerk answered"))
        let again = stateAtSync()
        second.record(.configLoaded(.success(snapshot(version: "v2", clientID: key, secretSet: true))), state: again)
        XCTAssertEqual(try auditLines(second).last?.outcome, "interrupted,applied")
        XCTAssertTrue(second.takeNotice()?.contains(") landed: ") == true)
        XCTAssertNil(second.takeNotice(), "told once")
        XCTAssertNil(second.interruptedWrite)
        XCTAssertNil(recorder(folder).interruptedWrite, "resolved for good")
    }

    func testAnAnsweredApplyLeavesAttemptThenOutcomeAndNothingOnExit() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bbclerk-audit-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let recorder = recorder(folder)
        var state = stateAtSync()
        for action: WizardAction in [.applySync, .applyFinished(.failure(error(.timeout))),
                                     .writeRechecked(.success(snapshot(version: "v1", clientID: nil, secretSet: false)))] {
            _ = Wizard.reduce(&state, action)
            recorder.record(action, state: state)
        }
        // The re-read found the old version: read again (lag) until the backoff is spent.
        while state.writeCheck?.isChecking == true {
            let action = WizardAction.writeRechecked(.success(snapshot(version: "v1", clientID: nil, secretSet: false)))
            _ = Wizard.reduce(&state, action)
            recorder.record(action, state: state)
        }
        recorder.finish(state)
        XCTAssertEqual(try auditLines(recorder).map(\.outcome), [AuditEntry.attempt, "timeout", "timeout,not_visible"])
        XCTAssertNil(self.recorder(folder).interruptedWrite)
    }

    func testAnUnansweredAttemptFromAKilledProcessIsUnresolvedToo() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bbclerk-audit-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let log = recorder(folder).audit
        let entry = AuditEntry(application: "app_1", instance: "ins_prod", workspace: "acme", consumerKey: key,
                               action: .apply, configVersion: "v1", outcome: AuditEntry.attempt)
        try log.append(entry)
        let interrupted = try XCTUnwrap(recorder(folder).interruptedWrite)
        XCTAssertEqual(interrupted.judge(snapshot(version: "v1", clientID: nil, secretSet: false)), .notVisible(configVersion: "v1"))
        XCTAssertEqual(interrupted.judge(snapshot(version: "v3", clientID: "other", secretSet: true)), .changedByOthers(configVersion: "v3"))
        // An apply to another instance afterwards does not hide it.
        var other = entry
        other.instance = "ins_dev"
        other.outcome = AuditEntry.ok
        try log.append(other)
        XCTAssertEqual(recorder(folder).interruptedWrite?.entry.instance, "ins_prod")
        // Its own later outcome does.
        var done = entry
        done.outcome = AuditEntry.ok
        try log.append(done)
        XCTAssertNil(recorder(folder).interruptedWrite)
    }

    func testOnlyTheLogsEndIsReadAtStartAndStillFindsTheInterruption() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bbclerk-audit-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let log = recorder(folder).audit
        var old = AuditEntry(application: "app_1", instance: "ins_dev", workspace: "acme", consumerKey: key,
                             action: .apply, configVersion: "v1", outcome: AuditEntry.ok)
        // Years of syncs: far more than the tail read at start.
        let line = String(decoding: try JSONEncoder().encode(old), as: UTF8.self)
        let lines = AuditLog.tailBytes / line.utf8.count * 3
        for _ in 0..<lines { try log.append(old) }
        old.instance = "ins_prod"
        old.outcome = AuditEntry.attempt
        try log.append(old)
        XCTAssertEqual(recorder(folder).interruptedWrite?.entry.instance, "ins_prod")
    }
}
