import Foundation
import SetupCore
import XCTest

/// The wizard starts, signs in and quits cleanly under the terminal types people actually
/// have (`TERM` as tmux's pane sees it from the session's environment), and in the C locale,
/// where it falls back to ASCII.
final class TerminalKindsTests: XCTestCase {
    /// A private HOME and XDG folders, so no draft from another run offers to resume.
    private func isolatedEnvironment() throws -> [String: String] {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("bbclerk-terms-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: home) }
        return [
            "HOME": home.path,
            "XDG_CONFIG_HOME": home.appendingPathComponent("config").path,
            "XDG_STATE_HOME": home.appendingPathComponent("state").path,
            "XDG_CACHE_HOME": home.appendingPathComponent("cache").path,
        ]
    }

    /// Starts `bbclerk --sandbox`, waits for the live sign-in, presses Ctrl-C then y, and
    /// checks the exit status is 130 (aborted).
    private func startSignInAndQuit(term: String, cLocale: Bool = false, file: StaticString = #filePath, line: UInt = #line) throws {
        var environment = try isolatedEnvironment()
        environment["TERM"] = term
        if cLocale {
            environment["LANG"] = "C"
            environment["LC_ALL"] = "C"
        }
        let binary = try Products.bbclerk
        // The shell that starts bbclerk reaps it and reports its exit status on the screen, then
        // exits with it: the tmux server here does not always reap its pane's process (the pane
        // reads dead with no status, or the process stays a zombie), which would make
        // `waitForExit` time out; and tmux sometimes replaces the echoed line with its own
        // "Pane is dead (status N, …)", which carries the same status.
        let session = try TmuxSession(
            command: "\(Tmux.quote(binary.path)) --sandbox; status=$?; echo \"bbclerk exited with $status\"; exit $status",
            columns: 80, rows: 24, environment: environment)
        defer { session.kill() }
        let what = "TERM=\(term)\(cLocale ? " LANG=C" : "")"

        // "Signed in as" is plain ASCII, so it reads the same with the ASCII fallback glyphs.
        let screen = try session.waitUntil(timeout: 20, "\(what): \"Signed in as\"") { $0.contains("Signed in as") }
        XCTAssertTrue(screen.contains("\(WizardStep.connect.counter)"), "\(what): the step header is drawn:\n\(screen)", file: file, line: line)
        if cLocale {
            // With a non-UTF-8 locale, UTF-8 glyphs would show as curses' meta notation (M-b…).
            XCTAssertFalse(screen.contains("M-b") || screen.contains("M-B"),
                           "\(what): only ASCII is drawn in the C locale:\n\(screen)", file: file, line: line)
            // The ASCII glyph set, not blanks where ✓ and • cannot be drawn: the token's mask
            // and the check marks stay visible.
            XCTAssertTrue(screen.contains("API token           ********"), "\(what): the mask is drawn in ASCII:\n\(screen)", file: file, line: line)
            XCTAssertTrue(screen.contains("+ Signed in as"), "\(what): the check mark is drawn in ASCII:\n\(screen)", file: file, line: line)
        }

        try session.send("C-c")
        // Ctrl-C asks first (raw mode), or ends at once if it arrived as SIGINT: both end in 130.
        let afterCtrlC = try session.waitUntil(timeout: 10, "\(what): the quit question or the exit") {
            $0.contains("Quit bbclerk?") || Self.exitStatus(on: $0) != nil
        }
        if afterCtrlC.contains("Quit bbclerk?") { try session.send("y") }
        let final = try session.waitUntil(timeout: 10, "\(what): the exit status") { Self.exitStatus(on: $0) != nil }
        XCTAssertEqual(Self.exitStatus(on: final), 130, "\(what): Ctrl-C then y exits as aborted. Screen:\n\(final)",
                       file: file, line: line)
    }

    /// The status in "bbclerk exited with N" or tmux's "Pane is dead (status N, …)".
    static func exitStatus(on screen: String) -> Int? {
        for marker in ["bbclerk exited with ", "Pane is dead (status "] {
            guard let range = screen.range(of: marker) else { continue }
            if let status = Int(screen[range.upperBound...].prefix { $0.isNumber }) { return status }
        }
        return nil
    }

    func testXterm256Color() throws {
        try startSignInAndQuit(term: "xterm-256color")
    }

    func testScreen() throws {
        try startSignInAndQuit(term: "screen")
    }

    func testVT100() throws {
        try startSignInAndQuit(term: "vt100")
    }

    func testLinuxConsole() throws {
        try startSignInAndQuit(term: "linux")
    }

    func testCLocale() throws {
        try startSignInAndQuit(term: "xterm-256color", cLocale: true)
    }

    func testCLocaleOnVT100() throws {
        try startSignInAndQuit(term: "vt100", cLocale: true)
    }
}
