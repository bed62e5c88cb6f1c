import Foundation
import Sandbox
import XCTest
@testable import SetupCore

/// The JSON `bbclerk apply --json` and `bbclerk doctor --json` print, against the sandbox,
/// compared with files under Fixtures/golden/ after volatile fields (ports, config
/// versions, times) are normalised. `BBCLERK_RECORD_GOLDEN=1` rewrites the files and fails,
/// so a recording is never mistaken for a pass; a missing file fails too.
final class ApplyDoctorGoldenTests: XCTestCase {
    static let goldenFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures", isDirectory: true).appendingPathComponent("golden", isDirectory: true)

    /// Replaces what changes from run to run with placeholders.
    static func normalise(_ text: String) -> String {
        var result = text
        let rules: [(String, String)] = [
            (#"v1_[0-9a-f]{8}"#, "v1_<version>"),
            (#"(127\.0\.0\.1|localhost|\[::1\]):[0-9]+"#, "$1:<port>"),
            (#"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z"#, "<time>"),
        ]
        for (pattern, template) in rules {
            result = result.replacingOccurrences(of: pattern, with: template, options: .regularExpression)
        }
        return result
    }

    func assertGolden(_ name: String, _ value: JSONValue, file: StaticString = #filePath, line: UInt = #line) throws {
        let actual = Self.normalise(value.prettyText) + "\n"
        let url = Self.goldenFolder.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["BBCLERK_RECORD_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(at: Self.goldenFolder, withIntermediateDirectories: true)
            try Data(actual.utf8).write(to: url, options: .atomic)
            XCTFail("Recorded \(url.path) (BBCLERK_RECORD_GOLDEN=1): review it and run again without the variable.", file: file, line: line)
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            XCTFail("Golden file \(url.path) is missing: run with BBCLERK_RECORD_GOLDEN=1 to record it.", file: file, line: line)
            return
        }
        if expected != actual {
            let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
            let first = zip(expectedLines, actualLines).enumerated().first { $0.element.0 != $0.element.1 }
            let where_ = first.map { "line \($0.offset + 1):\n  expected: \($0.element.0)\n  actual:   \($0.element.1)" }
                ?? "lengths differ (\(expectedLines.count) vs \(actualLines.count) lines)"
            XCTFail("\(name) differs from the golden file at \(where_)\n(BBCLERK_RECORD_GOLDEN=1 rewrites it)", file: file, line: line)
        }
    }

    func testNormalisingRemovesPortsVersionsAndTimes() {
        XCTAssertEqual(Self.normalise(#"{"url":"http://127.0.0.1:54321/x","config_version":"v1_253eb9e1","time":"2026-11-29T00:08:35Z"}"#),
                       #"{"url":"http://127.0.0.1:<port>/x","config_version":"v1_<version>","time":"<time>"}"#)
    }

    func testApplyJSON() async throws {
        try await SandboxFixture.with { fixture in
            let plan = ApplyRunnerTests.plan(fixture, callbackURL: "https://clerk.acme-store.com/v1/oauth_callback")
            let result = await ApplyRunner(endpoints: fixture.endpoints, retry: .fast, timeout: 5).run(plan)
            XCTAssertEqual(result.exit, .success)
            XCTAssertFalse(result.json.prettyText.contains(plan.consumer.secret.exposed))
            try assertGolden("apply-acme-production.json", result.json)
        }
    }

    func testApplyDryRunJSON() async throws {
        try await SandboxFixture.with { fixture in
            let result = await ApplyRunner(endpoints: fixture.endpoints, retry: .fast, timeout: 5)
                .run(ApplyRunnerTests.plan(fixture, dryRun: true))
            try assertGolden("apply-acme-production-dry-run.json", result.json)
        }
    }

    func testApplyMissingScopesJSON() async throws {
        try await SandboxFixture.with { fixture in
            let result = await ApplyRunner(endpoints: fixture.endpoints, retry: .fast, timeout: 5)
                .run(ApplyRunnerTests.plan(fixture, consumer: "Acme legacy (no email)"))
            try assertGolden("apply-acme-missing-scopes.json", result.json)
        }
    }

    func testDoctorNimbusJSON() async throws {
        try await SandboxFixture.with { fixture in
            let plan = DoctorRunnerTests.plan(fixture, application: "Nimbus Notes", secret: fixture.consumer("Nimbus Notes").secret.exposed,
                                              callbackURL: "https://clerk.nimbus-notes.io/v1/oauth_callback")
            let report = await DoctorRunner(endpoints: fixture.endpoints, retry: .fast, timeout: 5).run(plan)
            XCTAssertEqual(report.exit, .success)
            try assertGolden("doctor-nimbus-production.json", report.json)
        }
    }

    func testDoctorAcmeJSON() async throws {
        try await SandboxFixture.with { fixture in
            let report = await DoctorRunner(endpoints: fixture.endpoints, retry: .fast, timeout: 5)
                .run(DoctorRunnerTests.plan(fixture, application: "Acme Store"))
            XCTAssertEqual(report.exit, .checkFailed)
            try assertGolden("doctor-acme-production.json", report.json)
        }
    }
}
