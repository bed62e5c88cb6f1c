import XCTest
@testable import SetupCore

final class PersistenceSecureFileTests: PersistenceTestCase {
    func testAtomicWriteIsOwnerOnlyAndLeavesNoTemporaryFile() throws {
        let file = folder.appendingPathComponent("draft.json")
        try SecureFile.write(Data("first".utf8), to: file)
        try SecureFile.write(Data("second".utf8), to: file)
        XCTAssertEqual(try SecureFile.read(file), Data("second".utf8))
        XCTAssertEqual(try mode(of: file), 0o600)
        XCTAssertEqual(try contents(of: folder), ["draft.json"])
    }

    func testWriteReplacesAWiderFileWithAnOwnerOnlyOne() throws {
        let file = folder.appendingPathComponent("draft.json")
        XCTAssertTrue(FileManager.default.createFile(atPath: file.path, contents: Data("old".utf8),
                                                     attributes: [.posixPermissions: 0o644]))
        try SecureFile.write(Data("new".utf8), to: file)
        XCTAssertEqual(try mode(of: file), 0o600)
    }

    func testWriteCreatesMissingFoldersOwnerOnly() throws {
        let nested = folder.appendingPathComponent("state/bbclerk", isDirectory: true)
        try SecureFile.write(Data("x".utf8), to: nested.appendingPathComponent("draft.json"))
        XCTAssertEqual(try mode(of: nested), 0o700)
        XCTAssertEqual(try mode(of: nested.deletingLastPathComponent()), 0o700)
    }

    func testWriteReplacesALinkInsteadOfWritingThroughIt() throws {
        let victim = folder.appendingPathComponent("victim.txt")
        try Data("untouched".utf8).write(to: victim)
        let link = folder.appendingPathComponent("draft.json")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: victim)

        try SecureFile.write(Data("draft".utf8), to: link)

        XCTAssertEqual(try Data(contentsOf: victim), Data("untouched".utf8))
        let type = try FileManager.default.attributesOfItem(atPath: link.path)[.type] as? FileAttributeType
        XCTAssertEqual(type, .typeRegular)
        XCTAssertEqual(try SecureFile.read(link), Data("draft".utf8))
    }

    func testReadRefusesLinksAndReportsMissingFiles() throws {
        let target = folder.appendingPathComponent("real.json")
        try Data("{}".utf8).write(to: target)
        let link = folder.appendingPathComponent("link.json")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: target)

        XCTAssertThrowsError(try SecureFile.read(link)) { error in
            XCTAssertEqual(error as? SecureFileError, .notRegularFile(path: link.path))
        }
        let missing = folder.appendingPathComponent("missing.json")
        XCTAssertThrowsError(try SecureFile.read(missing)) { error in
            XCTAssertEqual(error as? SecureFileError, .notFound(path: missing.path))
        }
    }

    func testReadRefusesOversizedFiles() throws {
        let file = folder.appendingPathComponent("big.json")
        try Data(repeating: 0x41, count: 100).write(to: file)
        XCTAssertThrowsError(try SecureFile.read(file, limit: 10)) { error in
            XCTAssertEqual(error as? SecureFileError, .tooLarge(path: file.path, limit: 10))
        }
    }

    func testAppendLineCreatesOwnerOnlyFileAndAppends() throws {
        let log = folder.appendingPathComponent("logs/audit.jsonl")
        try SecureFile.appendLine("one", to: log)
        try SecureFile.appendLine("two", to: log)
        XCTAssertEqual(String(decoding: try SecureFile.read(log), as: UTF8.self), "one\ntwo\n")
        XCTAssertEqual(try mode(of: log), 0o600)
    }

    func testAppendLineTightensAWiderLog() throws {
        let log = folder.appendingPathComponent("audit.jsonl")
        XCTAssertTrue(FileManager.default.createFile(atPath: log.path, contents: Data(), attributes: [.posixPermissions: 0o644]))
        try SecureFile.appendLine("one", to: log)
        XCTAssertEqual(try mode(of: log), 0o600)
    }

    func testAppendLineRefusesLineBreaksAndLinks() throws {
        let log = folder.appendingPathComponent("audit.jsonl")
        XCTAssertThrowsError(try SecureFile.appendLine("one\n{\"forged\":true}", to: log)) { error in
            XCTAssertEqual(error as? SecureFileError, .lineBreakInLine(path: log.path))
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: log.path))

        let victim = folder.appendingPathComponent("victim.txt")
        try Data().write(to: victim)
        let link = folder.appendingPathComponent("link.jsonl")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: victim)
        XCTAssertThrowsError(try SecureFile.appendLine("x", to: link))
        XCTAssertEqual(try Data(contentsOf: victim), Data())
    }

    func testRemoveIgnoresMissingFiles() throws {
        let file = folder.appendingPathComponent("draft.json")
        try SecureFile.write(Data("x".utf8), to: file)
        try SecureFile.remove(file)
        try SecureFile.remove(file)
        XCTAssertEqual(try contents(of: folder), [])
    }
}
