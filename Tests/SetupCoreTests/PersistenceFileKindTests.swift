import XCTest
@testable import SetupCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// FIFOs and oversized files where bbclerk's own files should be: refused at once (a FIFO
/// used to block `open` until a writer came), moved aside rather than lost, and never read.
final class PersistenceFileKindTests: PersistenceTestCase {
    func testReadRefusesAFIFOWithoutWaitingForAWriter() throws {
        let fifo = folder.appendingPathComponent("draft.json")
        XCTAssertEqual(mkfifo(fifo.path, 0o600), 0)
        let outcome = try withinTwoSeconds(unblocking: fifo) { try SecureFile.read(fifo) }
        XCTAssertEqual(outcome.error as? SecureFileError, .notRegularFile(path: fifo.path))
    }

    func testAppendLineRefusesAFIFOWithOrWithoutAReader() throws {
        let fifo = folder.appendingPathComponent("audit.log")
        XCTAssertEqual(mkfifo(fifo.path, 0o600), 0)
        // No reader: a blocking open for writing would wait for one.
        let alone = try withinTwoSeconds(unblocking: fifo) { try SecureFile.appendLine("entry", to: fifo) }
        XCTAssertEqual(alone.error as? SecureFileError, .notRegularFile(path: fifo.path))
        // A reader: the open succeeds, the kind check refuses it and nothing is written.
        let reader = open(fifo.path, O_RDONLY | O_NONBLOCK)
        XCTAssertGreaterThanOrEqual(reader, 0)
        defer { close(reader) }
        let read = try withinTwoSeconds(unblocking: fifo) { try SecureFile.appendLine("entry", to: fifo) }
        XCTAssertEqual(read.error as? SecureFileError, .notRegularFile(path: fifo.path))
        var byte: UInt8 = 0
        XCTAssertLessThanOrEqual(Glibc.read(reader, &byte, 1), 0, "nothing reached the FIFO")
    }

    func testDraftLoadSetsAFIFOAsideAndSaysSo() throws {
        let store = DraftStore(folder: folder)
        XCTAssertEqual(mkfifo(store.file.path, 0o600), 0)
        let outcome = try withinTwoSeconds(unblocking: store.file) { store.load() }
        guard case .unreadable(let reason, let kept)? = outcome.value else {
            return XCTFail("a FIFO is not a draft: \(String(describing: outcome))")
        }
        XCTAssertTrue(reason.contains("not a regular file"), reason)
        XCTAssertTrue(reason.contains(kept.path), "the message says where it went: \(reason)")
        XCTAssertNotEqual(kept, store.file)
        XCTAssertEqual(try kind(of: kept), S_IFIFO, "the FIFO itself was moved aside")
        XCTAssertEqual(store.load(), DraftLoad.none, "the next start is clean")
    }

    /// A 2 MB draft (what a 1.1 M-character paste made before fields were capped) is moved
    /// aside with a message, byte for byte, rather than lost.
    func testDraftLoadSetsAnOversizedDraftAsideWholeAndSaysSo() throws {
        let store = DraftStore(folder: folder)
        let big = Data(repeating: UInt8(ascii: "a"), count: 2 * DraftStore.sizeLimit)
        try SecureFile.write(big, to: store.file)
        guard case .unreadable(let reason, let kept) = store.load() else { return XCTFail("an oversized draft is not loaded") }
        XCTAssertTrue(reason.contains("larger than 1 MiB"), reason)
        XCTAssertEqual(try Data(contentsOf: kept), big, "kept whole")
        XCTAssertEqual(store.load(), DraftLoad.none)
    }

    func testSavingADraftOverTheLimitFailsNowRatherThanAtTheNextStart() throws {
        let store = DraftStore(folder: folder)
        var draft = WizardDraft(from: WizardState(mode: .live, endpoints: .production, credentials: SessionCredentials()))
        draft.form.description = String(repeating: "x", count: DraftStore.sizeLimit + 1)
        XCTAssertThrowsError(try store.save(draft)) { error in
            XCTAssertEqual(error as? SecureFileError, .tooLarge(path: store.file.path, limit: DraftStore.sizeLimit))
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: store.file.path))
    }

    func testPreloadedDraftIsHandedOverOnce() throws {
        let paths = StatePaths(environment: ["HOME": folder.path, "XDG_STATE_HOME": folder.path])
        let files = SessionFiles(paths: paths)
        try SecureFile.write(Data(count: DraftStore.sizeLimit + 1), to: files.drafts.file)
        let start = files.readStart()
        // Moved aside already: the start's result is what tells the user, once.
        XCTAssertFalse(FileManager.default.fileExists(atPath: files.drafts.file.path))
        guard case .unreadable = start.draft else { return XCTFail("the preloaded refusal is handed over") }
        XCTAssertEqual(files.readStart().draft, DraftLoad.none)
    }

    // MARK: Helpers


    /// Runs `body` on another thread and fails if it takes over two seconds; then opens the
    /// FIFO from the other end so a blocked call returns and the test run does not hang.
    private func withinTwoSeconds<Value>(unblocking fifo: URL, _ body: @escaping @Sendable () throws -> Value) throws -> Outcome<Value> {
        let box = OutcomeBox<Value>()
        let done = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            do { box.outcome.value = try body() } catch { box.outcome.error = error }
            done.signal()
        }
        if done.wait(timeout: .now() + 2) == .timedOut {
            XCTFail("the call blocked on the FIFO")
            let other = open(fifo.path, O_RDWR | O_NONBLOCK)
            _ = done.wait(timeout: .now() + 5)
            if other >= 0 { close(other) }
        }
        return box.outcome
    }

    private func kind(of url: URL) throws -> mode_t {
        var info = stat()
        guard lstat(url.path, &info) == 0 else { throw SecureFileError.notFound(path: url.path) }
        return info.st_mode & S_IFMT
    }
}

/// What a call on another thread gave.
private struct Outcome<Value> {
    var value: Value?
    var error: (any Error)?
}

/// Carries an ``Outcome`` back from the thread; the semaphore orders the accesses.
private final class OutcomeBox<Value>: @unchecked Sendable {
    var outcome = Outcome<Value>()
}
