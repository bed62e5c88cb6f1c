import Foundation

/// One program running in its own tmux server (a private socket per test), at a fixed size,
/// driven with send-keys and read with capture-pane, as a person at a terminal would.
final class TmuxSession {
    let socket: String
    let name = "e2e"
    private(set) var isAlive = true
    private let configFile: String

    /// Strings that must never be on the screen (secrets). Every capture is checked, so a
    /// secret that flashes up for one frame while the test polls is caught too.
    var forbidden: [String] = []
    /// Each capture that showed a forbidden string, with the string named (not the screen).
    private(set) var leaks: [String] = []

    /// Starts `command` (run by `sh -c`) in a new detached session of `columns`×`rows`.
    /// `unsetting` names variables removed from the inherited environment first (so a
    /// developer's `NO_COLOR` or real credentials cannot leak into a test).
    init(command: String, columns: Int = 80, rows: Int = 24, environment: [String: String] = [:],
         unsetting: [String] = []) throws {
        guard Tmux.path != nil else { throw EndToEndFailure(description: "tmux is not installed: the end-to-end tests need it (apt-get install tmux).") }
        let id = UUID().uuidString.prefix(8)
        let folder = FileManager.default.temporaryDirectory
        socket = folder.appendingPathComponent("bbclerk-e2e-\(id).sock").path
        configFile = folder.appendingPathComponent("bbclerk-e2e-\(id).tmux.conf").path
        // Options in a config file hold before the command starts: remain-on-exit keeps the
        // pane (so the exit status and last screen can be read) even for a program that ends
        // at once; escape-time 0 sends Esc through undelayed.
        try """
            set -s escape-time 0
            set -g remain-on-exit on
            set -g history-limit 10000
            set -g status off
            """.write(toFile: configFile, atomically: true, encoding: .utf8)
        var env = ["TERM": "xterm-256color", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"]
        env.merge(environment) { $1 }
        let unsets = unsetting.isEmpty ? "" : "unset \(unsetting.joined(separator: " ")); "
        let exports = env.sorted { $0.key < $1.key }.map { "export \($0.key)=\(Tmux.quote($0.value));" }.joined(separator: " ")
        try Tmux.run(["-S", socket, "-f", configFile, "new-session", "-d", "-s", name, "-x", "\(columns)", "-y", "\(rows)",
                      "sh", "-c", "\(unsets)\(exports) \(command)"])
        // Also set at run time, for a server started before the config file could apply.
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
        try checked(Tmux.run(["-S", socket, "capture-pane", "-p", "-t", name]))
    }

    /// The visible screen with colour and attribute escapes (to check styling).
    func styledScreen() throws -> String {
        try checked(Tmux.run(["-S", socket, "capture-pane", "-p", "-e", "-t", name]))
    }

    /// The styled screen with every row's trailing blanks kept (their colours count too).
    func styledScreenWithBlanks() throws -> String {
        try checked(Tmux.run(["-S", socket, "capture-pane", "-p", "-e", "-N", "-t", name]))
    }

    /// The visible screen with the rows the terminal wrapped joined again (a line the
    /// program wrote past the right margin reads as one line, as a selection copies it).
    func joinedScreen() throws -> String {
        try checked(Tmux.run(["-S", socket, "capture-pane", "-p", "-J", "-t", name]))
    }

    /// Copies everything the program writes to the terminal, escape sequences and all, to
    /// the file at `path` from now on (tmux's pipe-pane).
    func recordOutput(to path: String) throws {
        try Tmux.run(["-S", socket, "pipe-pane", "-O", "-t", name, "cat >> \(Tmux.quote(path))"])
    }

    /// Everything the pane holds: the scrollback history and the visible screen.
    func scrollback() throws -> String {
        try checked(Tmux.run(["-S", socket, "capture-pane", "-p", "-J", "-S", "-", "-E", "-", "-t", name]))
    }

    /// Whether the pane shows the alternate screen (a full-screen program's) rather than the main one.
    func isOnAlternateScreen() throws -> Bool {
        try Tmux.run(["-S", socket, "display-message", "-p", "-t", name, "#{alternate_on}"])
            .trimmingCharacters(in: .whitespacesAndNewlines) == "1"
    }

    /// Where the terminal's cursor is (0-based column and row).
    func cursor() throws -> (column: Int, row: Int) {
        let parts = try Tmux.run(["-S", socket, "display-message", "-p", "-t", name, "#{cursor_x} #{cursor_y}"])
            .split(whereSeparator: \.isWhitespace).compactMap { Int($0) }
        guard parts.count == 2 else { throw EndToEndFailure(description: "tmux gave no cursor position") }
        return (parts[0], parts[1])
    }

    /// Whether the terminal shows its cursor (a program hides it where no text is typed).
    func cursorShown() throws -> Bool {
        try Tmux.run(["-S", socket, "display-message", "-p", "-t", name, "#{cursor_flag}"]).trimmingCharacters(in: .whitespacesAndNewlines) == "1"
    }

    /// The pid of the pane's first process (the `sh -c` running the command, or what it exec'd).
    func panePID() throws -> Int32 {
        let out = try Tmux.run(["-S", socket, "display-message", "-p", "-t", name, "#{pane_pid}"])
        guard let pid = Int32(out.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw EndToEndFailure(description: "tmux gave no pane pid: \(out)")
        }
        return pid
    }

    /// Closes the pane, as a terminal window closed or an SSH link dropped would: the
    /// processes on it get SIGHUP and their reads end.
    func hangUp() throws {
        isAlive = false
        try Tmux.run(["-S", socket, "kill-pane", "-t", name])
        try? FileManager.default.removeItem(atPath: socket)
        try? FileManager.default.removeItem(atPath: configFile)
    }

    /// Polls until the screen contains `text` (never a fixed sleep); fails with the screen.
    @discardableResult
    func waitFor(_ text: String, timeout: TimeInterval = 15, file: StaticString = #filePath, line: UInt = #line) throws -> String {
        try waitUntil(timeout: timeout, "\"\(text)\"") { $0.contains(text) }
    }

    /// Polls until the screen no longer contains `text`.
    @discardableResult
    func waitForGone(_ text: String, timeout: TimeInterval = 15) throws -> String {
        try waitUntil(timeout: timeout, "\"\(text)\" to go") { !$0.contains(text) }
    }

    @discardableResult
    func waitUntil(timeout: TimeInterval = 15, _ what: String, _ predicate: (String) -> Bool) throws -> String {
        try poll(timeout: timeout, what, capture: screen, predicate)
    }

    /// As ``waitUntil(timeout:_:_:)``, on the screen with its styling escapes.
    @discardableResult
    func waitUntilStyled(timeout: TimeInterval = 15, _ what: String, _ predicate: (String) -> Bool) throws -> String {
        try poll(timeout: timeout, what, capture: styledScreen, predicate)
    }

    private func poll(timeout: TimeInterval, _ what: String, capture: () throws -> String, _ predicate: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        while Date() < deadline {
            last = (try? capture()) ?? last
            if predicate(last) { return last }
            Thread.sleep(forTimeInterval: 0.05)
        }
        throw EndToEndFailure(description: "timed out after \(timeout) s waiting for \(what). Screen:\n\(SGR.plain(last))")
    }

    /// The exit status once the program has ended (128+n when signal n ended it), or nil while it runs.
    func exitStatus() throws -> Int? {
        let out = try Tmux.run(["-S", socket, "display-message", "-p", "-t", name, "#{pane_dead}|#{pane_dead_status}|#{pane_dead_signal}"])
        let parts = out.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "|", omittingEmptySubsequences: false)
        guard parts.first == "1" else { return nil }
        if parts.count > 2, let signal = Int(parts[2]), signal > 0 { return 128 + signal }
        return parts.count > 1 ? Int(parts[1]) : nil
    }

