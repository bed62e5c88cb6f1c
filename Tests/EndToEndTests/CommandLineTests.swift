import Foundation
import XCTest

/// The command line as gh users expect it: a version, the wizard's flags in the root help,
/// and a sandbox whose variables a shell can take with eval.
final class CommandLineTests: XCTestCase {
    func testVersionAndTheWizardFlagsInTheRootHelp() throws {
        let binary = try Products.bbclerk.path
        let version = try Subprocess.run(binary, ["--version"], timeout: 20)
        XCTAssertEqual(version.status, 0, version.error)
        XCTAssertTrue(version.output.hasPrefix("bbclerk "), version.output)
        let help = try Subprocess.run(binary, ["--help"], timeout: 20)
        for flag in ["--sandbox", "--theme", "--accessible", "--verbose", "--log-file"] {
            XCTAssertTrue(help.output.contains(flag), "\(flag) missing from bbclerk --help:\n\(help.output)")
        }
    }

    /// `eval "$(bbclerk sandbox --env &)"` returns (standard output is closed after the lines),
    /// exports every variable bbclerk reads, and the sandbox answers until it is killed.
    func testSandboxEnvLinesEvaluateInAShell() throws {
        let binary = try Products.bbclerk.path
        let script = """
            eval "$('\(binary)' sandbox --env &)"
            printf '%s\\n' "$BBCLERK_CLERK_API_URL" "$BITBUCKET_EMAIL" "$CLERK_PLATFORM_API_KEY"
            curl -s -o /dev/null -w '%{http_code}\\n' "$BBCLERK_CLERK_FRONTEND_URL/v1/environment"
            kill "$BBCLERK_SANDBOX_PID"
            """
        let result = try Subprocess.run("/bin/sh", ["-c", script], timeout: 30)
        XCTAssertEqual(result.status, 0, result.error)
        let lines = result.output.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, 4, result.output)
        XCTAssertTrue(lines[0].hasPrefix("http://127.0.0.1:") && lines[0].hasSuffix("/clerk-api/v1"), result.output)
        XCTAssertTrue(lines[1].contains("@"), result.output)
        XCTAssertTrue(lines[2].hasPrefix("ak_"), result.output)
        XCTAssertNotEqual(lines[3], "000", "the sandbox answered: \(result.output)")
    }

    /// A port already in use is one plain sentence that says what to do, not the socket
    /// layer's `failed(type: "Bind", errno: 98 …)`.
    func testASandboxPortInUseIsOnePlainSentence() throws {
        let binary = try Products.bbclerk.path
        let taken = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(taken) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(taken, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        XCTAssertEqual(bound, 0)
        XCTAssertEqual(listen(taken, 1), 0)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(taken, $0, &length) }
        }
        let port = UInt16(bigEndian: address.sin_port)
        let result = try Subprocess.run(binary, ["sandbox", "--port", "\(port)"], timeout: 20)
        XCTAssertNotEqual(result.status, 0)
        let message = result.error.trimmingCharacters(in: .whitespacesAndNewlines)
        XCTAssertTrue(message.contains("Port \(port) on 127.0.0.1 is already in use: choose another with --port"), message)
        XCTAssertEqual(message.split(separator: "\n").count, 1, "one line: \(message)")
        for jargon in ["errno", "Bind", "failed("] { XCTAssertFalse(message.contains(jargon), message) }
    }
}

/// q quits (asking first) where no text field is in use, as in less; in a text field it is typed.
final class QuitKeyTests: XCTestCase {
    func testQOnAListAsksToQuit() throws {
        let folder = try TestFolder()
        let wizard = try Wizard.launch(in: folder)
        defer { wizard.kill() }
        try wizard.waitFor("Signed in as")
        try wizard.send("Enter")
        try wizard.waitForStep(.clerkApplication)
        try wizard.send("q")
        try wizard.waitFor("Quit bbclerk?")
        try wizard.send("Escape")
        try wizard.waitForStep(.clerkApplication)
    }
}
