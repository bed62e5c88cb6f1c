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

/// File operations for anything that describes a setup: created owner-only (files 0600,
/// folders 0700), replaced atomically, never written through a symbolic link.
///
/// Plain POSIX calls rather than `Data.write(options: .atomic)`, because Foundation creates
/// its temporary file with the umask's mode and only then tightens it, leaving a window in
/// which another local user can open it; here the file is born 0600.
public enum SecureFile {
    /// Mode of every file created here: read and write for the owner only.
    public static let fileMode: mode_t = 0o600
    /// Mode of every folder created here.
    public static let folderMode: mode_t = 0o700
    /// The largest file ``read(_:limit:)`` accepts by default; bbclerk's files are a few KB.
    public static let defaultReadLimit = 1 << 20

    /// Replaces `file` with `data` atomically: readers see the old bytes or the new ones,
    /// never a mix, and a crash leaves at worst a stray temporary file beside it. `durable`
    /// also flushes to the disk (the audit trail, caches); a draft rewritten on every
    /// keystroke skips that: the rename alone keeps it whole.
    public static func write(_ data: Data, to file: URL, durable: Bool = true) throws {
        let folder = file.deletingLastPathComponent()
        try createFolder(folder)
        let target = file.path
        let temporary = folder.appendingPathComponent(".\(file.lastPathComponent).tmp-\(UUID().uuidString)").path
        // O_EXCL: fails rather than reuse anything already at the name, link or not.
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, fileMode)
        guard fd >= 0 else { throw SecureFileError.fromErrno("create", temporary) }
        var renamed = false
        defer { if !renamed { unlink(temporary) } }
        do {
            defer { close(fd) }
            // The umask can only narrow the mode; make it exactly 0600 either way.
            guard fchmod(fd, fileMode) == 0 else { throw SecureFileError.fromErrno("set permissions on", temporary) }
            try writeAll(data, to: fd, path: temporary)
            if durable { guard fsync(fd) == 0 else { throw SecureFileError.fromErrno("flush", temporary) } }
        }
        // rename(2) replaces a link at the target rather than following it.
        guard rename(temporary, target) == 0 else { throw SecureFileError.fromErrno("replace", target) }
        renamed = true
        if durable { syncFolder(folder) }
    }

    /// How every existing file is opened: never through a symbolic link, never becoming the
    /// controlling terminal, and without blocking, so a FIFO or a device planted at the name
    /// cannot hang bbclerk in `open` (a FIFO opened for reading waits for a writer, one
    /// opened for writing for a reader). What was opened is then checked with `fstat` on the
    /// descriptor (not the name, which could change in between) and refused unless it is a
    /// regular file. Regular files ignore `O_NONBLOCK`, so reads and writes work as usual.
    static let openFlags = O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC

    /// Opens an existing (or, with `O_CREAT` in `flags`, new) file the safe way (see
    /// ``openFlags``) and returns its descriptor only if it is a regular file.
    /// - Throws: ``SecureFileError/notRegularFile(path:)`` for a link, FIFO, device, socket or
    ///   folder, ``SecureFileError/notFound(path:)``, or the system error.
    public static func openRegular(_ path: String, _ flags: Int32, mode: mode_t = fileMode) throws -> Int32 {
        let fd = open(path, flags | openFlags, mode)
        guard fd >= 0 else { throw SecureFileError.fromErrno("open", path) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            let error = SecureFileError.fromErrno("inspect", path)
            close(fd)
            throw error
        }
        guard info.st_mode & S_IFMT == S_IFREG else {
            close(fd)
            throw SecureFileError.notRegularFile(path: path)
        }
        return fd
    }

    /// The bytes of `file`, which must be a regular file (not a link, FIFO or device) no
    /// larger than `limit`.
    public static func read(_ file: URL, limit: Int = defaultReadLimit) throws -> Data {
        let path = file.path
        let fd = try openRegular(path, O_RDONLY)
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw SecureFileError.fromErrno("inspect", path) }
        guard Int(info.st_size) <= limit else { throw SecureFileError.tooLarge(path: path, limit: limit) }
        switch SystemIO.readToEnd(fd, limit: limit) {
        case .complete(let data): return data
        case .tooLarge: throw SecureFileError.tooLarge(path: path, limit: limit)
        case .failed(let code): throw SecureFileError.system(operation: "read", path: path, code: code)
        }
    }

    /// Appends `line` and a line break to `file`, creating it 0600 if needed. One `write`
    /// with `O_APPEND`, so concurrent appenders cannot interleave within a line.
    public static func appendLine(_ line: String, to file: URL) throws {
        let path = file.path
        guard !line.contains(where: \.isNewline) else { throw SecureFileError.lineBreakInLine(path: path) }
        try createFolder(file.deletingLastPathComponent())
        let fd = try openRegular(path, O_WRONLY | O_APPEND | O_CREAT)
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw SecureFileError.fromErrno("inspect", path) }
        // A log made by an older tool or a copy may be wider than 0600: tighten it.
        if info.st_mode & 0o077 != 0, fchmod(fd, fileMode) != 0 {
            throw SecureFileError.fromErrno("set permissions on", path)
        }
        try writeAll(Data((line + "\n").utf8), to: fd, path: path)
    }

    /// Removes `file`; a file that is already gone is not an error.
    public static func remove(_ file: URL) throws {
        guard unlink(file.path) == 0 || errno == ENOENT else { throw SecureFileError.fromErrno("remove", file.path) }
    }

    /// Creates `folder` and any missing parents with mode 0700. Folders that already exist
    /// keep their mode: they may be shared parents such as `~/.local`.
    public static func createFolder(_ folder: URL) throws {
        let path = folder.standardizedFileURL.path
        var info = stat()
        if stat(path, &info) == 0 {
            guard info.st_mode & S_IFMT == S_IFDIR else { throw SecureFileError.system(operation: "create the folder", path: path, code: ENOTDIR) }
            return
        }
        let parent = folder.standardizedFileURL.deletingLastPathComponent()
        if parent.path != path { try createFolder(parent) }
        if mkdir(path, folderMode) != 0 {
            // Someone else made it in between: fine, as long as it is a folder.
            guard errno == EEXIST, stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else {
                throw SecureFileError.fromErrno("create the folder", path)
            }
            return
        }
        // The umask may have narrowed the mode; make it exactly 0700.
        chmod(path, folderMode)
    }

    // MARK: Helpers

    private static func writeAll(_ data: Data, to fd: Int32, path: String) throws {
        try data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
            var offset = 0
            while offset < bytes.count {
                let written = SystemIO.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw SecureFileError.fromErrno("write", path)
                }
                offset += written
            }
        }
    }

    /// Makes the rename itself durable; best effort, since not every file system allows it.
    private static func syncFolder(_ folder: URL) {
        let fd = open(folder.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        _ = fsync(fd)
        close(fd)
    }
}
