import XCTest
@testable import SetupCore

/// Workspace names remembered across runs: a second run asks Bitbucket for nothing it
/// already knows, stale names are fetched again, and the file is the user's alone.
final class PersistenceNameStoreTests: PersistenceTestCase {
    let page = [WorkspaceSummary(slug: "acme", uuid: "{a}", isAdministrator: true),
                WorkspaceSummary(slug: "nimbus", uuid: "{n}", isAdministrator: true)]
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    func testASecondRunKnowsTheNamesTheFirstFetched() async throws {
        let file = folder.appendingPathComponent("cache/workspace-names.json")
        let first = WorkspaceNameStore(file: file)
        let empty = await first.details(for: page, now: now)
        XCTAssertEqual(empty, [:])
        await first.record([WorkspaceDetails(slug: "acme", uuid: "{a}", name: "Acme Store", isPrivate: true, htmlURL: nil)], now: now)
        XCTAssertEqual(try mode(of: file), 0o600)

        let second = WorkspaceNameStore(file: file)
        let cached = await second.details(for: page, now: now.addingTimeInterval(60))
        XCTAssertEqual(cached["acme"]?.name, "Acme Store")
        XCTAssertNil(cached["nimbus"])
        let split = await second.split(["acme", "nimbus"])
        XCTAssertEqual(split.known.map(\.slug), ["acme"])
        XCTAssertEqual(split.toFetch, ["nimbus"], "only what is not known is fetched")
    }

    func testStaleNamesAreFetchedAgain() async throws {
        let file = folder.appendingPathComponent("names.json")
        let store = WorkspaceNameStore(file: file, maxAge: 3600)
        await store.record([WorkspaceDetails(slug: "acme", uuid: "{a}", name: "Acme Store", isPrivate: true, htmlURL: nil)], now: now)
        let later = WorkspaceNameStore(file: file, maxAge: 3600)
        let cached = await later.details(for: page, now: now.addingTimeInterval(7200))
        XCTAssertEqual(cached, [:], "a two-hour-old name is past its one-hour life")
    }

    func testACorruptFileIsAnEmptyCache() async throws {
        let file = folder.appendingPathComponent("names.json")
        try SecureFile.write(Data("{not json".utf8), to: file)
        let store = WorkspaceNameStore(file: file)
        let cached = await store.details(for: page, now: now)
        XCTAssertEqual(cached, [:])
    }
}
