#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One accepted TCP connection, read and written with blocking calls on its own thread.
/// Reads are buffered; a read that waits longer than the idle timeout ends the connection.
final class WireConnection {
    /// The peer closed, the idle timeout passed, or the socket failed.
    struct Closed: Error {}

    let descriptor: Int32
    private var buffer: [UInt8] = []
    /// What one recv fills, kept for the connection's life rather than allocated per read.
    private var chunk = [UInt8](repeating: 0, count: 16 * 1024)

    init(descriptor: Int32, idleTimeoutSeconds: Int) {
        self.descriptor = descriptor
        var on: Int32 = 1
        // Every answer is one write; without this a second answer on a kept-alive connection
        // could still wait for the ACK of the first (Nagle's algorithm with delayed ACKs).
        _ = setsockopt(descriptor, Int32(IPPROTO_TCP), TCP_NODELAY, &on, socklen_t(MemoryLayout<Int32>.size))
        #if canImport(Darwin)
        _ = setsockopt(descriptor, SOL_SOCKET, SO_NOSIGPIPE, &on, socklen_t(MemoryLayout<Int32>.size))
        #endif
        var timeout = timeval(tv_sec: idleTimeoutSeconds, tv_usec: 0)
        _ = setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    /// The head of the next request, up to and without the empty line; nil if the peer closed
    /// the connection before sending anything.
    func readHead(limit: Int) throws -> String? {
        var searchFrom = 0
        while true {
            if let end = find([13, 10, 13, 10], from: searchFrom), end <= limit {
                let head = String(decoding: buffer[..<end], as: UTF8.self)
                buffer.removeFirst(end + 4)
                return head
            }
            guard buffer.count <= limit else { throw HTTPWire.Refusal.tooLarge(status: 431, reason: "The request head is over \(limit) bytes.") }
            searchFrom = max(0, buffer.count - 3)
            guard try fill() else {
                if buffer.isEmpty { return nil }
                throw Closed()
            }
        }
    }

    /// One CRLF-terminated line without its ending; nil at the end of the stream.
    func readLine(limit: Int) throws -> String? {
        while true {
            if let end = find([13, 10], from: 0) {
                let line = String(decoding: buffer[..<end], as: UTF8.self)
                buffer.removeFirst(end + 2)
                return line
            }
            guard buffer.count <= limit else { throw HTTPWire.Refusal.malformed("A line is over \(limit) bytes.") }
            guard try fill() else { return nil }
        }
    }

    func read(exactly count: Int) throws -> Data {
        while buffer.count < count {
            guard try fill() else { throw Closed() }
        }
        let bytes = Data(buffer[..<count])
        buffer.removeFirst(count)
        return bytes
    }

    func write(_ data: Data) throws {
        try data.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                #if canImport(Glibc)
                let sent = send(descriptor, raw.baseAddress! + offset, raw.count - offset, Int32(MSG_NOSIGNAL))
                #else
                let sent = send(descriptor, raw.baseAddress! + offset, raw.count - offset, 0)
                #endif
                if sent < 0 && errno == EINTR { continue }
                guard sent > 0 else { throw Closed() }
                offset += sent
            }
        }
    }

    /// Appends what the socket has; false at the end of the stream or on a timeout or error.
    private func fill() throws -> Bool {
        while true {
            let count = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return false }
            buffer.append(contentsOf: chunk[..<count])
            return true
        }
    }

    private func find(_ pattern: [UInt8], from start: Int) -> Int? {
        guard buffer.count >= pattern.count else { return nil }
        var index = start
        while index + pattern.count <= buffer.count {
            if buffer[index] == pattern[0] && buffer[index..<(index + pattern.count)].elementsEqual(pattern) { return index }
            index += 1
        }
        return nil
    }
}
