import TestSupport
import XCTest
@testable import SetupCore

final class PersistenceDraftTests: PersistenceTestCase {
    let token = "ATATT3xFfGF0TokenValue_abcdefghij=0123ABCD"
    let platformKey = "ak_platformKeyValue0123456789"
    let secretKey = "sk_test_secretKeyValue0123456789"
    let publishableKey = "pk_test_Y2xlcmsuZXhhbXBsZS5jb20k"
    let consumerSecret = "consumerSecretValueXYZ987654"
    let fixedDate = Date(timeIntervalSince1970: 1_735_787_045) // 2025-01-02T03:04:05Z

    func filledState(step: WizardStep = .scopes) -> WizardState {
        var state = WizardState(mode: .live, endpoints: .production, credentials: SessionCredentials())
        state.step = step
        state.credentials.bitbucketEmail = "ada@example.com"
        state.credentials.bitbucketToken = Secret(token)
        state.credentials.clerkPlatformKey = Secret(platformKey)
        state.credentials.clerkSecretKey = Secret(secretKey)
        state.credentials.clerkPublishableKey = publishableKey
        state.selectedApplicationID = "app_2abc"
        state.selectedInstanceID = "ins_2def"
        state.selectedWorkspace = "acme"
        state.form.name = "Acme Store"
        state.form.description = "Sign in to Acme"
        state.form.callbackURL = "https://clerk.acme.com/v1/oauth_callback"
        state.form.url = "https://acme.com"
        state.form.isPrivate = false
        state.scopes.tick("pullrequest")
        state.consumerKeyInput = "consumerKey123"
        state.consumerSecretInput = Secret(consumerSecret)
        return state
    }

    func testRoundTripRestoresEveryAnswer() throws {
        let state = filledState()
        let store = DraftStore(folder: folder)
        let draft = WizardDraft(from: state, savedAt: fixedDate)
        try store.save(draft)
        XCTAssertEqual(store.load(), .found(draft))

        var restored = WizardState(mode: .live, endpoints: .production, credentials: SessionCredentials())
        draft.apply(to: &restored)
        XCTAssertEqual(restored.step, .connect, "the reducer walks forward as the checks pass")
        XCTAssertEqual(draft.resumeStep, .scopes)
        XCTAssertEqual(restored.credentials.bitbucketEmail, "ada@example.com")
        XCTAssertEqual(restored.selectedApplicationID, "app_2abc")
        XCTAssertEqual(restored.selectedInstanceID, "ins_2def")
        XCTAssertEqual(restored.selectedWorkspace, "acme")
        XCTAssertEqual(restored.form, state.form)
        XCTAssertEqual(restored.scopes, state.scopes)
        XCTAssertEqual(restored.consumerKeyInput, "consumerKey123")
        // Nothing secret comes back: it was never saved.
        XCTAssertNil(restored.credentials.bitbucketToken)
        XCTAssertTrue(restored.consumerSecretInput.isEmpty)
        XCTAssertTrue(draft.matches(.live))
        XCTAssertFalse(draft.matches(.sandbox))
    }

    func testSavedAtRoundTripsEvenWithFractionalSeconds() throws {
        let store = DraftStore(folder: folder)
        let draft = WizardDraft(from: filledState(), savedAt: Date(timeIntervalSince1970: 1_735_787_045.75))
        try store.save(draft)
        XCTAssertEqual(store.load(), .found(draft))
    }

    func testDraftFileHoldsNoSecretAndIsOwnerOnly() throws {
        let store = DraftStore(folder: folder.appendingPathComponent("state/bbclerk"))
        try store.save(WizardDraft(from: filledState()))
        let bytes = try Data(contentsOf: store.file)
        let text = String(decoding: bytes, as: UTF8.self)
        for secret in [token, platformKey, secretKey, publishableKey, consumerSecret] {
            XCTAssertFalse(text.contains(secret), "draft.json holds \(secret.prefix(3))…")
            XCTAssertNil(bytes.range(of: Data(secret.utf8)))
        }
        XCTAssertTrue(text.contains("consumerKey123"))
        XCTAssertEqual(try mode(of: store.file), 0o600)
        XCTAssertEqual(try mode(of: store.folder), 0o700)
        XCTAssertEqual(try contents(of: store.folder), ["draft.json"])
    }

