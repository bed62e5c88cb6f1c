import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import XCTest
import Sandbox

/// What a test sees of one HTTP exchange.
struct Reply {
    var status: Int
    /// Header names lowercased.
    var headers: [String: String]
    var body: Data

    var text: String { String(decoding: body, as: UTF8.self) }
    var json: [String: Any]? { (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] }
    var jsonArray: [Any]? { (try? JSONSerialization.jsonObject(with: body)) as? [Any] }
}

/// A plain URLSession client: the sandbox is tested over real loopback HTTP, as the vendors'
/// services would be.
struct HTTPTestClient {
    var session: URLSession

    /// A fresh ephemeral session, so connection reuse from one test never leaks into another.
    static func make(timeout: TimeInterval = 10) -> HTTPTestClient {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        return HTTPTestClient(session: URLSession(configuration: configuration))
    }

    func send(_ method: String = "GET", _ url: String, headers: [String: String] = [:], body: Data? = nil) async throws -> Reply {
        var request = URLRequest(url: URL(string: url)!)
        request.httpMethod = method
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        request.httpBody = body
        let session = self.session
        return try await withCheckedThrowingContinuation { continuation in
            session.dataTask(with: request) { data, response, error in
                if let error {
                    continuation.resume(throwing: error)
                    return
                }
                let http = response as! HTTPURLResponse
                var headers: [String: String] = [:]
                for (name, value) in http.allHeaderFields {
                    headers[String(describing: name).lowercased()] = String(describing: value)
                }
                continuation.resume(returning: Reply(status: http.statusCode, headers: headers, body: data ?? Data()))
            }.resume()
        }
    }

    func get(_ url: String, headers: [String: String] = [:]) async throws -> Reply {
        try await send("GET", url, headers: headers)
    }
}

/// `Authorization: Basic …` for a user and password.
func basic(_ user: String, _ password: String) -> [String: String] {
    ["Authorization": "Basic " + Data("\(user):\(password)".utf8).base64EncodedString()]
}

func bearer(_ token: String) -> [String: String] {
    ["Authorization": "Bearer \(token)"]
}

func jsonBody(_ object: Any) -> Data {
    try! JSONSerialization.data(withJSONObject: object)
}

/// The `code` of the first error in Clerk's error shape.
func clerkErrorCode(_ reply: Reply) -> String? {
    ((reply.json?["errors"] as? [[String: Any]])?.first)?["code"] as? String
}

/// Every test gets its own sandbox on a free port, so state never leaks between tests.
class SandboxTestCase: XCTestCase {
    var sandbox: RunningSandbox!
    var client = HTTPTestClient.make()
    var info: SandboxInfo { sandbox.info }

    /// Options for this class's sandbox; subclasses override to test latency and the like.
    var options: SandboxOptions { SandboxOptions() }

    override func setUp() async throws {
        sandbox = try await SandboxServer.start(options)
        client = HTTPTestClient.make()
    }

    override func tearDown() async throws {
        await sandbox?.stop()
        sandbox = nil
        client.session.invalidateAndCancel()
    }
}
