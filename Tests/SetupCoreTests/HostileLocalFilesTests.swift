import Foundation
import Testing
@testable import SetupCore

/// Local files bbclerk takes instructions from, made hostile: writable or owned by someone
/// else, a link, a FIFO, huge, deeply nested. Each is refused quickly, naming the file, what
/// is wrong and the fix, and nothing in it is used.
@Suite struct HostileLocalFilesTests {
    /// A config folder with `config.toml` holding `text` (mode 0600 unless `mode` is given).
    private func config(_ text: String, mode: Int = 0o600) throws -> (ScratchFolder, StatePaths) {
        let home = try ScratchFolder()
        let paths = StatePaths(environment: ["XDG_CONFIG_HOME": home.url.path])
        try FileManager.default.createDirectory(at: paths.config, withIntermediateDirectories: true)
        try text.write(to: paths.configFile, atomically: true, encoding: .utf8)
        chmod(paths.configFile.path, mode_t(mode))
        return (home, paths)
    }

    private static let proxied = "[urls]\nclerk_api = \"https://clerk-proxy.internal/v1\"\n"

    @Test func aConfigOthersCanWriteIsRefusedWithTheFix() throws {
        // Group-writable alone depends on who is in the group: see the next test.
        for mode in [0o666, 0o602, 0o622] {
            let (home, paths) = try config(Self.proxied, mode: mode)
            let (loaded, problems) = BBClerkConfig.load(paths: paths)
            #expect(loaded == BBClerkConfig(), "nothing from a refused file is used")
            #expect(problems.count == 1 && problems[0].isRefusal)
            let text = problems.first?.description ?? ""
            #expect(text.contains(paths.configFile.path) && text.contains("can be changed by other users"), "\(text)")
            #expect(text.contains("chmod go-w \(paths.configFile.path)"), "\(text)")
            #expect(throws: CommandUsageError.self) { try ConfigCheck.load(environment: ["XDG_CONFIG_HOME": home.url.path]) }
        }
        let (keep, mine) = try config(Self.proxied, mode: 0o644)
        #expect(BBClerkConfig.load(paths: mine).config.clerkAPI?.absoluteString == "https://clerk-proxy.internal/v1")
        withExtendedLifetime(keep) {}
    }

    @Test func aConfigAnotherUserOwnsIsRefused() throws {
        // The tests run as root in CI, which can give the file away; as another user they
        // cannot, and the check is that chown fails rather than the refusal.
        let (home, paths) = try config(Self.proxied)
        defer { withExtendedLifetime(home) {} }
        guard chown(paths.configFile.path, 4242, 4242) == 0 else {
            #expect(geteuid() != 0, "root could not chown: \(errno)")
            return
        }
        let problems = BBClerkConfig.load(paths: paths).problems
        #expect(problems.first?.description.contains("belongs to another user (uid 4242)") == true, "\(problems)")
        #expect(BBClerkConfig.load(paths: paths).config == BBClerkConfig())
    }

    @Test func aFolderEveryoneCanChangeIsRefusedUnlessSticky() throws {
        let (home, paths) = try config(Self.proxied)
        defer { withExtendedLifetime(home) {} }
        chmod(paths.config.path, 0o777)
        let problems = BBClerkConfig.load(paths: paths).problems
        #expect(problems.first?.description.contains("the folder \(paths.config.path) can be changed by every user") == true, "\(problems)")
        #expect(problems.first?.description.contains("chmod o-w") == true)
        chmod(paths.config.path, 0o1777)
        #expect(BBClerkConfig.load(paths: paths).problems.isEmpty, "a sticky folder (like /tmp) keeps others from replacing the file")
    }

    @Test func aLinkIsFollowedAndItsTargetCheckedLikeTheFileItself() throws {
        let (home, paths) = try config(Self.proxied)
        defer { withExtendedLifetime(home) {} }
        let target = home.url.appendingPathComponent("elsewhere.toml")
        try FileManager.default.moveItem(at: paths.configFile, to: target)
        try FileManager.default.createSymbolicLink(at: paths.configFile, withDestinationURL: target)
        // A dotfile manager's link to a file of the user's own is read.
        #expect(BBClerkConfig.load(paths: paths).problems.isEmpty)
        // A link to a file others can change is refused like that file.
        chmod(target.path, 0o666)
        let (loaded, problems) = BBClerkConfig.load(paths: paths)
        #expect(loaded == BBClerkConfig())
        #expect(problems.first?.description.contains("can be changed by other users") == true, "\(problems)")
    }

