import XCTest
@testable import CursesUI
import SetupCore

/// `c` copies through OSC 52 (which reaches the user's own clipboard over SSH, and through
/// tmux or screen when wrapped for them); `o` opens a browser only where one can be seen.
final class ClipboardBrowserTests: XCTestCase {
    func testOSC52CarriesTheValueBase64Encoded() {
        XCTAssertEqual(Clipboard.sequence(for: "hi", environment: [:]), "\u{1B}]52;c;aGk=\u{07}")
    }

    /// Bare for set-clipboard on, wrapped for allow-passthrough on; and the hint names both.
    func testInsideTmuxTheSequenceIsSentBareAndWrapped() {
        let sent = Clipboard.sequence(for: "hi", environment: ["TMUX": "/tmp/tmux-0/default,1,0"])
        XCTAssertEqual(sent, "\u{1B}]52;c;aGk=\u{07}" + "\u{1B}Ptmux;\u{1B}\u{1B}]52;c;aGk=\u{07}\u{1B}\\")
        XCTAssertEqual(Clipboard.hint(environment: ["TMUX": "x"]), "If it does not arrive, tmux needs set -g set-clipboard on (or allow-passthrough on).")
        XCTAssertNil(Clipboard.hint(environment: [:]))
    }

    func testInsideScreenTheSequenceIsWrappedAsDCS() {
        let wrapped = Clipboard.sequence(for: "hi", environment: ["TERM": "screen", "STY": "1234.pts-0"])
        XCTAssertEqual(wrapped, "\u{1B}P\u{1B}]52;c;aGk=\u{07}\u{1B}\\")
    }

    /// Nothing answers an OSC 52: the status says it was sent, and in tmux what to check.
    func testTheStatusSaysSentNotCopied() {
        var state = WizardState(mode: .sandbox, endpoints: .production, credentials: SessionCredentials())
        _ = Wizard.reduce(&state, .copied(label: "the link", hint: Clipboard.hint(environment: ["TMUX": "x"])))
        XCTAssertEqual(state.status?.text, "Sent the link to your terminal's clipboard. If it does not arrive, tmux needs set -g set-clipboard on (or allow-passthrough on).")
    }

    func testNoBrowserOverSSHOrWithoutADisplay() {
        let url = URL(string: "https://bitbucket.org/workspace/create")!
        XCTAssertNotNil(Browser.unavailableReason(url, environment: ["SSH_CONNECTION": "1 2 3 4", "DISPLAY": ":0"]))
        XCTAssertNotNil(Browser.unavailableReason(url, environment: ["SSH_TTY": "/dev/pts/1", "DISPLAY": ":0"]))
        // The link itself, not a key: what copies it differs from screen to screen.
        XCTAssertEqual(Browser.unavailableReason(url, environment: [:]),
                       "No graphical display here: open https://bitbucket.org/workspace/create on your computer.")
    }

    func testTheBrowserGetsNoCredentials() {
        XCTAssertEqual(Browser.secretVariables, ["BITBUCKET_API_TOKEN", "CLERK_PLATFORM_API_KEY", "CLERK_SECRET_KEY"])
        // Open with a stand-in "browser" that records its environment.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bbclerk-browser-\(UUID().uuidString.prefix(8))")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let script = folder.appendingPathComponent("browser")
        let record = folder.appendingPathComponent("env")
        try? "#!/bin/sh\nenv > \(record.path)\n".write(to: script, atomically: true, encoding: .utf8)
        _ = chmod(script.path, 0o700)
        let environment = ["DISPLAY": ":0", "BROWSER": script.path, "BITBUCKET_API_TOKEN": "ATATT-secret-token",
                           "CLERK_PLATFORM_API_KEY": "ak_secret", "PATH": "/usr/bin:/bin"]
        XCTAssertNil(Browser.open(URL(string: "https://bitbucket.org")!, environment: environment))
        let deadline = Date().addingTimeInterval(5)
        while !FileManager.default.fileExists(atPath: record.path), Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        Thread.sleep(forTimeInterval: 0.1)
        let seen = (try? String(contentsOf: record, encoding: .utf8)) ?? ""
        XCTAssertTrue(seen.contains("DISPLAY=:0"), seen)
        XCTAssertFalse(seen.contains("ATATT-secret-token"))
        XCTAssertFalse(seen.contains("ak_secret"))
    }
}
