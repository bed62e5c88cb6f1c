import Foundation
import SetupCore
import XCTest

/// Over SSH, for real: sshd on a loopback port, the wizard run through `ssh -tt` inside
/// tmux, the link cut by killing the ssh client. The server-side bbclerk must exit with the
/// draft saved, and a new connection must resume with every answer.
final class SSHSessionTests: XCTestCase {
    func testDroppedLinkKeepsTheDraftAndReconnectingResumes() throws {
        let server = try LoopbackSSHServer()
        defer { server.stop() }
        let state = server.folder.appendingPathComponent("state")
        let marker = "BBCLERK_SSH_TEST=\(UUID().uuidString)"
        let binary = try Products.bbclerk.path
        let remote = "cd / && env \(marker) XDG_STATE_HOME=\(state.path) TERM=xterm-256color LANG=C.UTF-8 \(binary) --sandbox"

        let first = try TmuxSession(command: server.sshCommand(remote))
        defer { first.kill() }
        try first.waitFor("applications found", timeout: 30)
        try first.send("Enter")
        try first.waitFor("\(WizardStep.clerkApplication.counter)")
        try first.send("BTab")
        try first.send("Enter")
        try first.waitFor("\(WizardStep.workspace.counter)")
        try first.waitFor("Acme Store")
        try first.send("Enter")
        try first.waitFor("\(WizardStep.consumer.counter)")
        try first.send("Tab")
        try first.type("Typed over SSH")
        try first.waitFor("Typed over SSH")
        let draft = state.appendingPathComponent("bbclerk/draft.json")
        try waitUntil("the draft holds the description") {
            (try? String(contentsOf: draft, encoding: .utf8))?.contains("Typed over SSH") ?? false
        }
        XCTAssertFalse(ProcessFinder.pids(withEnvironment: marker).isEmpty, "bbclerk runs on the server")

        // Cut the link: kill the ssh client, as a dropped connection would.
        try LoopbackSSHServer.run("/usr/bin/pkill", ["-KILL", "-f", "ssh -tt -p \(server.port) "])
        try waitUntil("the server-side bbclerk exits", timeout: 15) {
            ProcessFinder.pids(withEnvironment: marker).isEmpty
        }
        let saved = try String(contentsOf: draft, encoding: .utf8)
        XCTAssertTrue(saved.contains("\"step\" : \"consumer\""), saved)
        XCTAssertTrue(saved.contains("acme-store"), saved)
        let attributes = try FileManager.default.attributesOfItem(atPath: draft.path)
        XCTAssertEqual((attributes[.posixPermissions] as? NSNumber)?.intValue, 0o600)
        first.kill()

        let second = try TmuxSession(command: server.sshCommand(remote))
        defer { second.kill() }
        try second.waitFor("Resume where you left off?", timeout: 30)
        try second.send("y")
        try second.waitFor("\(WizardStep.consumer.counter)")
        let screen = try second.waitFor("Typed over SSH")
        XCTAssertTrue(screen.contains("Acme Store"), screen)
        try second.send("C-c")
        try second.waitFor("Quit bbclerk?")
        try second.send("y")
        try waitUntil("the second bbclerk exits") { ProcessFinder.pids(withEnvironment: marker).isEmpty }
    }

    private func waitUntil(_ what: String, timeout: TimeInterval = 10, _ condition: () -> Bool) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if condition() { return }
            Thread.sleep(forTimeInterval: 0.05)
        }
        throw EndToEndFailure(description: "timed out after \(timeout) s waiting until \(what)")
    }
}