    @Test func aGroupWritableFileIsRefusedUnlessItsGroupIsTheOwnersAlone() throws {
        let (home, paths) = try config(Self.proxied)
        defer { withExtendedLifetime(home) {} }
        // A group with other members (the owner root's gid 0 lists no one, but "daemon",
        // gid 1, is nobody's private group here).
        chmod(paths.configFile.path, 0o660)
        #expect(chown(paths.configFile.path, geteuid(), 1) == 0)
        #expect(BBClerkConfig.load(paths: paths).problems.first?.description.contains("chmod go-w") == true)
        // The owner's own primary group that lists nobody else (umask 002 systems).
        #expect(chown(paths.configFile.path, geteuid(), getegid()) == 0)
        let primaryIsPrivate = getgrgid(getegid()).map { $0.pointee.gr_mem.pointee == nil } ?? false
        if primaryIsPrivate { #expect(BBClerkConfig.load(paths: paths).problems.isEmpty) }
    }

    @Test func aFIFOIsRefusedWithoutWaitingForAWriter() throws {
        let (home, paths) = try config("")
        defer { withExtendedLifetime(home) {} }
        try FileManager.default.removeItem(at: paths.configFile)
        #expect(mkfifo(paths.configFile.path, 0o600) == 0)
        let start = Date()
        let problems = BBClerkConfig.load(paths: paths).problems
        #expect(Date().timeIntervalSince(start) < 1, "opening a FIFO must not wait for a writer")
        #expect(problems.first?.description.contains("is not a regular file") == true, "\(problems)")
    }

    @Test func anOversizedFileIsRefusedWithoutReadingIt() throws {
        let (home, paths) = try config("# " + String(repeating: "x", count: TrustedFile.defaultLimit) + "\n")
        defer { withExtendedLifetime(home) {} }
        let problems = BBClerkConfig.load(paths: paths).problems
        #expect(problems.first?.description.contains("is larger than 256 KiB") == true, "\(problems)")
    }

    @Test func aMissingFileIsNotNamed() {
        do {
            _ = try TrustedFile.read("/nonexistent/4Kx9secretvalue")
            Issue.record("expected an error")
        } catch {
            #expect(error == .notFound)
            #expect(!error.description.contains("4Kx9secretvalue"))
        }
    }

    // MARK: TOML nesting

    @Test func tenThousandNestedTablesFailFastWithALine() throws {
        let deep = "[" + (0..<10_000).map { "t\($0)" }.joined(separator: ".") + "]\nx = 1\n"
        // Each header one level deeper; 300 of them already exceed the 256 KiB a file may hold.
        let stairs = (1...300).map { depth in "[" + (0..<depth).map { _ in "a" }.joined(separator: ".") + "]" }.joined(separator: "\n")
        for text in [deep, stairs] {
            let start = Date()
            #expect(throws: TOMLError.self) { try TOMLParser(file: "deep.toml").parse(text) }
            let elapsed = Date().timeIntervalSince(start)
            #expect(elapsed < 0.5, "took \(elapsed) s")
            do { _ = try TOMLParser(file: "deep.toml").parse(text) } catch {
                #expect(error.line == (text == deep ? 1 : TOMLParser.maximumDepth + 1), "\(error)")
                #expect(error.problem.contains("nested deeper than \(TOMLParser.maximumDepth)"), "\(error)")
            }
        }
        // The deepest accepted header still parses.
        let ok = "[" + (0..<TOMLParser.maximumDepth).map { "t\($0)" }.joined(separator: ".") + "]\nx = 1\n"
        #expect(throws: Never.self) { try TOMLParser().parse(ok) }
    }

    @Test func tooManyKeysFailWithALine() throws {
        let text = (0..<(TOMLParser.maximumKeys + 5)).map { "k\($0) = 1" }.joined(separator: "\n")
        let start = Date()
        do {
            _ = try TOMLParser(file: "keys.toml").parse(text)
            Issue.record("expected an error")
        } catch {
            #expect(error.line == TOMLParser.maximumKeys + 1, "\(error)")
            #expect(error.problem.contains("more than \(TOMLParser.maximumKeys) keys"))
        }
        #expect(Date().timeIntervalSince(start) < 2)
    }
}
