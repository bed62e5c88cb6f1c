import Foundation
import Testing
@testable import SetupCore

/// Credentials go only where they belong: https anywhere, http only to loopback, no
/// other scheme and no password in the URL, from the environment or config.toml alike.
@Suite struct EndpointPolicyTests {
    @Test func loopbackIsAnAddressNotAName() {
        for host in ["127.0.0.1", "127.1.2.3", "localhost", "LOCALHOST", "::1", "[::1]", "0:0:0:0:0:0:0:1"] {
            #expect(Endpoints.isLoopbackHost(host), "\(host)")
        }
        for host in ["127.evil.example", "127.0.0.1.nip.io", "localhost.evil.example", "evil.localhost", "128.0.0.1",
                     "10.0.0.1", "::2", "example.com", "", "127.0.0.256", "0x7f.0.0.1"] {
            #expect(!Endpoints.isLoopbackHost(host), "\(host)")
        }
        #expect(!Endpoints.isLoopbackHost(nil))
    }

    @Test func plainHTTPOffLoopbackIsRefusedNamingTheVariableAndTheRule() {
        for url in ["http://example-capture.test/v1", "http://127.evil.example/v1", "HTTP://evil.example:8080/v1"] {
            do {
                _ = try Endpoints.fromEnvironment(["BBCLERK_CLERK_API_URL": url])
                Issue.record("\(url) accepted")
            } catch {
                #expect(error.message.hasPrefix("BBCLERK_CLERK_API_URL: "), "\(error)")
                #expect(error.message.contains("plain http is accepted only for loopback"), "\(error)")
                #expect(error.message.contains("Use https://"), "\(error)")
            }
        }
    }

    @Test func otherSchemesAndPasswordsAreRefused() {
        #expect(throws: EndpointRefusal.self) { try Endpoints.fromEnvironment(["BBCLERK_BITBUCKET_API_URL": "ftp://example.com/2.0"]) }
        #expect(throws: EndpointRefusal.self) { try Endpoints.fromEnvironment(["BBCLERK_BITBUCKET_WEB_URL": "file:///etc/passwd"]) }
        do {
            _ = try Endpoints.fromEnvironment(["BBCLERK_BITBUCKET_API_URL": "https://ada:hunter2pw@bb-proxy.internal/2.0"])
            Issue.record("userinfo accepted")
        } catch {
            #expect(error.message.contains("user name or password"), "\(error)")
            #expect(!error.message.contains("hunter2pw"), "the password is not repeated")
            #expect(error.message.contains("https://bb-proxy.internal/2.0"), "\(error)")
        }
    }

    @Test func httpsAnywhereAndHTTPToLoopbackAreAccepted() throws {
        let endpoints = try Endpoints.fromEnvironment([
            "BBCLERK_CLERK_API_URL": "http://127.0.0.1:5123/v1", "BBCLERK_BITBUCKET_API_URL": "https://bb-proxy.internal/2.0",
            "BBCLERK_BITBUCKET_WEB_URL": "http://localhost:8080", "BBCLERK_CLERK_FRONTEND_URL": "http://[::1]:9/fapi",
        ])
        #expect(endpoints.clerkAPI.absoluteString == "http://127.0.0.1:5123/v1")
        #expect(endpoints.overrideDescriptions.contains("Clerk API http://127.0.0.1:5123/v1 (from BBCLERK_CLERK_API_URL)"))
        #expect(endpoints.overrideDescriptions.count == 4)
        #expect(Endpoints.production.overrideDescriptions.isEmpty)
        // Each on its own origin here: the summary keeps one line each.
        #expect(endpoints.overrideSummary.count == 4)
    }

