#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif

/// Why ``TrustedFile`` did not read a file: which file, what is wrong, and the fix. A file
/// that does not exist is not named, since a mistyped option may have put a secret where
/// the name goes.
public enum TrustedFileError: Error, Sendable, Equatable, CustomStringConvertible {
    case notFound
    case symbolicLink(path: String)
    case notRegularFile(path: String)
    case tooLarge(path: String, limit: Int)
    case notText(path: String)
    /// Group- or world-writable: someone else could have put instructions in it.
    case writableByOthers(path: String, mode: mode_t)
    case ownedByOther(path: String, owner: uid_t)
    case folderWritableByOthers(path: String, folder: String)
    case folderOwnedByOther(path: String, folder: String, owner: uid_t)
    case cannotRead(path: String, code: Int32)

    /// What is wrong, starting with the file, and the fix.
    public var description: String {
        switch self {
        case .notFound:
            "the file does not exist (its name is not shown: it may be a secret typed in the wrong place)"
        case .symbolicLink(let path):
            "\(path) is a symbolic link, and bbclerk reads this file only as a regular file: replace the link by a copy of its target (cp --remove-destination \"$(readlink -f \(path))\" \(path))"
        case .notRegularFile(let path):
            "\(path) is not a regular file (a pipe, device or folder?), so bbclerk does not read it: give a regular file"
        case .tooLarge(let path, let limit):
            "\(path) is larger than \(limit / 1024) KiB, far more than this file ever holds, so bbclerk does not read it"
        case .notText(let path):
            "\(path) is not UTF-8 text"
        case .writableByOthers(let path, let mode):
            "\(path) can be changed by other users (mode \(String(mode, radix: 8))), so bbclerk does not use it: run chmod go-w \(path)"
        case .ownedByOther(let path, let owner):
            "\(path) belongs to another user (uid \(owner)), so bbclerk does not use it: check its contents, then make it yours (cp \(path) \(path).mine && mv \(path).mine \(path))"
        case .folderWritableByOthers(let path, let folder):
            "the folder \(folder) can be changed by every user, so bbclerk does not use \(path): run chmod o-w \(folder) (or move the file)"
        case .folderOwnedByOther(let path, let folder, let owner):
            "the folder \(folder) belongs to another user (uid \(owner)), who could replace \(path), so bbclerk does not use it: move the file into a folder of your own"
        case .cannotRead(let path, let code):
            "cannot read \(path) (\(String(cString: strerror(code))))"
        }
    }
}
