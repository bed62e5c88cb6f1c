import Foundation
import Testing

/// libcurl reads `https_proxy`/`HTTPS_PROXY` from the environment by itself: checked with a
/// stand-in proxy on loopback and the real binary (`bbclerk doctor`), in a child process,
/// because changing this process's environment races every thread that reads it (a getenv
/// during a setenv crashed here).
@Suite struct HTTPHostileProxyTests {
    /// The built `bbclerk`, beside the test bundle.
    static var bbclerk: URL {
        get throws {
            let folders = [Bundle.main.executableURL?.deletingLastPathComponent(),
                           URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()].compactMap { $0 }
            for folder in folders where FileManager.default.isExecutableFile(atPath: folder.appendingPathComponent("bbclerk").path) {
                return folder.appendingPathComponent("bbclerk")
            }
            throw POSIXError(.ENOENT)
        }
    }

    /// Runs `bbclerk doctor --json` against the default (real) Clerk URL with `proxyVariable`
    /// pointing at `proxy`; returns its standard output.
    static func doctor(through proxy: HostileServer, variable: String) throws -> String {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("bbclerk-proxy-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: home) }
        let process = Process()
        process.executableURL = try bbclerk
        process.arguments = ["doctor", "--json", "--application", "app_proxytest"]
        process.environment = [
            "PATH": "/usr/bin:/bin", "HOME": home.path, "TERM": "dumb",
            "XDG_CONFIG_HOME": home.path + "/config", "XDG_STATE_HOME": home.path + "/state", "XDG_CACHE_HOME": home.path + "/cache",
            "CLERK_PLATFORM_API_KEY": "ak_proxytest_secret",
            variable: "http://127.0.0.1:\(proxy.port)",
        ]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return text
    }

    @Test(arguments: ["https_proxy", "HTTPS_PROXY"])
    func httpsGoesThroughTheProxyAsATunnelWithoutCredentials(_ variable: String) async throws {
        // The proxy refuses the tunnel: only the CONNECT line reaches it, never the request
        // head with its Authorization header.
        let proxy = try HostileServer { connection in
            connection.readHead()
            connection.write("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
        }
        defer { proxy.stop() }
        // Waiting for the child blocks a thread: never one of the cooperative pool's few
        // (two on a two-core machine), which every other test and the sandboxes need; two
        // such waits at once stalled them all into 5-second timeouts.
        let output = try await withCheckedThrowingContinuation { (done: CheckedContinuation<String, any Error>) in
            Thread.detachNewThread {
                done.resume(with: Result { try Self.doctor(through: proxy, variable: variable) })
            }
        }
        let heads = proxy.requestHeads
        #expect(!heads.isEmpty)
        #expect(heads.allSatisfy { $0.hasPrefix("CONNECT api.clerk.com:443 HTTP/1.1\r\n") }, "\(heads)")
        #expect(!heads.joined().contains("ak_proxytest_secret"))
        #expect(!output.contains("ak_proxytest_secret"))
        #expect(output.contains("\"status\""))
    }
}
