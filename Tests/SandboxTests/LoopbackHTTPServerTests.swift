import Foundation
import XCTest
@testable import Sandbox

/// The sandbox's own HTTP server on the wire: framing the clients rely on (keep-alive, HEAD,
/// `Expect: 100-continue`, chunked bodies), refusals of oversized requests, and stop.
final class LoopbackHTTPServerTests: SandboxTestCase {
    func testKeptAliveRequestsAreAnsweredWithoutTheDelayedAckWait() throws {
        let wire = try WireClient(port: port)
        var times: [Double] = []
        for _ in 0..<8 {
            let started = ContinuousClock.now
            try wire.send("GET /bitbucket-api/2.0/ HTTP/1.1\r\nHost: x\r\n\r\n")
            let answer = try wire.readAnswer()
            times.append(Double((ContinuousClock.now - started).components.attoseconds) / 1e15)
            XCTAssertNotEqual(answer.status, 0)
        }
        // With two small writes and Nagle's algorithm every request after the first waited
        // about 40 ms for the client's delayed ACK; the median tells that apart from load.
        let median = times.sorted()[times.count / 2]
        XCTAssertLessThan(median, 25, "median \(median) ms for a request on a kept-alive connection")
    }

    func testHeadAnswersCarryNoBodySoTheNextAnswerIsReadWhole() throws {
        let wire = try WireClient(port: port)
        try wire.send("HEAD /clerk-frontend/v1/environment HTTP/1.1\r\nHost: x\r\n\r\nGET /clerk-frontend/v1/environment HTTP/1.1\r\nHost: x\r\n\r\n")
        let head = try wire.readAnswer(isHead: true)
        let get = try wire.readAnswer()
        XCTAssertEqual(head.status, get.status)
        XCTAssertTrue(head.body.isEmpty)
        XCTAssertEqual(head.headers["content-length"], String(get.body.count))
    }

    func testExpectContinueIsAnsweredBeforeTheBodyIsSent() throws {
        let wire = try WireClient(port: port)
        let body = "{\"fault\":\"serverError\",\"path_prefix\":\"/nowhere\"}"
        try wire.send("POST /_sandbox/faults HTTP/1.1\r\nHost: x\r\nContent-Length: \(body.utf8.count)\r\nExpect: 100-continue\r\n\r\n")
        XCTAssertEqual(try wire.readAnswer().status, 100)
        try wire.send(body)
        XCTAssertEqual(try wire.readAnswer().status, 204)
    }

    func testAChunkedBodyIsReadWhole() throws {
        let wire = try WireClient(port: port)
        try wire.send("POST /_sandbox/faults HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                      + "9\r\n{\"fault\":\r\n" + "10\r\n\"serverError\", \"\r\n" + "18\r\npath_prefix\":\"/nowhere\"}\r\n" + "0\r\n\r\n")
        let answer = try wire.readAnswer()
        XCTAssertEqual(answer.status, 204, String(decoding: answer.body, as: UTF8.self))
    }

    func testAnOversizedHeadOrBodyIsRefusedWithItsStatusAndTheConnectionClosed() throws {
        let head = try WireClient(port: port)
        try head.send("GET / HTTP/1.1\r\nX-Filler: " + String(repeating: "a", count: HTTPWire.maxHead + 10) + "\r\n\r\n")
        let refusedHead = try head.readAnswer()
        XCTAssertEqual(refusedHead.status, 431)
        XCTAssertEqual(refusedHead.headers["connection"], "close")

        let body = try WireClient(port: port)
        try body.send("POST /_sandbox/faults HTTP/1.1\r\nHost: x\r\nContent-Length: \(HTTPWire.maxBody + 1)\r\n\r\n")
        XCTAssertEqual(try body.readAnswer().status, 413)
        XCTAssertTrue(try body.readToEnd().isEmpty, "the connection is closed after the refusal")
    }

    func testAMalformedRequestLineGets400() throws {
        let wire = try WireClient(port: port)
        try wire.send("HELLO\r\n\r\n")
        XCTAssertEqual(try wire.readAnswer().status, 400)
    }

    func testConnectionCloseIsHonoured() throws {
        let wire = try WireClient(port: port)
        try wire.send("GET /clerk-frontend/v1/environment HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        XCTAssertEqual(try wire.readAnswer().headers["connection"], "close")
        XCTAssertTrue(try wire.readToEnd().isEmpty)
    }

    func testStopClosesOpenConnectionsAndRefusesNewOnes() async throws {
        let idle = try WireClient(port: port)
        await sandbox.stop()
        XCTAssertTrue(try idle.readToEnd().isEmpty, "an idle kept-alive connection is closed at stop")
        XCTAssertThrowsError(try WireClient(port: port), "nothing listens after stop")
        await sandbox.stop()  // a second stop returns at once
        sandbox = nil
    }

    func testStopCancelsAnAnswerThatIsStillBeingHeldBack() async throws {
        await sandbox.inject(.slow, pathPrefix: "/user")
        let wire = try WireClient(port: port)
        try wire.send("GET /bitbucket-api/2.0/user HTTP/1.1\r\nHost: x\r\n\r\n")
        try await Task.sleep(for: .milliseconds(200))
        let started = ContinuousClock.now
        await sandbox.stop()
        XCTAssertTrue(try wire.readToEnd().isEmpty)
        XCTAssertLessThan(ContinuousClock.now - started, .seconds(5), "stop does not wait out the 30 s fault")
        sandbox = nil
    }

    private var port: UInt16 { UInt16(URLComponents(string: info.clerk_api_url)!.port!) }
}

/// A raw loopback connection, for what a URLSession will not show: bytes on one connection.
private final class WireClient {
    struct Answer {
        var status: Int
        var headers: [String: String]
        var body: Data
    }
    struct Failure: Error { var reason: String }

    private let descriptor: Int32
    private var buffer = Data()

    init(port: UInt16) throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        inet_pton(AF_INET, "127.0.0.1", &address.sin_addr)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            close(descriptor)
            throw Failure(reason: "connect: \(errno)")
        }
    }

    deinit { close(descriptor) }

    func send(_ text: String) throws {
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            // The server may close early (an oversized head); what it answered is still readable.
            guard sent > 0 else { return }
            offset += sent
        }
    }

    func readAnswer(isHead: Bool = false) throws -> Answer {
        while buffer.range(of: Data("\r\n\r\n".utf8)) == nil {
            guard try fill() else { throw Failure(reason: "closed before an answer") }
        }
        let split = buffer.range(of: Data("\r\n\r\n".utf8))!
        let lines = String(decoding: buffer[..<split.lowerBound], as: UTF8.self).components(separatedBy: "\r\n")
        buffer = Data(buffer[split.upperBound...])
        let status = Int(lines[0].split(separator: " ")[1]) ?? 0
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        let length = isHead ? 0 : Int(headers["content-length"] ?? "0") ?? 0
        while buffer.count < length {
            guard try fill() else { throw Failure(reason: "body cut short") }
        }
        let body = Data(buffer.prefix(length))
        buffer = Data(buffer.dropFirst(length))
        return Answer(status: status, headers: headers, body: body)
    }

    func readToEnd() throws -> Data {
        while try fill() {}
        defer { buffer = Data() }
        return buffer
    }

    private func fill() throws -> Bool {
        var chunk = [UInt8](repeating: 0, count: 65536)
        let count = recv(descriptor, &chunk, chunk.count, 0)
        if count < 0 && errno == EAGAIN { throw Failure(reason: "no answer within 10 s") }
        guard count > 0 else { return false }
        buffer.append(contentsOf: chunk[..<count])
        return true
    }
}
