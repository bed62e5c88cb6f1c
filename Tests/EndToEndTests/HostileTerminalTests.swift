import Foundation
import XCTest

/// Keys, signals and files that must not end, hang or expose a session: invalid UTF-8 from the
/// keyboard, SIGUSR1/SIGUSR2, a crash (SIGSEGV, SIGABRT), FIFOs where bbclerk's files should
/// be, and another process of the same user reading bbclerk's memory.
final class HostileTerminalTests: XCTestCase {
    // MARK: Keys

    /// Bytes that are no character in UTF-8 (a lone `ff`, an overlong `c0 af`, a stray
    /// continuation byte `80`, a Latin-1 `ä` = `e4`) are dropped; they used to end the wizard
    /// with 129 as if the terminal had hung up.
    func testInvalidUTF8BytesFromTheKeyboardDoNotEndTheWizard() throws {
        let folder = try TestFolder()
        let wizard = try Wizard.launchWrapped(in: folder)
        defer { wizard.kill() }
        try wizard.waitForStep(.connect)
        try wizard.waitFor("applications found")
        let pid = try folder.wizardPID()
        for bytes in [["ff"], ["c0", "af"], ["80"], ["e4"]] {
            try wizard.send(["-H"] + bytes)
            // Still there, and still answering keys: the help opens and closes. A key that
            // arrives in the same read as a lone UTF-8 lead byte (e4) is taken by ncurses as
            // that byte's continuation and dropped with it, so the key is pressed again if the
            // first press did not open the help (known, and left: bbclerk reads through get_wch).
            var opened = false
            for _ in 1...3 where !opened {
                try wizard.send("?")
                opened = (try? wizard.waitFor("Keys: Connect", timeout: 2)) != nil
            }
            XCTAssertTrue(opened, "the help opens after the bytes \(bytes)")
            try wizard.send("Escape")
            try wizard.waitForGone("Keys: Connect", timeout: 5)
            XCTAssertTrue(isRunning(pid), "bbclerk still runs after the bytes \(bytes)")
            XCTAssertNil(folder.read("status"), "bbclerk has not exited after the bytes \(bytes)")
        }
        try wizard.send("C-c")
        try wizard.waitFor("Quit bbclerk?")
        try wizard.send("y")
        try checkRestored(wizard, folder, status: 130)
    }

    /// A Latin-1 byte inside a bracketed paste: ncurses swallows up to 144 bytes after it and
    /// answers ERR at once, which used to end the paste there and type the rest as keys (its
    /// line break pressing Enter, which moves to the next field). The paste must stay a paste.
    func testAnInvalidByteInsideAPasteDoesNotTurnTheRestIntoKeys() throws {
        let folder = try TestFolder()
        let wizard = try Wizard.launchWrapped(in: folder)
        defer { wizard.kill() }
        try wizard.walkToConsumer()
        try wizard.focus("Description")
        // The paste's start, then (while bbclerk waits for the rest of the paste) ä in Latin-1,
        // 150 letters (ncurses drops the first 143 with the ä), a line break and a marker.
        try wizard.send(["-H"] + Array("\u{1B}[200~a".utf8).map { String(format: "%02x", $0) })
        Thread.sleep(forTimeInterval: 0.3) // under the paste timeout (1 s): the same paste
        let rest: [UInt8] = [0xE4] + Array(repeating: UInt8(ascii: "y"), count: 150) + [0x0D] + Array("QQQQ\u{1B}[201~".utf8)
        try wizard.send(["-H"] + rest.map { String(format: "%02x", $0) })
        try wizard.waitFor("QQQQ", timeout: 5)
        let screen = try wizard.screen()
        XCTAssertTrue(try wizard.isFocused("Description"),
                      "the focus stayed on Description: no line break of the paste was taken as Enter:\n\(screen)")
        XCTAssertNil(folder.read("status"), "bbclerk has not exited")
    }

    // MARK: Files

