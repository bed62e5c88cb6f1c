import Foundation

/// `bbclerk sandbox --port 0` as a separate process, as a user would start it: reads its
/// one JSON line and stops it with SIGTERM.
final class StandaloneSandbox {
    let process = Process()
    let info: [String: Any]

    init(arguments: [String] = []) throws {
        process.executableURL = try Products.bbclerk
        process.arguments = ["sandbox", "--port", "0"] + arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        var line = Data()
        let handle = out.fileHandleForReading
        while true {
            let byte = handle.readData(ofLength: 1)
            if byte.isEmpty || byte == Data([0x0A]) { break }
            line.append(byte)
        }
        guard let object = try JSONSerialization.jsonObject(with: line) as? [String: Any] else {
            throw EndToEndFailure(description: "bbclerk sandbox printed no JSON line: \(String(decoding: line, as: UTF8.self))")
        }
        info = object
    }

    deinit { stop() }

    subscript(key: String) -> String { info[key] as? String ?? "" }

    var consumers: [[String: Any]] { info["consumers"] as? [[String: Any]] ?? [] }

    /// The environment that points bbclerk at this sandbox, with its seeded credentials.
    var environment: [String: String] {
        [
            "BBCLERK_BITBUCKET_API_URL": self["bitbucket_api_url"],
            "BBCLERK_BITBUCKET_WEB_URL": self["bitbucket_web_url"],
            "BBCLERK_CLERK_API_URL": self["clerk_api_url"],
            "BBCLERK_CLERK_FRONTEND_URL": self["clerk_frontend_url"],
            "BITBUCKET_EMAIL": self["bitbucket_email"],
            "BITBUCKET_API_TOKEN": self["bitbucket_api_token"],
            "CLERK_PLATFORM_API_KEY": self["clerk_platform_api_key"],
        ]
    }

    func stop() {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
    }
}
