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

/// Reads a file bbclerk takes instructions from (config.toml, a theme): only a regular file,
/// no larger than a limit, that no one but the user running bbclerk (or root) owns or can
/// write, in a folder not every user can change. OpenSSH's rule for its own config files
/// (`misc.c` `secure_permissions`): a group-writable file passes when its group holds no one
/// but the owner (Debian's user-private groups with umask 002). A symbolic link is followed
/// (dotfile managers link configs), and the file it leads to must pass the same checks; the
/// link itself sits in the checked folder, so no one else can have planted it.
///
/// Every check is made on the opened descriptors (`fstat`), so a file swapped between the
/// check and the read cannot slip through; `O_NONBLOCK` keeps a FIFO from hanging the open.
public enum TrustedFile {
    /// Far above any config or theme (a few KB): a larger file is not one.
    public static let defaultLimit = 256 * 1024

    /// The bytes of the file at `path`. With `checkOwnership` false only the kind and size
    /// are checked (for a file that names other files but carries no instructions of its own).
    public static func read(_ path: String, limit: Int = defaultLimit, checkOwnership: Bool = true) throws(TrustedFileError) -> Data {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        let name = url.lastPathComponent
        let folderFD = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard folderFD >= 0 else { throw errno == ENOENT || errno == ENOTDIR ? .notFound : .cannotRead(path: path, code: errno) }
        defer { close(folderFD) }
        let me = geteuid()
        if checkOwnership {
            var info = stat()
            guard fstat(folderFD, &info) == 0 else { throw .cannotRead(path: path, code: errno) }
            // A sticky folder such as /tmp lets nobody else rename or remove the file in it.
            if info.st_mode & 0o002 != 0, info.st_mode & mode_t(S_ISVTX) == 0 { throw .folderWritableByOthers(path: path, folder: folder) }
            if info.st_uid != me, info.st_uid != 0 { throw .folderOwnedByOther(path: path, folder: folder, owner: info.st_uid) }
        }
        let fd = openat(folderFD, name, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)
        guard fd >= 0 else {
            switch errno {
            case ENOENT: throw .notFound
            case ELOOP: throw .symbolicLink(path: path)
            default: throw .cannotRead(path: path, code: errno)
            }
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw .cannotRead(path: path, code: errno) }
        guard info.st_mode & S_IFMT == S_IFREG else { throw .notRegularFile(path: path) }
        if checkOwnership {
            if info.st_uid != me, info.st_uid != 0 { throw .ownedByOther(path: path, owner: info.st_uid) }
            if info.st_mode & 0o002 != 0 || (info.st_mode & 0o020 != 0 && !groupIsOwnerAlone(info)) {
                throw .writableByOthers(path: path, mode: info.st_mode & 0o777)
            }
        }
        guard Int(info.st_size) <= limit else { throw .tooLarge(path: path, limit: limit) }
        switch SystemIO.readToEnd(fd, limit: limit) {
        case .complete(let data): return data
        case .tooLarge: throw .tooLarge(path: path, limit: limit)
        case .failed(let code): throw .cannotRead(path: path, code: code)
        }
    }

    /// The file at `path` as UTF-8 text (see ``read(_:limit:checkOwnership:)``).
    public static func text(_ path: String, limit: Int = defaultLimit, checkOwnership: Bool = true) throws(TrustedFileError) -> String {
        let data = try read(path, limit: limit, checkOwnership: checkOwnership)
        guard let text = String(data: data, encoding: .utf8) else { throw .notText(path: path) }
        return text
    }
}

/// Whether the file's group has no member but the file's owner: it is the owner's primary
/// group and lists nobody else, or lists only the owner (OpenSSH's test).
private func groupIsOwnerAlone(_ info: stat) -> Bool {
    guard let group = getgrgid(info.st_gid), let owner = getpwuid(info.st_uid) else { return false }
    let ownerName = String(cString: owner.pointee.pw_name)
    var members: [String] = []
    if var member = group.pointee.gr_mem {
        while let name = member.pointee {
            members.append(String(cString: name))
            member += 1
        }
    }
    if members.isEmpty { return owner.pointee.pw_gid == info.st_gid }
    return members == [ownerName]
}