    /// FIFOs where the draft, the audit log, the log and the workspace-name cache should be
    /// used to hang a blank raw screen that ignored Ctrl-C (open(2) waits for a writer). Now
    /// the wizard starts at once, says the draft was not read, and Ctrl-C still works.
    func testFIFOsInTheStateFoldersDoNotHangTheWizard() throws {
        let folder = try TestFolder()
        let state = folder.url.appendingPathComponent("state/bbclerk")
        let cache = folder.url.appendingPathComponent("cache/bbclerk")
        try FileManager.default.createDirectory(at: state, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: cache, withIntermediateDirectories: true)
        for file in [state.appendingPathComponent("draft.json"), state.appendingPathComponent("audit.log"),
                     state.appendingPathComponent("bbclerk.log"), cache.appendingPathComponent("workspace-names.json")] {
            XCTAssertEqual(mkfifo(file.path, 0o600), 0, "mkfifo \(file.path)")
        }
        let started = Date()
        let wizard = try Wizard.launchWrapped(in: folder)
        defer { wizard.kill() }
        try wizard.waitFor("saved draft could not be used", timeout: 10)
        let seconds = Date().timeIntervalSince(started)
        print("measured: the wizard showed the refused draft \(String(format: "%.2f", seconds)) s after launch")
        XCTAssertLessThan(seconds, 5, "the wizard starts without waiting on the FIFO")
        try wizard.waitForStep(.connect)
        // The FIFO was moved aside, not read, not deleted.
        let kept = try FileManager.default.contentsOfDirectory(atPath: state.path).filter { $0.hasPrefix("draft.corrupt-") }
        XCTAssertEqual(kept.count, 1, "the FIFO is kept aside: \(kept)")
        // The workspace step reads the name cache (a FIFO): it must not hang either.
        try wizard.connect()
        try wizard.chooseApplication()
        try wizard.waitForStep(.workspace)
        try wizard.waitFor("acme-store")
        try wizard.send("C-c")
        try wizard.waitFor("Quit bbclerk?")
        try wizard.send("y")
        try checkRestored(wizard, folder, status: 130)
    }

    // MARK: Signals

    /// SIGUSR1 and SIGUSR2 are caught and dropped: by default they end the process.
    func testSIGUSR1AndSIGUSR2DoNotEndTheWizard() throws {
        let folder = try TestFolder()
        let wizard = try Wizard.launchWrapped(in: folder)
        defer { wizard.kill() }
        try wizard.waitForStep(.connect)
        try wizard.waitFor("applications found")
        let pid = try folder.wizardPID()
        for number in [SIGUSR1, SIGUSR2, SIGUSR1] {
            XCTAssertEqual(kill(pid, number), 0)
            try wizard.send("?")
            try wizard.waitFor("Keys: Connect", timeout: 5)
            try wizard.send("Escape")
            try wizard.waitForGone("Keys: Connect", timeout: 5)
        }
        XCTAssertTrue(isRunning(pid), "bbclerk still runs")
        XCTAssertNil(folder.read("status"), "bbclerk has not exited")
        try wizard.send("C-c")
        try wizard.waitFor("Quit bbclerk?")
        try wizard.send("y")
        try checkRestored(wizard, folder, status: 130)
    }

    func testSIGSEGVGivesTheTerminalBackBeforeTheCrashReport() throws {
        try crash(with: SIGSEGV)
    }

    func testSIGABRTGivesTheTerminalBackBeforeTheCrashReport() throws {
        try crash(with: SIGABRT)
    }

    /// A fatal signal (as a crash or a Swift runtime trap raises) restores the terminal's
    /// modes and leaves the alternate screen before the runtime's crash report is written,
    /// then ends the process with the signal (status 128+n).
    private func crash(with number: Int32) throws {
        let folder = try TestFolder()
        let wizard = try Wizard.launchWrapped(in: folder)
        defer { wizard.kill() }
        try wizard.walkToConsumer()
        try wizard.typeDescription("half typed")
        let pid = try folder.wizardPID()
        XCTAssertEqual(kill(pid, number), 0)
        // The Swift runtime's crash reporter may ask for a key (for 30 s) on a terminal: by
        // then the screen must already be the main one.
        let screen = try wizard.waitUntil(timeout: 20, "the crash report or the shell") {
            $0.contains("Press space to interact") || $0.contains("shell: after bbclerk")
        }
        if screen.contains("Press space to interact") {
            XCTAssertFalse(try wizard.isOnAlternateScreen(), "the crash report is on the main screen:\n\(screen)")
            // In the scrollback: a report from the main thread (the wizard's) can fill more than a screen.
            let scrollback = try wizard.scrollback()
            XCTAssertTrue(scrollback.contains("shell: before bbclerk"), "the main screen is back under the report:\n\(scrollback)")
            XCTAssertFalse(screen.contains("Step "), "no trace of the wizard under the report:\n\(screen)")
            try wizard.send("q")
        }
        try checkRestored(wizard, folder, status: 128 + Int(number), allowingReport: true)
    }

    // MARK: Memory

