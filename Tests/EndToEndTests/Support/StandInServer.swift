import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// A hostile stand-in for Bitbucket and Clerk on 127.0.0.1: it records every connection and
/// request line, and answers each request with whatever `answer` returns for its path.
/// One request per connection (`Connection: close`).
final class StandInServer: @unchecked Sendable {
    struct Answer {
        var status: Int
        var body: String
    }

    let port: UInt16
    private let listener: Int32
    private let answer: @Sendable (String) -> Answer
    private let lock = NSLock()
    private var connectionCount = 0
    private var requestLines: [String] = []
    private var stopped = false
    private let finished = DispatchSemaphore(value: 0)

    init(answer: @escaping @Sendable (_ path: String) -> Answer) throws {
        self.answer = answer
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard listener >= 0 else { throw EndToEndFailure(description: "socket failed: \(errno)") }
        var yes: Int32 = 1
        setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(listener, 16) == 0 else { close(listener); throw EndToEndFailure(description: "bind/listen failed: \(errno)") }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) }
        }
        port = UInt16(bigEndian: address.sin_port)
        self.listener = listener
        Thread.detachNewThread { [self] in serve() }
    }

    var url: String { "http://127.0.0.1:\(port)" }

    /// How many connections arrived, and their request lines (`GET /2.0/user HTTP/1.1`).
    var received: (connections: Int, requests: [String]) {
        lock.lock(); defer { lock.unlock() }
        return (connectionCount, requestLines)
    }

    func stop() {
        lock.lock(); stopped = true; lock.unlock()
        finished.wait()
        close(listener)
    }

    private var isStopped: Bool { lock.lock(); defer { lock.unlock() }; return stopped }

    private func serve() {
        defer { finished.signal() }
        while !isStopped {
            var poller = pollfd(fd: listener, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, 100) > 0 else { continue }
            let client = accept(listener, nil, nil)
            guard client >= 0 else { continue }
            lock.lock(); connectionCount += 1; lock.unlock()
            handle(client)
            close(client)
        }
    }

    private func handle(_ client: Int32) {
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 4096)
        // Headers, then as much body as Content-Length says (bbclerk's requests are small).
        while data.range(of: Data("\r\n\r\n".utf8)) == nil, data.count < 1 << 20 {
            var poller = pollfd(fd: client, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, 5000) > 0 else { return }
            let count = recv(client, &buffer, buffer.count, 0)
            guard count > 0 else { return }
            data.append(contentsOf: buffer[0..<count])
        }
        let head = String(decoding: data, as: UTF8.self)
        let requestLine = head.components(separatedBy: "\r\n").first ?? ""
        lock.lock(); requestLines.append(requestLine); lock.unlock()
        let path = requestLine.split(separator: " ").dropFirst().first.map(String.init) ?? "/"
        let reply = answer(path)
        let body = Data(reply.body.utf8)
        let response = "HTTP/1.1 \(reply.status) Stand-in\r\nContent-Type: application/json\r\nContent-Length: \(body.count)\r\nConnection: close\r\n\r\n"
        var bytes = Data(response.utf8)
        bytes.append(body)
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let sent = send(client, raw.baseAddress! + offset, raw.count - offset, Int32(MSG_NOSIGNAL))
                if sent <= 0 { return }
                offset += sent
            }
        }
    }
}
