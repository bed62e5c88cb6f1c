import Foundation

/// Reads a secret named on the command line by where it is, never by its value: a file path,
/// or `-` for standard input. One trailing newline (as `echo` and editors leave) is removed;
/// the core trims and checks the rest.
enum SecretInput {
    /// Larger than any key, token or secret: a bigger file is the wrong file.
    static let maximumBytes = 64 * 1024

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
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            let expanded = (path as NSString).expandingTildeInPath
            var info = stat()
            guard stat(expanded, &info) == 0 else {
                throw Failure(description: "cannot read it (\(String(cString: strerror(errno)))): give the path of a file that holds only the secret, or - for standard input.")
            }
            guard (info.st_mode & S_IFMT) == S_IFREG || (info.st_mode & S_IFMT) == S_IFIFO else {
                throw Failure(description: "not a regular file: give the path of a file that holds only the secret, or - for standard input.")
            }
            if (info.st_mode & S_IFMT) == S_IFREG, info.st_mode & 0o077 != 0 {
                let mode = String(info.st_mode & 0o777, radix: 8)
                FileHandle.standardError.write(Data("warning: \(path) (\(option)) can be read by other users (mode \(mode)): run chmod 600 \(path)\n".utf8))
            }
            guard let handle = FileHandle(forReadingAtPath: expanded) else {
                throw Failure(description: "cannot open it for reading: check its permissions.")
            }
            defer { try? handle.close() }
            data = handle.readData(ofLength: maximumBytes + 1)
        }
        guard data.count <= maximumBytes else {
            throw Failure(description: "it is larger than \(maximumBytes / 1024) KiB, which no secret is: name the file that holds only the secret.")
        }
        guard var text = String(data: data, encoding: .utf8) else {
            throw Failure(description: "it is not UTF-8 text: name the file that holds only the secret.")
        }
        // "\r\n" is one Character, so this removes a CRLF whole.
        if let last = text.last, last.isNewline { text.removeLast() }
        return text
    }
}
