import Foundation

/// OpenSSH's sshd on a loopback port, with host and user keys generated in the test's own
/// folder and nothing written outside it (but the privilege-separation folder sshd needs).
final class LoopbackSSHServer {
    let folder: URL
    let port: Int
    private var process: Subprocess?

    var userKey: URL { folder.appendingPathComponent("user_key") }

    init() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/sbin/sshd") else {
            throw EndToEndFailure(description: "OpenSSH's sshd is not installed: apt-get install openssh-server openssh-client")
        }
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("bbclerk-ssh-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: "/run/sshd", withIntermediateDirectories: true)
        for name in ["host_key", "user_key"] {
            try Self.run("/usr/bin/ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", folder.appendingPathComponent(name).path])
        }
        try FileManager.default.copyItem(at: folder.appendingPathComponent("user_key.pub"),
                                         to: folder.appendingPathComponent("authorized_keys"))
        port = try Self.freePort()
        let config = """
            Port \(port)
            ListenAddress 127.0.0.1
            HostKey \(folder.path)/host_key
            AuthorizedKeysFile \(folder.path)/authorized_keys
            PidFile \(folder.path)/sshd.pid
            PermitRootLogin yes
            PasswordAuthentication no
            KbdInteractiveAuthentication no
            UsePAM no
            StrictModes no
            PrintMotd no
            PrintLastLog no
            ClientAliveInterval 1
            ClientAliveCountMax 2
            """
        let configFile = folder.appendingPathComponent("sshd_config")
        try config.write(to: configFile, atomically: true, encoding: .utf8)
        // posix_spawn, not Foundation's Process: see Subprocess.
        process = try Subprocess("/usr/sbin/sshd", ["-D", "-f", configFile.path], captureOutput: false)
        try waitUntilListening()
    }

    deinit { stop() }

    /// The ssh command that runs `remote` on this server in a terminal (`-tt`), as a user would.
    func sshCommand(_ remote: String) -> String {
        let options = "-tt -p \(port) -i \(userKey.path) -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR -o ServerAliveInterval=1"
        return "ssh \(options) root@127.0.0.1 \(Tmux.quote(remote))"
    }

    func stop() {
        if let process, process.isRunning {
            process.signal(SIGTERM)
            _ = process.wait(timeout: 5)
        }
        try? FileManager.default.removeItem(at: folder)
    }

    private func waitUntilListening() throws {
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            if Self.canConnect(port) { return }
            guard process?.isRunning == true else { throw EndToEndFailure(description: "sshd exited at start") }
            Thread.sleep(forTimeInterval: 0.05)
        }
        throw EndToEndFailure(description: "sshd did not listen on 127.0.0.1:\(port) within 10 s")
    }

    static func run(_ tool: String, _ arguments: [String]) throws {
        guard try Subprocess.run(tool, arguments).status == 0 else {
            throw EndToEndFailure(description: "\(tool) \(arguments.joined(separator: " ")) failed")
        }
    }

    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound else { throw EndToEndFailure(description: "no free loopback port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    static func canConnect(_ port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
    }
}

/// Processes whose environment holds `marker`: how a test finds the bbclerk that sshd
/// started for it, without relying on command lines that many tests share.
enum ProcessFinder {
    static func pids(withEnvironment marker: String) -> [Int32] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap(Int32.init).filter { pid in
            guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/environ") else { return false }
            return data.split(separator: 0).contains { String(decoding: $0, as: UTF8.self) == marker }
        }
    }
}
