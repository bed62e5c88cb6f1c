import Foundation

/// What the shell of `Wizard.launchWrapped` leaves in the test folder (`pid`, `status`,
/// `before`, `after`), and whether the wizard it started still runs.
extension TestFolder {
    /// The trimmed contents of a file the wrapping shell writes, once it is there.
    func waitForFile(_ name: String, timeout: TimeInterval = 10) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let text = read(name)?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty { return text }
            Thread.sleep(forTimeInterval: 0.05)
        }
        throw EndToEndFailure(description: "\(name) was not written within \(timeout) s")
    }

    /// The pid of the wizard the wrapping shell started.
    func wizardPID() throws -> Int32 {
        let text = try waitForFile("pid")
        guard let pid = Int32(text) else { throw EndToEndFailure(description: "no pid in \(text)") }
        return pid
    }
}

/// Whether `pid` runs. A zombie is not running: the state in /proc says so, kill(pid, 0)
/// would not.
func isRunning(_ pid: Int32) -> Bool {
    guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
          let close = stat.lastIndex(of: ")") else { return false }
    let state = stat[stat.index(close, offsetBy: 2)]
    return state != "Z" && state != "X"
}
