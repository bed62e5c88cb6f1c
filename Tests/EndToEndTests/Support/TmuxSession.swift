import Foundation

/// One program running in its own tmux server (a private socket per test), at a fixed size,
/// driven with send-keys and read with capture-pane, as a person at a terminal would.
final class TmuxSession {
    let socket: String
    let name = "e2e"
    private(set) var isAlive = true

    /// Starts `command` (run by `sh -c`) in a new detached session of `columns`×`rows`.
    init(command: String, columns: Int = 80, rows: Int = 24, environment: [String: String] = [:]) throws {
        guard Tmux.path != nil else { throw EndToEndFailure(description: "tmux is not installed: the end-to-end tests need it (apt-get install tmux).") }
        socket = FileManager.default.temporaryDirectory.appendingPathComponent("bbclerk-e2e-\(UUID().uuidString.prefix(8)).sock").path
        var env = ["TERM": "xterm-256color", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"]
        env.merge(environment) { $1 }
        let exports = env.sorted { $0.key < $1.key }.map { "export \($0.key)=\(Tmux.quote($0.value));" }.joined(separator: " ")
        // remain-on-exit keeps the pane so the exit status and last screen can be read.
        try Tmux.run(["-S", socket, "-f", "/dev/null", "new-session", "-d", "-s", name, "-x", "\(columns)", "-y", "\(rows)",
                      "sh", "-c", "\(exports) \(command)"])
        try Tmux.run(["-S", socket, "set-option", "-t", name, "remain-on-exit", "on"])
        try Tmux.run(["-S", socket, "set-option", "-g", "escape-time", "0"])
    }

    deinit { kill() }

    /// Types keys: tmux key names ("Enter", "Escape", "Tab", "BTab", "Down", "C-c") or literal text with `literal`.
    func send(_ keys: String...) throws {
        try Tmux.run(["-S", socket, "send-keys", "-t", name] + keys)
    }

    func type(_ text: String) throws {
        try Tmux.run(["-S", socket, "send-keys", "-t", name, "-l", text])
    }

    /// Sends `text` as a bracketed paste, as a terminal does when the user pastes.
    func paste(_ text: String) throws {
        try Tmux.run(["-S", socket, "set-buffer", "-b", "e2e", text])
        try Tmux.run(["-S", socket, "paste-buffer", "-p", "-d", "-b", "e2e", "-t", name])
    }

    func resize(columns: Int, rows: Int) throws {
        try Tmux.run(["-S", socket, "resize-window", "-t", name, "-x", "\(columns)", "-y", "\(rows)"])
    }

    /// The visible screen as text.
    func screen() throws -> String {
        try Tmux.run(["-S", socket, "capture-pane", "-p", "-t", name])
    }

    /// The visible screen with colour and attribute escapes (to check styling).
    func styledScreen() throws -> String {
        try Tmux.run(["-S", socket, "capture-pane", "-p", "-e", "-t", name])
    }

    /// Polls until the screen contains `text` (never a fixed sleep); fails with the screen.
    @discardableResult
    func waitFor(_ text: String, timeout: TimeInterval = 15, file: StaticString = #filePath, line: UInt = #line) throws -> String {
        try waitUntil(timeout: timeout, "\"\(text)\"") { $0.contains(text) }
    }

    @discardableResult
    func waitUntil(timeout: TimeInterval = 15, _ what: String, _ predicate: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        while Date() < deadline {
            last = (try? screen()) ?? last
            if predicate(last) { return last }
            Thread.sleep(forTimeInterval: 0.05)
        }
        throw EndToEndFailure(description: "timed out after \(timeout) s waiting for \(what). Screen:\n\(last)")
    }

    /// The exit status once the program has ended, or nil while it runs.
    func exitStatus() throws -> Int? {
        let out = try Tmux.run(["-S", socket, "display-message", "-p", "-t", name, "#{pane_dead} #{pane_dead_status}"])
        let parts = out.split(separator: " ")
        guard parts.first == "1", parts.count > 1 else { return nil }
        return Int(parts[1])
    }

    func waitForExit(timeout: TimeInterval = 10) throws -> Int {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let status = try exitStatus() { return status }
            Thread.sleep(forTimeInterval: 0.05)
        }
        throw EndToEndFailure(description: "the program did not exit within \(timeout) s. Screen:\n\((try? screen()) ?? "")")
    }

    func kill() {
        guard isAlive else { return }
        isAlive = false
        _ = try? Tmux.run(["-S", socket, "kill-server"])
        try? FileManager.default.removeItem(atPath: socket)
    }
}

enum Tmux {
    static let path: String? = ["/usr/bin/tmux", "/usr/local/bin/tmux", "/bin/tmux"].first { FileManager.default.isExecutableFile(atPath: $0) }

    @discardableResult
    static func run(_ arguments: [String]) throws -> String {
        guard let path else { throw EndToEndFailure(description: "tmux is not installed") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw EndToEndFailure(description: "tmux \(arguments.joined(separator: " ")) failed: \(String(decoding: errData, as: UTF8.self))")
        }
        return String(decoding: data, as: UTF8.self)
    }

    static func quote(_ value: String) -> String { "'" + value.replacingOccurrences(of: "'", with: "'\\''") + "'" }
}