    func waitForExit(timeout: TimeInterval = 10) throws -> Int {
        let deadline = Date().addingTimeInterval(timeout)
        let pid = try? panePID()
        var zombieSince: Date?
        while Date() < deadline {
            if let status = try exitStatus() { return status }
            // Seen on this VM, for bbclerk and for a plain `sh` alike: the program has exited (a
            // zombie) but the tmux server missed the SIGCHLD, so the pane never reads as dead
            // (kill -CHLD on the server makes it reap at once). The kernel still has the exit
            // status: /proc/<pid>/stat field 52.
            // (A zombie for a moment is normal: tmux reaps it on SIGCHLD; give it a second.)
            let zombieStatus = pid.flatMap(Self.zombieExitStatus)
            if zombieStatus != nil, zombieSince == nil { zombieSince = Date() }
            if let pid, let status = zombieStatus, let since = zombieSince, Date().timeIntervalSince(since) > 1 {
                print("note: pid \(pid) exited with \(status) but tmux missed the SIGCHLD; status read from /proc")
                zombieExits += 1
                return status
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        throw EndToEndFailure(description: "the program did not exit within \(timeout) s (\(processReport())). Screen:\n\((try? screen()) ?? "")")
    }

    /// How many times ``waitForExit(timeout:)`` found the program a zombie tmux was not told about.
    private(set) var zombieExits = 0

    /// The exit status of `pid` if it is a zombie, decoded as a shell would (128+n for signal n).
    static func zombieExitStatus(_ pid: Int32) -> Int? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return nil }
        // Fields after the command name: state is field 3; exit_code is field 52.
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.first == "Z", fields.count >= 50, let raw = Int(fields[49].trimmingCharacters(in: .whitespacesAndNewlines)) else { return nil }
        let signal = raw & 0x7F
        return signal == 0 ? (raw >> 8) & 0xFF : 128 + signal
    }

