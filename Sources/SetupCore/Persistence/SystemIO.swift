#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The C library's `read` and `write` on a descriptor, and a read to the end that keeps no
/// more than a limit: the one loop every bounded file read in bbclerk goes through
/// (``SecureFile``, ``TrustedFile``, the secret-file option).
public enum SystemIO {
    /// What ``readToEnd(_:limit:)`` found.
    public enum Outcome {
        case complete(Data)
        /// More than `limit` bytes: reading stopped there.
        case tooLarge
        /// `read` failed with this `errno`.
        case failed(Int32)
    }

    /// Reads `fd` to its end, stopping as soon as more than `limit` bytes arrived (the file
    /// can grow after a size check, so the limit holds here as well).
    public static func readToEnd(_ fd: Int32, limit: Int) -> Outcome {
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let wanted = min(buffer.count, limit + 1 - data.count)
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, wanted) }
            if count < 0 {
                if errno == EINTR { continue }
                return .failed(errno)
            }
            if count == 0 { return .complete(data) }
            data.append(contentsOf: buffer[0..<count])
            if data.count > limit { return .tooLarge }
        }
    }

    /// The C `read`, under a name that does not clash with the callers' own `read`s.
    public static func read(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
        #if canImport(Glibc)
        Glibc.read(fd, buffer, count)
        #elseif canImport(Musl)
        Musl.read(fd, buffer, count)
        #else
        Darwin.read(fd, buffer, count)
        #endif
    }

    /// Writes all of `text` to `fd` (1 for standard output, 2 for standard error), again after
    /// a signal or a short write; stops silently on an error, as `FileHandle.write` could not
    /// report one either and a message for a closed terminal has nowhere else to go.
    public static func writeAll(_ fd: Int32, _ text: String) {
        var text = text
        text.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = write(fd, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return
                }
                offset += written
            }
        }
    }

    /// The C `write`, likewise.
    public static func write(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
        #if canImport(Glibc)
        Glibc.write(fd, buffer, count)
        #elseif canImport(Musl)
        Musl.write(fd, buffer, count)
        #else
        Darwin.write(fd, buffer, count)
        #endif
    }
}