    func testResumeStopsBeforeStepsThatNeedTheSecret() {
        for step in WizardStep.allCases {
            let draft = WizardDraft(from: filledState(step: step))
            XCTAssertEqual(draft.resumeStep, min(step, .createInBitbucket), "\(step)")
        }
        var draft = WizardDraft(from: filledState())
        draft.step = "a_step_from_a_later_version"
        XCTAssertEqual(draft.resumeStep, .connect)
    }

    /// Steps are stored by name, so a step inserted later cannot make a draft resume at the
    /// wrong one; a version-1 draft (the step's number) is still read.
    func testTheStepIsStoredByNameAndAVersionOneNumberIsStillRead() throws {
        let draft = WizardDraft(from: filledState(step: .scopes), savedAt: Date(timeIntervalSince1970: 1_735_787_045))
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: JSONEncoder().encode(draft)) as? [String: Any])
        XCTAssertEqual(json["step"] as? String, "scopes")
        XCTAssertEqual(json["version"] as? Int, 2)
        var old = json
        old["step"] = 5
        old["version"] = 1
        let decoded = try JSONDecoder().decode(WizardDraft.self, from: JSONSerialization.data(withJSONObject: old))
        XCTAssertEqual(decoded.savedStep, .scopes)
        XCTAssertEqual(decoded.resumeStep, .scopes)
    }

    /// Quitting a first screen where nothing was typed leaves nothing to resume, so no draft;
    /// the first answer typed is saved.
    func testAPristineSessionWritesNoDraft() throws {
        let session = FileSession(folder: folder)
        var state = WizardState(mode: .live, endpoints: .production, credentials: SessionCredentials())
        session.start(&state)
        session.send(.start, to: &state)
        session.send(.dismissStatus, to: &state)
        XCTAssertFalse(FileManager.default.fileExists(atPath: session.files.drafts.file.path), "nothing answered, nothing to resume")
        session.send(.setBitbucketEmail("ada@example.com"), to: &state)
        XCTAssertTrue(FileManager.default.fileExists(atPath: session.files.drafts.file.path), "the typed email is kept")
    }

    func testEmailFromThisSessionWinsOverTheDraft() {
        let draft = WizardDraft(from: filledState())
        var credentials = SessionCredentials()
        credentials.bitbucketEmail = "grace@example.com"
        var restored = WizardState(mode: .live, endpoints: .production, credentials: credentials)
        draft.apply(to: &restored)
        XCTAssertEqual(restored.credentials.bitbucketEmail, "grace@example.com")
    }

    func testCorruptDraftIsKeptAsideAndReported() throws {
        let store = DraftStore(folder: folder, now: { [fixedDate] in fixedDate })
        try SecureFile.write(Data("{\"version\": 1, \"step\": ".utf8), to: store.file)

        guard case .unreadable(let reason, let keptAt) = store.load() else { return XCTFail("expected unreadable") }
        XCTAssertEqual(keptAt.lastPathComponent, "draft.corrupt-20250102T030405Z.json")
        XCTAssertEqual(try Data(contentsOf: keptAt), Data("{\"version\": 1, \"step\": ".utf8))
        XCTAssertTrue(reason.contains("could not be used"), reason)
        XCTAssertTrue(reason.contains(keptAt.path), reason)
        XCTAssertEqual(store.load(), .none)

        // A second damaged draft in the same second does not replace the first copy.
        try SecureFile.write(Data("garbage".utf8), to: store.file)
        guard case .unreadable(_, let second) = store.load() else { return XCTFail("expected unreadable") }
        XCTAssertEqual(second.lastPathComponent, "draft.corrupt-20250102T030405Z-2.json")
        XCTAssertEqual(try contents(of: folder),
                       ["draft.corrupt-20250102T030405Z-2.json", "draft.corrupt-20250102T030405Z.json"])
    }

    func testDraftFromANewerVersionIsKeptAside() throws {
        let store = DraftStore(folder: folder, now: { [fixedDate] in fixedDate })
        var draft = WizardDraft(from: filledState())
        draft.version = WizardDraft.currentVersion + 1
        try store.save(draft)
        guard case .unreadable(let reason, _) = store.load() else { return XCTFail("expected unreadable") }
        XCTAssertTrue(reason.contains("newer version"), reason)
    }

    func testNoDraftAndDiscard() throws {
        let store = DraftStore(folder: folder)
        XCTAssertEqual(store.load(), .none)
        try store.discard()
        try store.save(WizardDraft(from: filledState()))
        try store.discard()
        XCTAssertEqual(store.load(), .none)
        XCTAssertEqual(try contents(of: folder), [])
    }
}