    /// Another process of the same user cannot open `/proc/<pid>/mem` of a running bbclerk
    /// (where two copies of the token were read before). Run as `nobody` through `setpriv`, so
    /// the test means the same as root (which may read any process) and as a user; a plain
    /// process of the same user started the same way is readable, which shows the check can
    /// fail. The reader is the parent of both, so a Yama ptrace_scope of 1 allows the control.
    func testAnotherProcessOfTheSameUserCannotReadTheWizardsMemory() throws {
        let setpriv = ["/usr/bin/setpriv", "/bin/setpriv"].first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let setpriv else { throw EndToEndFailure(description: "setpriv (util-linux) is needed to run as another user") }
        let folder = try TestFolder()
        XCTAssertEqual(chmod(folder.url.path, 0o777), 0)
        for name in ["home", "config", "state", "cache"] { XCTAssertEqual(chmod(folder.path(name), 0o777), 0) }
        // A copy nobody can reach: the build folder may sit in a private (0700) clone.
        let binary = folder.path("bbclerk")
        try FileManager.default.copyItem(atPath: try Products.bbclerk.path, toPath: binary)
        XCTAssertEqual(chmod(binary, 0o755), 0)
        // `sleep | program` keeps the program waiting on its input; the script reports, for each
        // process, the owner of /proc/<pid>/mem (root once it is not dumpable: waited for, up to
        // the number of tries given) and whether it could open it. It ends its own sleeps.
        let script = """
            probe() {
              pid=$1
              for _ in $(seq $3); do
                owner=$(stat -c %u /proc/$pid/mem 2>/dev/null)
                [ "$owner" = 0 ] && break
                sleep 0.05
              done
              if (exec 3< /proc/$pid/mem) 2>/dev/null; then opened=yes; else opened=no; fi
              echo "$2 owner=$owner opened=$opened"
            }
            sleep 30 | cat & probe $! control 10
            sleep 30 | env HOME=\(folder.path("home")) XDG_STATE_HOME=\(folder.path("state")) XDG_CONFIG_HOME=\(folder.path("config")) \
              XDG_CACHE_HOME=\(folder.path("cache")) BITBUCKET_API_TOKEN=ATATT-not-a-real-token \(binary) --accessible > /dev/null 2>&1 & probe $! bbclerk 100
            pkill -P $$ sleep; wait
            """
        let result = try Subprocess.run(setpriv, ["--reuid=65534", "--regid=65534", "--clear-groups", "/bin/sh", "-c", script], timeout: 60)
        let lines = result.output.split(separator: "\n").map(String.init)
        XCTAssertTrue(lines.contains("control owner=65534 opened=yes"),
                      "a plain process of the user can be read (the check can fail): \(lines) \(result.error)")
        XCTAssertTrue(lines.contains("bbclerk owner=0 opened=no"),
                      "bbclerk's memory is closed to the user's other processes: \(lines) \(result.error)")
    }

    // MARK: Helpers

    private func checkRestored(_ wizard: TmuxSession, _ folder: TestFolder, status expected: Int, allowingReport: Bool = false,
                               file: StaticString = #filePath, line: UInt = #line) throws {
        let status = try folder.waitForFile("status", timeout: 40)
        XCTAssertEqual(status, "\(expected)", "exit status", file: file, line: line)
        _ = try folder.waitForFile("after")
        let before = folder.read("before")?.trimmingCharacters(in: .whitespacesAndNewlines)
        let after = folder.read("after")?.trimmingCharacters(in: .whitespacesAndNewlines)
        XCTAssertNotNil(before, file: file, line: line)
        XCTAssertEqual(before, after, "stty -g before and after bbclerk (cooked mode, echo back)", file: file, line: line)
        let screen = try wizard.waitFor("shell: after bbclerk")
        XCTAssertFalse(try wizard.isOnAlternateScreen(), "the alternate screen is left", file: file, line: line)
        let history = try wizard.scrollback()
        XCTAssertTrue(history.contains("shell: before bbclerk"), "the main screen is back:\n\(history)", file: file, line: line)
        XCTAssertFalse(screen.contains("Step ") || history.contains("Step "), "the wizard's screen is gone:\n\(history)", file: file, line: line)
        if !allowingReport {
            XCTAssertFalse(history.contains("crashed"), "no crash report:\n\(history)", file: file, line: line)
        }
    }

}

extension TmuxSession {
    /// `send-keys` with an argument list (for `-H` and many hex bytes).
    fileprivate func send(_ arguments: [String]) throws {
        try Tmux.run(["-S", socket, "send-keys", "-t", name] + arguments)
    }
}
