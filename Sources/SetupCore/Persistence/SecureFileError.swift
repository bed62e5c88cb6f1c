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

/// Why a ``SecureFile`` operation failed, with a sentence a user can act on.
public enum SecureFileError: Error, Equatable, Sendable, LocalizedError {
    /// The file does not exist.
    case notFound(path: String)
    /// The path names a symbolic link, a folder or a device, which bbclerk never writes
    /// through or reads as its own file.
    case notRegularFile(path: String)
    /// The file is larger than any file bbclerk writes, so it is not one of ours.
    case tooLarge(path: String, limit: Int)
    /// A line for an append-only log held a line break, which would forge a second entry.
    case lineBreakInLine(path: String)
    /// A system call failed; `operation` names it, `code` is `errno`.
    case system(operation: String, path: String, code: Int32)

    public var errorDescription: String? {
        switch self {
        case .notFound(let path): "\(path) does not exist."
        case .notRegularFile(let path): "\(path) is not a regular file (a symbolic link, folder, FIFO or device?), so bbclerk leaves it alone."
        case .tooLarge(let path, let limit): "\(path) is larger than \(limit) bytes, more than bbclerk ever writes."
        case .lineBreakInLine(let path): "A log line for \(path) held a line break; it was not written."
        case .system(let operation, let path, let code): "Could not \(operation) \(path): \(String(cString: strerror(code)))."
        }
    }

    /// The error for the current `errno`, mapping "no such file" to ``notFound(path:)`` and
    /// `O_NOFOLLOW`'s "too many links", a FIFO without a reader (`ENXIO` for a non-blocking
    /// open for writing) and a folder opened for writing (`EISDIR`) to ``notRegularFile(path:)``.
    static func fromErrno(_ operation: String, _ path: String) -> SecureFileError {
        let code = errno
        switch code {
        case ENOENT: return .notFound(path: path)
        case ELOOP, ENXIO, EISDIR: return .notRegularFile(path: path)
        default: return .system(operation: operation, path: path, code: code)
        }
    }
}

/// What an error says to the user: a `LocalizedError`'s description, else the error itself
/// (Foundation's `localizedDescription`, which said "The operation could not be completed"
/// for other errors, is not in FoundationEssentials).
func describedError(_ error: any Error) -> String {
    (error as? LocalizedError)?.errorDescription ?? String(describing: error)
}
