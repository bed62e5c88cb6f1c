import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `bbclerk sandbox --port 0` as a separate process, as a user would start it: reads its
/// one JSON line and stops it with SIGTERM.
final class StandaloneSandbox {
    let process: Subprocess
    let info: [String: Any]

    init(arguments: [String] = []) throws {
        // posix_spawn rather than Foundation's Process: see Subprocess.
        process = try Subprocess(try Products.bbclerk.path, ["sandbox", "--port", "0"] + arguments, captureOutput: true)
        var line = Data()
        let handle = process.output!
        while true {
            let byte = handle.readData(ofLength: 1)
            if byte.isEmpty || byte == Data([0x0A]) { break }
            line.append(byte)
        }
        guard let object = (try? JSONSerialization.jsonObject(with: line)) as? [String: Any] else {
            process.signal(SIGKILL)
            process.wait(timeout: 5)
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

    /// The application id of `name` as the sandbox printed it (`clerk_instances`).
    func applicationID(named name: String) -> String? {
        let instances = info["clerk_instances"] as? [[String: Any]] ?? []
        return instances.first { $0["application_name"] as? String == name }?["application_id"] as? String
    }

    /// The seeded consumer called `name`.
    func consumer(named name: String) -> [String: Any]? {
        consumers.first { $0["name"] as? String == name }
    }

    /// `GET url` with a bearer token, over real loopback HTTP: the status and the decoded JSON.
    func get(_ url: String, bearer token: String) throws -> (status: Int, json: Any?) {
        guard let address = URL(string: url) else { throw EndToEndFailure(description: "bad URL \(url)") }
        var request = URLRequest(url: address, timeoutInterval: 10)
        request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        final class Box: @unchecked Sendable { var result: Result<(Int, Data), any Error>? }
        let box = Box()
        let done = DispatchSemaphore(value: 0)
        let session = URLSession(configuration: .ephemeral)
        defer { session.invalidateAndCancel() }
        session.dataTask(with: request) { data, response, error in
            if let error {
                box.result = .failure(error)
            } else {
                box.result = .success(((response as? HTTPURLResponse)?.statusCode ?? 0, data ?? Data()))
            }
            done.signal()
        }.resume()
        guard done.wait(timeout: .now() + 15) == .success, let result = box.result else {
            throw EndToEndFailure(description: "GET \(url) did not answer within 15 s")
        }
        let (status, body) = try result.get()
        return (status, try? JSONSerialization.jsonObject(with: body))
    }

    /// Schedules `fault` for the next `count` requests under `pathPrefix`, through the
    /// sandbox's control endpoint (it serves every service on one port).
    func inject(_ fault: String, pathPrefix: String, count: Int = 1) throws {
        guard let api = URL(string: self["bitbucket_api_url"]), var root = URLComponents(url: api, resolvingAgainstBaseURL: false) else {
            throw EndToEndFailure(description: "no sandbox URL")
        }
        root.path = "/_sandbox/faults"
        root.query = nil
        var request = URLRequest(url: root.url!, timeoutInterval: 10)
        request.httpMethod = "POST"
        request.httpBody = try JSONSerialization.data(withJSONObject: ["fault": fault, "path_prefix": pathPrefix, "count": count])
        final class Box: @unchecked Sendable { var status = 0 }
        let box = Box()
        let done = DispatchSemaphore(value: 0)
        let session = URLSession(configuration: .ephemeral)
        defer { session.invalidateAndCancel() }
        session.dataTask(with: request) { _, response, _ in
            box.status = (response as? HTTPURLResponse)?.statusCode ?? 0
            done.signal()
        }.resume()
        guard done.wait(timeout: .now() + 10) == .success, box.status == 204 else {
            throw EndToEndFailure(description: "the sandbox did not take the fault \(fault) (status \(box.status))")
        }
    }

    func stop() {
        guard process.isRunning else { return }
        process.signal(SIGTERM)
        if process.wait(timeout: 10) == nil {
            process.signal(SIGKILL)
            process.wait(timeout: 5)
        }
    }
}
