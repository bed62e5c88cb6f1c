import Foundation
import SetupCore
import XCTest

/// A frame goes to the terminal in one write. Each write is a system call and a wake-up of
/// the terminal, and over SSH often a packet of its own; ncurses 6.4 had flushed after every
/// cursor movement, so the first frame went out as some 25 writes (see `CursesTerminal.init`).
/// Nor is anything written ahead of the first frame that could come with or after it.
/// Counted with strace, as the bytes leave the process.
final class FrameWriteTests: XCTestCase {
    func testTheFirstFrameAndAKeystrokesFrameAreOneWriteEach() throws {
        let strace = ["/usr/bin/strace", "/bin/strace"].first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let strace else {
            throw EndToEndFailure(description: "strace is not installed: this test needs it (apt-get install strace).")
        }
        let folder = try TestFolder()
        let log = folder.path("writes.log")
        let binary = try Products.bbclerk.path
        // Only the wizard's writes, each string whole, logged as they happen.
        let command = "cd \(Tmux.quote(folder.path("home"))) && exec "
            + [strace, "-f", "-qq", "-e", "trace=write", "-e", "signal=none", "-s", "1000000", "-o", log, binary, "--sandbox"]
                .map(Tmux.quote).joined(separator: " ")
        let wizard = try TmuxSession(command: command, environment: folder.environment, unsetting: Wizard.inherited)
        defer { wizard.kill() }
        func terminalWrites() throws -> [Substring] {
            try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n").filter { $0.contains("write(1, ") }
        }

        try wizard.waitFor("Platform API: 2 applications found")
        Thread.sleep(forTimeInterval: 0.3)  // the last check's frame is out
        let writes = try terminalWrites()
        guard let firstFrame = writes.firstIndex(where: { $0.contains("Step 1 of 9") }) else {
            return XCTFail("no write drew the first frame:\n\(writes.joined(separator: "\n"))")
        }
        XCTAssertTrue(writes[firstFrame].contains("quit"),
                      "the first frame, from its heading to its help bar, is one write:\n\(writes[firstFrame...].prefix(4).joined(separator: "\n"))")
        // Before it only curses' once-out-and-back-in (see CursesTerminal.init).
        XCTAssertLessThanOrEqual(firstFrame, 1, "writes before the first frame:\n\(writes[..<firstFrame].joined(separator: "\n"))")

        // A keystroke's frame: the focus moves back a field.
        let before = try wizard.styledScreen()
        try wizard.send("BTab")
        _ = try wizard.waitUntilStyled("the focus to move") { $0 != before }
        Thread.sleep(forTimeInterval: 0.3)
        let keystroke = try terminalWrites().dropFirst(writes.count)
        // At most two: the frame, and the cursor shown again for a text field (curs_set writes at once).
        XCTAssertTrue((1...2).contains(keystroke.count), "one keystroke's frame took \(keystroke.count) writes:\n\(keystroke.joined(separator: "\n"))")
    }
}