    /// Services overridden to one origin (`bbclerk sandbox --env`) share a line on Connect.
    @Test func servicesAtOneOriginShareALine() throws {
        let endpoints = try Endpoints.fromEnvironment([
            "BBCLERK_BITBUCKET_API_URL": "http://127.0.0.1:43967/bitbucket/2.0", "BBCLERK_BITBUCKET_WEB_URL": "http://127.0.0.1:43967/bitbucket-web",
            "BBCLERK_CLERK_API_URL": "http://127.0.0.1:43967/clerk/v1", "BBCLERK_CLERK_FRONTEND_URL": "https://clerk-proxy.internal/fapi",
        ])
        #expect(endpoints.overrideSummary == [
            "Bitbucket API, Bitbucket web and Clerk API at http://127.0.0.1:43967 (from BBCLERK_…_URL)",
            "Clerk Frontend API https://clerk-proxy.internal/fapi (from BBCLERK_CLERK_FRONTEND_URL)",
        ])
    }

    @Test func configURLsFollowTheSameRuleAndStopTheCommands() throws {
        let (config, problems) = BBClerkConfig.parse("[urls]\nclerk_api = \"http://127.evil.example/v1\"\nbitbucket_api = \"https://u:p@bb.example/2.0\"\n", file: "c.toml")
        #expect(config.clerkAPI == nil && config.bitbucketAPI == nil, "refused values are not used")
        #expect(problems.count == 2 && problems.allSatisfy(\.isRefusal))
        #expect(problems.first { $0.key == "urls.clerk_api" }?.description.hasPrefix("c.toml:2: urls.clerk_api: http://127.evil.example/v1 is refused: plain http is accepted only for loopback") == true, "\(problems)")

        let home = try ScratchFolder()
        let paths = StatePaths(environment: ["XDG_CONFIG_HOME": home.url.path])
        try FileManager.default.createDirectory(at: paths.config, withIntermediateDirectories: true)
        try "[urls]\nclerk_api = \"http://evil.example/v1\"\n".write(to: paths.configFile, atomically: true, encoding: .utf8)
        chmod(paths.configFile.path, 0o600)
        do {
            _ = try ConfigCheck.endpoints(environment: ["XDG_CONFIG_HOME": home.url.path])
            Issue.record("refused config URL accepted")
        } catch {
            #expect(error.message.contains("urls.clerk_api") && error.message.contains("loopback"), "\(error)")
        }
        // An environment override is checked too, and named as the source on Connect.
        try "[urls]\nclerk_api = \"https://clerk-proxy.internal/v1\"\n".write(to: paths.configFile, atomically: true, encoding: .utf8)
        chmod(paths.configFile.path, 0o600)
        let fine = try ConfigCheck.endpoints(environment: ["XDG_CONFIG_HOME": home.url.path])
        #expect(fine.overrideDescriptions == ["Clerk API https://clerk-proxy.internal/v1 (from urls.clerk_api in \(paths.configFile.path))"])
        #expect(throws: CommandUsageError.self) {
            try ConfigCheck.endpoints(environment: ["XDG_CONFIG_HOME": home.url.path, "BBCLERK_BITBUCKET_API_URL": "http://evil.example"])
        }
        // The non-throwing form never lets a refused override through.
        let safe = BBClerkConfig().endpoints(environment: ["BBCLERK_CLERK_API_URL": "http://evil.example/v1"])
        #expect(safe.clerkAPI == Endpoints.production.clerkAPI)
    }

    // MARK: Output boundary

    @Test func terminalLinesKeepLineBreaksAndDropEveryEscape() {
        let hostile = "granted: \u{1B}]0;PWNED\u{07}read\n\u{1B}]52;c;ZXZpbA==\u{1B}\\fix: \u{9B}2Jrun\r\u{1B}[31mred\u{202E}x"
        let clean = DisplayText.terminalLines(hostile)
        #expect(clean == "granted: read\nfix: run redx")
        #expect(!clean.unicodeScalars.contains { $0.value == 0x1B || (0x80...0x9F).contains($0.value) || $0.value == 0x07 })
    }

    @Test func jsonEscapesEscapeAndC1() {
        let text = JSONValue.object(["error": .string("a\u{1B}]0;x\u{07}b\u{9B}c")]).prettyText
        #expect(!text.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x9B || $0.value == 0x07 })
        #expect(text.contains("\\u001b") && text.contains("\\u009b"))
    }
}
