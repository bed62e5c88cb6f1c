import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A loopback server written with raw sockets that misbehaves on purpose: each accepted
/// connection is handed to `behaviour` on a thread of its own, which reads and writes bytes
/// as it likes (a 300 MB body, one byte a second, endless headers, a reset mid-request).
///
/// It records what arrived (request heads, byte counts) so tests can check what was sent.
final class HostileServer: @unchecked Sendable {
    /// One accepted connection, as the behaviour sees it.
    final class Connection: @unchecked Sendable {
        let fd: Int32
        private let server: HostileServer

        init(fd: Int32, server: HostileServer) {
            self.fd = fd
            self.server = server
        }

        /// The request head (up to the blank line), or nil if the client closed first or
        /// nothing arrived within `timeout`. Recorded on the server.
        @discardableResult
        func readHead(timeout: TimeInterval = 5) -> String? {
            var bytes: [UInt8] = []
            let deadline = Date().addingTimeInterval(timeout)
            while Date() < deadline {
                guard let chunk = read(max: 1, timeout: deadline.timeIntervalSinceNow), !chunk.isEmpty else { return nil }
                bytes += chunk
                if bytes.count >= 4, bytes.suffix(4) == [13, 10, 13, 10] {
                    let head = String(decoding: bytes, as: UTF8.self)
                    server.record(head)
                    return head
                }
            }
            return nil
        }

        /// Reads the body the head announced with Content-Length (nil when the client
        /// stopped early), or up to `limit` bytes of it.
        @discardableResult
        func readBody(head: String, limit: Int = .max, timeout: TimeInterval = 5) -> [UInt8]? {
            let length = HostileServer.contentLength(head) ?? 0
            var body: [UInt8] = []
            let deadline = Date().addingTimeInterval(timeout)
            while body.count < min(length, limit), Date() < deadline {
                guard let chunk = read(max: min(length, limit) - body.count, timeout: deadline.timeIntervalSinceNow), !chunk.isEmpty else { return nil }
                body += chunk
            }
            server.addReceived(body.count)
            return body
        }

        /// Up to `max` bytes, nil on timeout, empty at end of stream or error.
        func read(max: Int, timeout: TimeInterval) -> [UInt8]? {
            var pollFD = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&pollFD, 1, Int32(Swift.max(0, timeout) * 1000))
            guard ready > 0 else { return nil }
            var buffer = [UInt8](repeating: 0, count: Swift.min(max, 65536))
            let count = recv(fd, &buffer, buffer.count, 0)
            return count > 0 ? Array(buffer.prefix(count)) : []
        }

        /// Writes everything, or returns false once the client is gone.
        @discardableResult
        func write(_ bytes: [UInt8]) -> Bool {
            var offset = 0
            while offset < bytes.count {
                let sent = bytes[offset...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                guard sent > 0 else { return false }
                offset += sent
                server.addSent(sent)
            }
            return true
        }

        @discardableResult
        func write(_ text: String) -> Bool { write(Array(text.utf8)) }

        /// Sends a TCP RST instead of a FIN: SO_LINGER with a zero timeout, then close.
        func reset() {
            var option = linger(l_onoff: 1, l_linger: 0)
            setsockopt(fd, SOL_SOCKET, SO_LINGER, &option, socklen_t(MemoryLayout<linger>.size))
        }

        /// Whether the client has closed its side (a read returns end of stream or fails).
        func clientClosed(within timeout: TimeInterval) -> Bool {
            let deadline = Date().addingTimeInterval(timeout)
            while Date() < deadline {
                guard let chunk = read(max: 65536, timeout: deadline.timeIntervalSinceNow) else { return false }
                if chunk.isEmpty { return true }
            }
            return false
        }
    }

    let port: Int
    private let listener: Int32
    private let behaviour: @Sendable (Connection) -> Void
    private let lock = NSLock()
    private var heads: [String] = []
    private var connectionCount = 0
    private var bytesSent = 0
    private var bytesReceived = 0
    private var stopped = false

    /// Starts listening on 127.0.0.1 at a free port.
    init(_ behaviour: @escaping @Sendable (Connection) -> Void) throws {
        self.behaviour = behaviour
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.EMFILE) }
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 16) == 0 else {
            close(fd)
            throw POSIXError(.EADDRINUSE)
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        listener = fd
        port = Int(UInt16(bigEndian: address.sin_port))
        let thread = Thread { [self] in acceptLoop() }
        thread.start()
    }

    /// `http://127.0.0.1:port` + `path`.
    func url(_ path: String = "/", scheme: String = "http") -> URL {
        URL(string: "\(scheme)://127.0.0.1:\(port)\(path)")!
    }

    var requestHeads: [String] { lock.withLock { heads } }
    var connections: Int { lock.withLock { connectionCount } }
    var sent: Int { lock.withLock { bytesSent } }
    var received: Int { lock.withLock { bytesReceived } }

    /// Stops accepting. Only the accept thread closes the listening socket, as it leaves:
    /// closing it here could let that thread's next accept() land on the same descriptor
    /// number, given meanwhile to another server, and steal its connections.
    func stop() {
        let first = lock.withLock { () -> Bool in
            defer { stopped = true }
            return !stopped
        }
        guard first else { return }
        shutdown(listener, Int32(SHUT_RDWR))
    }

    deinit { stop() }

    fileprivate func record(_ head: String) { lock.withLock { heads.append(head) } }
    fileprivate func addSent(_ count: Int) { lock.withLock { bytesSent += count } }
    fileprivate func addReceived(_ count: Int) { lock.withLock { bytesReceived += count } }

    private func acceptLoop() {
        while true {
            let fd = accept(listener, nil, nil)
            if fd < 0 {
                if errno == EINTR, !lock.withLock({ stopped }) { continue }
                close(listener)
                return
            }
            if lock.withLock({ stopped }) {
                close(fd)
                continue
            }
            lock.withLock { connectionCount += 1 }
            let connection = Connection(fd: fd, server: self)
            let behaviour = self.behaviour
            let thread = Thread {
                behaviour(connection)
                close(fd)
            }
            thread.start()
        }
    }

    static func contentLength(_ head: String) -> Int? {
        for line in head.split(separator: "\r\n") {
            let parts = line.split(separator: ":", maxSplits: 1)
            if parts.count == 2, parts[0].lowercased() == "content-length" {
                return Int(parts[1].trimmingCharacters(in: .whitespaces))
            }
        }
        return nil
    }

    /// The value of header `name` in a recorded request head, if present.
    static func header(_ name: String, in head: String) -> String? {
        for line in head.split(separator: "\r\n") {
            let parts = line.split(separator: ":", maxSplits: 1)
            if parts.count == 2, parts[0].lowercased() == name.lowercased() {
                return parts[1].trimmingCharacters(in: .whitespaces)
            }
        }
        return nil
    }
}