    /// What the pane's process is doing, for failure messages: its state and its threads' wait channels.
    func processReport() -> String {
        guard let pid = try? panePID() else { return "no pane" }
        let state = (try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8))?
            .split(separator: "\n").filter { $0.hasPrefix("State:") || $0.hasPrefix("PPid:") }.joined(separator: ", ") ?? "gone"
        let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/task")) ?? []
        let waits = tasks.compactMap { try? String(contentsOfFile: "/proc/\(pid)/task/\($0)/wchan", encoding: .utf8) }
        return "pid \(pid) \(state.replacingOccurrences(of: "\t", with: " ")), threads waiting in \(waits.sorted())"
    }

    func kill() {
        guard isAlive else { return }
        isAlive = false
        _ = try? Tmux.run(["-S", socket, "kill-server"])
        try? FileManager.default.removeItem(atPath: socket)
        try? FileManager.default.removeItem(atPath: configFile)
    }

    private func checked(_ capture: String) -> String {
        for secret in forbidden where !secret.isEmpty && capture.contains(secret) {
            leaks.append("a secret (\(secret.prefix(4))…, \(secret.count) characters) was on the screen")
        }
        return capture
    }
}

enum Tmux {
    static let path: String? = ["/usr/bin/tmux", "/usr/local/bin/tmux", "/bin/tmux"].first { FileManager.default.isExecutableFile(atPath: $0) }

    @discardableResult
    static func run(_ arguments: [String]) throws -> String {
        guard let path else { throw EndToEndFailure(description: "tmux is not installed") }
        let result = try Subprocess.run(path, arguments)
        guard result.status == 0 else {
            throw EndToEndFailure(description: "tmux \(arguments.joined(separator: " ")) failed: \(result.error)")
        }
        return result.output
    }

    static func quote(_ value: String) -> String { "'" + value.replacingOccurrences(of: "'", with: "'\\''") + "'" }
}
