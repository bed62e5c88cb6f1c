import Foundation
import XCTest

/// One run of the built `bbclerk` with a chosen environment and standard input, its output
/// kept as bytes (so an escape sequence cannot hide in a decoding), state and config in a
/// fresh folder, no credentials unless given. Killed after `timeout`.
struct CommandRun {
    var status: Int32
    var stdout: Data
    var stderr: Data
    var seconds: TimeInterval

    var out: String { String(decoding: stdout, as: UTF8.self) }
    var err: String { String(decoding: stderr, as: UTF8.self) }

    /// Where standard input comes from.
    enum Input {
        case null
        case text(String)
        case file(String)
    }

    /// The bytes that may change a terminal: ESC, BEL, and C1 controls (U+0080–U+009F, which
    /// UTF-8 writes as C2 80–C2 9F), in either stream.
    var terminalControls: [String] {
        var found: [String] = []
        for (name, data) in [("stdout", stdout), ("stderr", stderr)] {
            let bytes = [UInt8](data)
            for (i, byte) in bytes.enumerated() {
                if byte == 0x1B || byte == 0x07 || (byte == 0xC2 && i + 1 < bytes.count && (0x80...0x9F).contains(bytes[i + 1])) {
                    found.append("\(name) byte \(i): \(String(format: "%02x", byte))")
                }
            }
        }
        return found
    }

    /// Runs bbclerk; `home` holds `config/` (XDG_CONFIG_HOME) and `state/`.
    static func run(_ arguments: [String], home: URL, environment extra: [String: String] = [:], input: Input = .null,
                    timeout: TimeInterval = 60) throws -> CommandRun {
        let process = Process()
        process.executableURL = try Products.bbclerk
        process.arguments = arguments
        var environment = ["PATH": "/usr/bin:/bin", "HOME": home.path, "XDG_STATE_HOME": home.appendingPathComponent("state").path,
                           "XDG_CONFIG_HOME": home.appendingPathComponent("config").path, "NO_COLOR": "1", "LANG": "C.UTF-8"]
        environment.merge(extra) { _, new in new }
        process.environment = environment
        let id = UUID().uuidString
        let outURL = home.appendingPathComponent("stdout-\(id)"), errURL = home.appendingPathComponent("stderr-\(id)")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        process.standardOutput = out
        process.standardError = err
        let pipe = Pipe()
        switch input {
        case .null: process.standardInput = FileHandle.nullDevice
        case .text: process.standardInput = pipe
        case .file(let path):
            guard let handle = FileHandle(forReadingAtPath: path) else { throw EndToEndFailure(description: "cannot open \(path)") }
            process.standardInput = handle
        }
        let start = Date()
        try process.run()
        if case .text(let text) = input {
            pipe.fileHandleForWriting.write(Data(text.utf8))
            try pipe.fileHandleForWriting.close()
        }
        // Polled rather than waitUntilExit, which can hang on Linux (see Subprocess).
        while process.isRunning, Date().timeIntervalSince(start) < timeout { usleep(20_000) }
        if process.isRunning {
            process.terminate()
            throw EndToEndFailure(description: "bbclerk \(arguments.joined(separator: " ")) did not finish within \(timeout) s")
        }
        let seconds = Date().timeIntervalSince(start)
        try out.close()
        try err.close()
        return CommandRun(status: process.terminationStatus, stdout: try Data(contentsOf: outURL), stderr: try Data(contentsOf: errURL),
                          seconds: seconds)
    }
}
