import Foundation
import SetupCore
import XCTest

/// The real binary in the accessible line mode, under a pseudo-terminal (driven by a small
/// Python `pty` script: wait for each prompt, type the answer), and with a pipe for input.
final class AccessibleModeTests: XCTestCase {
    func testWholeFlowUnderAPseudoTerminalReachesDone() throws {
        // The seeded consumer's key and secret: the sandbox's seed is deterministic, so the
        // sandbox inside `bbclerk --sandbox` has the same consumer.
        let standalone = try StandaloneSandbox()
        let consumer = try XCTUnwrap(standalone.consumers.first { $0["name"] as? String == "Acme Store sign-in" })
        let key = try XCTUnwrap(consumer["key"] as? String)
        let secret = try XCTUnwrap(consumer["secret"] as? String)
        let token = standalone["bitbucket_api_token"]
        let platformKey = standalone["clerk_platform_api_key"]
        standalone.stop()

        let run = try PtyRun(arguments: ["--sandbox", "--accessible"], environment: ["TERM": "xterm-256color"], script: [
            ("Choose what to do [1]:", "\n"),
            ("Choose the application and instance [1]:", "\n"),
            ("Choose a workspace: its number, or part of its name [1]:", "acme\n"),
            ("Name [Acme Store]:", "\n"),
            ("Description [empty]:", "\n"),
            ("Callback URL [https://clerk.acme-store.com/v1/oauth_callback]:", "\n"),
            ("URL [https://acme-store.com]:", "\n"),
            ("Privacy policy URL [empty]:", "\n"),
            ("EULA URL [empty]:", "\n"),
            ("This is a private consumer? [Y/n]:", "\n"),
            ("Scope to add or remove, by number", "\n"),
            ("2) I created it, paste key and secret", ""),
            ("Choose what to do [1]:", "2\n"),
            ("Key [none]:", key + "\n"),
            ("Secret (typing is hidden) [none]:", secret + "\n"),
            ("Bitbucket accepted the key and secret", ""),
            ("Choose what to do [1]:", "\n"),
            ("+ enabled: true", ""),
            ("Apply this change to Clerk? [y/N]:", "y\n"),
        ])
        XCTAssertEqual(run.status, 0, run.transcript)
        XCTAssertTrue(run.transcript.contains("\(WizardStep.done.heading(separator: ": "))"), run.transcript)
        XCTAssertTrue(run.transcript.contains("Sign in with Bitbucket is set up."), run.transcript)
        XCTAssertTrue(run.transcript.contains("Checking with Bitbucket…"), run.transcript)
        XCTAssertFalse(run.transcript.contains("\u{1B}"), "an escape sequence in line mode:\n\(run.transcript.debugDescription)")
        for value in [secret, token, platformKey] where !value.isEmpty {
            XCTAssertFalse(run.transcript.contains(value), "a secret reached the terminal")
        }
        XCTAssertTrue(run.echoOnAtExit, "echo was left off")
    }

    func testDumbTerminalPicksTheLineModeByItself() throws {
        let run = try PtyRun(arguments: ["--sandbox"], environment: ["TERM": "dumb"], script: [
            ("Choose what to do [1]:", "quit\n"),
        ])
        XCTAssertEqual(run.status, 130, run.transcript)
        XCTAssertTrue(run.transcript.contains("\(WizardStep.connect.heading(separator: ": "))"), run.transcript)
        XCTAssertTrue(run.transcript.contains("Quit.\r\n") || run.transcript.contains("Quit.\n"), run.transcript)
        XCTAssertFalse(run.transcript.contains("kept as a draft"), "nothing was answered, so no draft is claimed")
        XCTAssertFalse(run.transcript.contains("\u{1B}"), run.transcript.debugDescription)
    }

    func testUnknownTerminalFallsBackWithANote() throws {
        let run = try PtyRun(arguments: ["--sandbox"], environment: ["TERM": "no-such-terminal-bbclerk"], script: [
            ("Choose what to do [1]:", "quit\n"),
        ])
        XCTAssertEqual(run.status, 130, run.transcript)
        XCTAssertTrue(run.transcript.contains("The full-screen wizard could not start"), run.transcript)
        XCTAssertFalse(run.transcript.contains("\u{1B}"), run.transcript.debugDescription)
    }

    func testCtrlCAtAHiddenPromptRestoresEcho() throws {
        let run = try PtyRun(arguments: ["--sandbox", "--accessible"], environment: ["TERM": "xterm-256color"], script: [
            ("Choose what to do [1]:", "2\n"),  // change the Bitbucket email or token
            ("Atlassian email [", "\n"),
            ("Atlassian API token (typing is hidden) [keep the current one]:", "\u{03}"),
        ])
        XCTAssertEqual(run.status, 130, run.transcript)
        XCTAssertTrue(run.transcript.contains("Quit (Ctrl-C)."), run.transcript)
        XCTAssertTrue(run.echoOnAtExit, "Ctrl-C at a hidden prompt left echo off")
    }

