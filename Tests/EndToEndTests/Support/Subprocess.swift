import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// A child process started with posix_spawn and reaped with waitpid. Foundation's
/// `Process.waitUntilExit()` on Linux can hang for good after a short-lived child has exited
/// (seen here with `tmux new-session`: a zombie client, the test stuck in the run loop), so
/// the end-to-end tests do not use it.
final class Subprocess {
    let pid: pid_t
    private(set) var status: Int32?
    /// The read end of the child's stdout, when it was captured.
    let output: FileHandle?

    /// Starts `path` with `arguments`; stdin is /dev/null; stdout is captured when
    /// `captureOutput`, else /dev/null; stderr goes to `stderrFile` (a pipe fd) or /dev/null.
    init(_ path: String, _ arguments: [String], captureOutput: Bool, stderrFD: Int32? = nil) throws {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        var outPipe: [Int32] = [-1, -1]
        if captureOutput {
            guard Self.makePipe(&outPipe) else { throw EndToEndFailure(description: "pipe failed: \(errno)") }
            posix_spawn_file_actions_adddup2(&actions, outPipe[1], 1)
        } else {
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        }
        if let stderrFD {
            posix_spawn_file_actions_adddup2(&actions, stderrFD, 2)
        } else {
            posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        }
        let argv: [UnsafeMutablePointer<CChar>?] = ([path] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let envp: [UnsafeMutablePointer<CChar>?] = ProcessInfo.processInfo.environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { envp.forEach { free($0) } }
        var child: pid_t = 0
        let rc = posix_spawn(&child, path, &actions, nil, argv, envp)
        if captureOutput { close(outPipe[1]) }
        guard rc == 0 else {
            if captureOutput { close(outPipe[0]) }
            throw EndToEndFailure(description: "could not start \(path): error \(rc)")
        }
        pid = child
        output = captureOutput ? FileHandle(fileDescriptor: outPipe[0], closeOnDealloc: true) : nil
    }

    /// Waits for the child to end (at most `timeout`); nil if it is still running then.
    @discardableResult
    func wait(timeout: TimeInterval = 30) -> Int32? {
        if let status { return status }
        let deadline = Date().addingTimeInterval(timeout)
        var raw: Int32 = 0
        while true {
            let rc = waitpid(pid, &raw, WNOHANG)
            if rc == pid {
                // WIFEXITED / WEXITSTATUS / WTERMSIG, spelled out (they are macros).
                let signal = raw & 0x7F
                status = signal == 0 ? (raw >> 8) & 0xFF : 128 + signal
                return status
            }
            if rc < 0 && errno != EINTR { status = -1; return status }
            if Date() >= deadline { return nil }
            usleep(10_000)
        }
    }

    var isRunning: Bool { status == nil && wait(timeout: 0) == nil }

    func signal(_ number: Int32) { if status == nil { kill(pid, number) } }

    /// Runs `path` to completion and returns its status, stdout and stderr.
    static func run(_ path: String, _ arguments: [String], timeout: TimeInterval = 30) throws -> (status: Int32, output: String, error: String) {
        var errPipe: [Int32] = [-1, -1]
        guard Self.makePipe(&errPipe) else { throw EndToEndFailure(description: "pipe failed: \(errno)") }
        let errRead = FileHandle(fileDescriptor: errPipe[0], closeOnDealloc: true)
        let process: Subprocess
        do {
            process = try Subprocess(path, arguments, captureOutput: true, stderrFD: errPipe[1])
        } catch {
            close(errPipe[1])
            throw error
        }
        close(errPipe[1])
        // Read both pipes to their ends without one blocking the other.
        let collected = Collected()
        let group = DispatchGroup()
        for (handle, isError) in [(process.output!, false), (errRead, true)] {
            group.enter()
            DispatchQueue.global().async {
                let data = handle.readDataToEndOfFile()
                collected.set(data, isError: isError)
                group.leave()
            }
        }
        guard group.wait(timeout: .now() + timeout) == .success, let status = process.wait(timeout: timeout) else {
            process.signal(SIGKILL)
            process.wait(timeout: 5)
            throw EndToEndFailure(description: "\(path) \(arguments.joined(separator: " ")) did not finish within \(timeout) s")
        }
        return (status, String(decoding: collected.output, as: UTF8.self), String(decoding: collected.error, as: UTF8.self))
    }

    /// A pipe whose ends are closed in children (the spawned one gets a dup2'd copy).
    private static func makePipe(_ fds: inout [Int32]) -> Bool {
        guard pipe(&fds) == 0 else { return false }
        for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        return true
    }

    private final class Collected: @unchecked Sendable {
        private let lock = NSLock()
        private var out = Data()
        private var err = Data()
        func set(_ data: Data, isError: Bool) {
            lock.lock(); defer { lock.unlock() }
            if isError { err = data } else { out = data }
        }
        var output: Data { lock.lock(); defer { lock.unlock() }; return out }
        var error: Data { lock.lock(); defer { lock.unlock() }; return err }
    }
}
