import Basics
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SetupCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a secret named on the command line by where it is, never by its value: a file path,
/// or `-` for standard input. One trailing newline (as `echo` and editors leave) is removed;
/// the core trims and checks the rest.
///
/// Every read is bounded in bytes and in time: `< /dev/zero`, a FIFO nobody writes to or a
/// pipe that never closes ends in an error, not a crash or a hang. A path that does not
/// exist is not repeated in the error, since a secret typed where the path goes would be.
enum SecretInput {
    /// Larger than any key, token or secret (Atlassian tokens are under 300 bytes): a bigger
    /// input is the wrong input.
    static let maximumBytes = 4 * 1024
    /// How long a pipe or FIFO may stay silent before bbclerk gives up on it.
    static let quietLimit: TimeInterval = 10

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// The contents of `path` (or standard input for `-`). A file that other users may read
    /// gets a warning on standard error; a terminal on standard input is refused, since
    /// bbclerk apply and doctor never prompt.
    static func read(_ path: String, option: String) throws -> String {
        let data: Data
        if path == "-" {
            guard isatty(STDIN_FILENO) == 0 else {
                throw Failure(description: "standard input is a terminal, and bbclerk does not prompt: pipe the secret in (\(option) - < file) or name a file (\(option) ~/.config/bbclerk/secret.txt).")
            }
            data = try bounded(STDIN_FILENO)
        } else {
            let expanded = StatePaths.expandingTilde(path, environment: ProcessEnvironment.current())
            // O_NONBLOCK: opening a FIFO with no writer must not wait for one. Links are
            // followed: secret mounts (Kubernetes, Docker) are links.
            let fd = open(expanded, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)
            guard fd >= 0 else {
                if errno == ENOENT || errno == ENOTDIR {
                    throw Failure(description: "the file given to \(option) does not exist (its name is not shown: it may be a secret): give the path of a file that holds only the secret, or - for standard input.")
                }
                throw Failure(description: "cannot open the file given to \(option) (\(String(cString: strerror(errno)))): give the path of a file that holds only the secret, or - for standard input.")
            }
            defer { close(fd) }
            var info = stat()
            guard fstat(fd, &info) == 0 else { throw Failure(description: "cannot inspect it (\(String(cString: strerror(errno)))).") }
            let kind = info.st_mode & S_IFMT
            // A FIFO or pipe is allowed for `<(pass show …)`; a device or folder is not.
            guard kind == S_IFREG || kind == S_IFIFO else {
                throw Failure(description: "not a regular file: give the path of a file that holds only the secret, or - for standard input.")
            }
            if kind == S_IFREG, info.st_mode & 0o077 != 0 {
                let mode = String(info.st_mode & 0o777, radix: 8)
                let shown = DisplayText.sanitize(path, limit: 200)
                SystemIO.writeAll(2, "warning: \(shown) (\(option)) can be read by other users (mode \(mode)): run chmod 600 \(shown)\n")
            }
            data = try bounded(fd)
        }
        guard var text = String(data: data, encoding: .utf8) else {
            throw Failure(description: "it is not UTF-8 text: name the file that holds only the secret.")
        }
        // "\r\n" is one Character, so this removes a CRLF whole.
        if let last = text.last, last.isNewline { text.removeLast() }
        return text
    }

    /// At most ``maximumBytes`` + 1 bytes of `fd`, up to its end; more is an error, and so is
    /// ``quietLimit`` seconds without a byte. Reads stop at the limit: nothing beyond it is
    /// taken in.
    static func bounded(_ fd: Int32) throws -> Data {
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 1024)
        while data.count <= maximumBytes {
            var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&poller, 1, Int32(quietLimit * 1000))
            if ready < 0 {
                if errno == EINTR { continue }
                throw Failure(description: "cannot read it (\(String(cString: strerror(errno)))).")
            }
            if ready == 0 {
                throw Failure(description: "nothing arrived for \(Int(quietLimit)) seconds and the input did not end: close it after the secret (as echo or a file does).")
            }
            let wanted = min(buffer.count, maximumBytes + 1 - data.count)
            let count = buffer.withUnsafeMutableBytes { SystemIO.read(fd, $0.baseAddress, wanted) }
            if count < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                throw Failure(description: "cannot read it (\(String(cString: strerror(errno)))).")
            }
            if count == 0 { return data }
            data.append(contentsOf: buffer[0..<count])
        }
        throw Failure(description: "it is larger than \(maximumBytes / 1024) KiB, which no secret is: name the file that holds only the secret.")
    }
}
