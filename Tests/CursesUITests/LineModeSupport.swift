import Foundation
import Sandbox
import TestSupport
import XCTest
@testable import CursesUI
@testable import LineMode
@testable import SetupCore

/// A sandbox for the line mode's tests: `bbclerk sandbox --port 0` as its own process, read
/// from its one JSON line. Each test starts its own, so Clerk config versions and created
/// consumers never leak between tests.
final class LineModeSandbox: @unchecked Sendable {
    private let process = Process()
    let info: SandboxInfo

    init(workspaces: Int? = nil) throws {
        process.executableURL = try Self.binary()
        process.arguments = ["sandbox", "--port", "0"] + (workspaces.map { ["--workspaces", String($0)] } ?? [])
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        var line = Data()
        let handle = out.fileHandleForReading
        while true {
            let byte = handle.readData(ofLength: 1)
            if byte.isEmpty || byte == Data([0x0A]) { break }
            line.append(byte)
        }
        do {
            info = try JSONDecoder().decode(SandboxInfo.self, from: line)
        } catch {
            process.terminate()
            throw LineModeTestFailure("bbclerk sandbox printed no usable JSON line: \(String(decoding: line, as: UTF8.self))")
        }
    }

    deinit { stop() }

    func stop() {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
    }

    var endpoints: Endpoints { Endpoints(sandbox: info) }

    /// The seeded credentials, as `bbclerk --sandbox` gives them to the wizard.
    var credentials: SessionCredentials { SessionCredentials(sandbox: info) }

    /// The seeded private consumer with everything Clerk needs.
    var goodConsumer: SandboxConsumerInfo { info.consumers.first { $0.name == "Acme Store sign-in" }! }

    func state(credentials: SessionCredentials? = nil) -> WizardState {
        WizardState(mode: .sandbox, endpoints: endpoints, credentials: credentials ?? self.credentials)
    }

    var runner: EffectRunner {
        EffectRunner(endpoints: endpoints, retry: RetryPolicy(maxAttempts: 3, baseDelay: 0.01, maxDelay: 0.05), timeout: 5)
    }

    /// The built `bbclerk`, beside this test bundle in the same build folder.
    static func binary() throws -> URL {
        let candidates = [
            Bundle.main.executableURL?.deletingLastPathComponent(),
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
            Bundle(for: LineModeSandbox.self).bundleURL.deletingLastPathComponent(),
        ].compactMap { $0 }
        for folder in candidates {
            let url = folder.appendingPathComponent("bbclerk")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        throw LineModeTestFailure("bbclerk binary not found next to the test bundle (looked in \(candidates.map(\.path))); build with --build-tests")
    }
}

struct LineModeTestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// One line-mode run against a sandbox with a scripted prompter.
struct LineModeRun {
    let outcome: WizardOutcome
    let prompter: ScriptedLinePrompter
    let state: WizardState

    var written: String { prompter.written }

    static func go(_ sandbox: LineModeSandbox, _ answers: [ScriptedLinePrompter.Answer], state: WizardState? = nil,
                   files: SessionFiles? = nil, clock: any WizardClock = SystemClock()) async -> LineModeRun {
        let prompter = ScriptedLinePrompter(answers)
        var runner = sandbox.runner
        runner.files = files
        runner.clock = clock
        let app = LineModeApp(state: state ?? sandbox.state(), runner: runner, prompter: prompter)
        let outcome = await app.run()
        return LineModeRun(outcome: outcome, prompter: prompter, state: app.currentState)
    }

    /// Fails with the transcript when the script drifted or was not used up.
    func assertScriptFollowed(file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(prompter.mismatches, [], "transcript:\n\(prompter.transcript)", file: file, line: line)
        XCTAssertEqual(prompter.remaining, 0, "answers left over; transcript:\n\(prompter.transcript)", file: file, line: line)
    }
}

/// A state folder of its own, removed afterwards.
final class LineModeStateFolder {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("bbclerk-line-\(UUID().uuidString)")
    /// The draft and the audit log kept here.
    var files: SessionFiles { SessionFiles(paths: StatePaths(environment: ["HOME": url.path, "XDG_STATE_HOME": url.path])) }
    deinit { try? FileManager.default.removeItem(at: url) }
}