    func testInputFromAPipePicksTheLineMode() throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("bbclerk-acc-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: home) }
        let process = Process()
        process.executableURL = try Products.bbclerk
        process.arguments = ["--sandbox"]
        process.environment = ["TERM": "xterm-256color", "HOME": home.path, "XDG_STATE_HOME": home.path, "LANG": "C.UTF-8",
                               "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = output
        try process.run()
        input.fileHandleForWriting.write(Data("\n".utf8))  // Continue on Connect; then end of input
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        XCTAssertEqual(process.terminationStatus, 130, text)
        XCTAssertTrue(text.contains("\(WizardStep.clerkApplication.heading(separator: ": "))"), text)
        XCTAssertTrue(text.contains("End of input: bbclerk stops here."), text)
        XCTAssertFalse(text.contains("\u{1B}"), text.debugDescription)
    }
}

extension AccessibleModeTests {
    /// Under `LANG=C` the line mode writes ASCII, as the screens draw it: "->" for "→",
    /// "..." for "…", never bytes a C-locale terminal shows as garbage.
    func testTheLineModeWritesASCIIWithoutAUTF8Locale() throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("bbclerk-acc-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: home) }
        // Enter through Connect, the application, the workspace, the form and the scopes;
        // then the Create step's menu, and the end of input.
        let run = try CommandRun.run(["--sandbox", "--accessible"], home: home, environment: ["LANG": "C"],
                                     input: .text(String(repeating: "\n", count: 11)))
        XCTAssertEqual(run.status, 130, run.out + run.err)
        XCTAssertTrue(run.out.contains("\(WizardStep.createInBitbucket.heading(separator: ": "))"), run.out)
        XCTAssertTrue(run.out.contains("or Settings -> OAuth consumers:"), run.out)
        XCTAssertTrue(run.out.contains("Permissions: Account -> Email, Account -> Read"), run.out)
        XCTAssertTrue(run.out.contains("Checking with Bitbucket..."), run.out)
        let outside = [UInt8](run.stdout).filter { $0 > 0x7F }
        XCTAssertEqual(outside, [], "bytes outside ASCII under LANG=C:\n\(run.out)")
    }
}

/// `bbclerk` on a pseudo-terminal: a Python `pty` script waits for each expected text (in
/// order, polling, never a fixed sleep), then types the answer; afterwards it reports the
/// exit status, whether echo is on, and everything the terminal showed.
struct PtyRun {
    let status: Int
    let echoOnAtExit: Bool
    let transcript: String

    init(arguments: [String], environment: [String: String], script: [(expect: String, send: String)],
         timeout: TimeInterval = 30) throws {
        let python = ["/usr/bin/python3", "/usr/local/bin/python3", "/bin/python3"].first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let python else { throw EndToEndFailure(description: "python3 is not installed: the accessible-mode tests need it for a pty") }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bbclerk-pty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var env = ["HOME": folder.path, "XDG_STATE_HOME": folder.path, "XDG_CACHE_HOME": folder.path,
                   "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"]
        env.merge(environment) { $1 }
        let spec: [String: Any] = [
            "argv": [try Products.bbclerk.path] + arguments,
            "env": env,
            "steps": script.map { [$0.expect, $0.send] },
            "timeout": timeout,
            "transcript": folder.appendingPathComponent("transcript").path,
        ]
        let specData = try JSONSerialization.data(withJSONObject: spec)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-c", Self.driver, String(decoding: specData, as: UTF8.self)]
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let transcriptData = (try? Data(contentsOf: folder.appendingPathComponent("transcript"))) ?? Data()
        let transcript = String(decoding: transcriptData, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n")
        guard process.terminationStatus == 0,
              let result = try? JSONSerialization.jsonObject(with: outData) as? [String: Any],
              let status = result["status"] as? Int else {
            throw EndToEndFailure(description: "the pty driver failed: \(String(decoding: errData, as: UTF8.self))\nTerminal:\n\(transcript)")
        }
        self.status = status
        echoOnAtExit = result["echo"] as? Bool ?? false
        self.transcript = transcript
    }

    /// The pty driver. The parent keeps the slave open so it can read the terminal's
    /// settings after the program exits.
    static let driver = #"""
import fcntl, json, os, select, sys, termios, time
spec = json.loads(sys.argv[1])
master, slave = os.openpty()
pid = os.fork()
if pid == 0:
    os.setsid()
    fcntl.ioctl(slave, termios.TIOCSCTTY, 0)
    for fd in (0, 1, 2):
        os.dup2(slave, fd)
    os.close(master)
    if slave > 2:
        os.close(slave)
    os.execve(spec["argv"][0], spec["argv"], spec["env"])
buf = b""
status = None
def pump(wait):
    global buf, status
    ready, _, _ = select.select([master], [], [], wait)
    if ready:
        try:
            data = os.read(master, 65536)
        except OSError:
            data = b""
        buf += data
        return bool(data)
    if status is None:
        done, code = os.waitpid(pid, os.WNOHANG)
        if done:
            status = os.waitstatus_to_exitcode(code)
    return False
def finish(error):
    with open(spec["transcript"], "wb") as f:
        f.write(buf)
    if error:
        sys.stderr.write(error + "\n")
        if status is None:
            os.kill(pid, 9)
        sys.exit(3)
pos = 0
for expect, send in spec["steps"]:
    needle = expect.encode()
    deadline = time.time() + spec["timeout"]
    while buf.find(needle, pos) < 0:
        if time.time() > deadline:
            finish("timed out waiting for %r" % expect)
        if not pump(0.05) and status is not None:
            while pump(0.05):
                pass
            if buf.find(needle, pos) < 0:
                finish("the program exited (%r) before %r" % (status, expect))
    pos = buf.find(needle, pos) + len(needle)
    if send:
        os.write(master, send.encode())
deadline = time.time() + spec["timeout"]
while status is None:
    if time.time() > deadline:
        finish("the program did not exit")
    pump(0.05)
while pump(0.05):
    pass
echo = bool(termios.tcgetattr(slave)[3] & termios.ECHO)
finish(None)
print(json.dumps({"status": status, "echo": echo}))
"""#
}
