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
        return HTTPTestClient(session: URLSession(configuration: configuration, delegate: DeclineChallenges(), delegateQueue: nil))
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
                    // A 401 with `WWW-Authenticate` makes FoundationNetworking cancel the task
                    // (see DeclineChallenges): read that answer over a plain socket instead.
                    if (error as? URLError)?.code == .cancelled {
                        Task {
                            do { continuation.resume(returning: try RawHTTP.send(method, url, headers: headers, body: body)) }
                            catch { continuation.resume(throwing: error) }
                        }
                        return
                    }
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

/// Declines HTTP authentication challenges. On Linux, FoundationNetworking never completes a
/// request whose 401 carries `WWW-Authenticate` unless a delegate answers the challenge, and
/// every answer but a cancellation hangs or traps (bbclerk's own `HTTPSession` does the same).
final class DeclineChallenges: NSObject, URLSessionTaskDelegate, Sendable {
    func urlSession(_ session: URLSession, task: URLSessionTask, didReceive challenge: URLAuthenticationChallenge,
                    completionHandler: @escaping @Sendable (URLSession.AuthChallengeDisposition, URLCredential?) -> Void) {
        let method = challenge.protectionSpace.authenticationMethod
        let http = [NSURLAuthenticationMethodHTTPBasic, NSURLAuthenticationMethodHTTPDigest, NSURLAuthenticationMethodDefault]
        completionHandler(http.contains(method) ? .cancelAuthenticationChallenge : .performDefaultHandling, nil)
    }
}

/// HTTP/1.1 over a plain loopback socket, one request per connection: for answers
/// URLSession on Linux will not hand over (a 401 with a challenge).
enum RawHTTP {
    struct Failure: Error { var reason: String }

    static func send(_ method: String, _ url: String, headers: [String: String], body: Data?) throws -> Reply {
        guard let components = URLComponents(string: url), let host = components.host, let port = components.port else {
            throw Failure(reason: "not a loopback URL with a port: \(url)")
        }
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure(reason: "socket: \(errno)") }
        defer { close(fd) }
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        inet_pton(AF_INET, host == "localhost" ? "127.0.0.1" : host, &address.sin_addr)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw Failure(reason: "connect: \(errno)") }
        let target = components.percentEncodedPath + (components.percentEncodedQuery.map { "?" + $0 } ?? "")
        var head = "\(method) \(target.isEmpty ? "/" : target) HTTP/1.1\r\nHost: \(host):\(port)\r\nConnection: close\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        if let body { head += "Content-Length: \(body.count)\r\n" }
        let request = Data((head + "\r\n").utf8) + (body ?? Data())
        _ = request.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        var received = Data()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = read(fd, &buffer, buffer.count)
            if count <= 0 { break }
            received.append(buffer, count: count)
        }
        guard let split = received.range(of: Data("\r\n\r\n".utf8)) else { throw Failure(reason: "no answer") }
        let lines = String(decoding: received[..<split.lowerBound], as: UTF8.self).components(separatedBy: "\r\n")
        let status = Int(lines.first?.split(separator: " ").dropFirst().first ?? "") ?? 0
        var replyHeaders: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            replyHeaders[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        var replyBody = Data(received[split.upperBound...])
        if let length = replyHeaders["content-length"].flatMap(Int.init), replyBody.count > length { replyBody = replyBody.prefix(length) }
        return Reply(status: status, headers: replyHeaders, body: method == "HEAD" ? Data() : replyBody)
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
