import Basics
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A request as it arrived on the wire: method, raw target split into path and query, headers
/// (names lowercased, repeated ones joined with ", ") and the body.
struct WireRequest: Sendable {
    var method: String
    /// Still percent-encoded ("/bitbucket-api/2.0/workspaces/%7Babc%7D").
    var path: String
    /// Percent-decoded; `+` stays a plus, as `URLComponents.queryItems` reads it.
    var query: [(name: String, value: String)]
    var headers: [String: String]
    var body: Data
    /// HTTP/1.1 without `Connection: close`: another request may follow on the connection.
    var keepAlive: Bool
}

/// HTTP/1.1 framing for the sandbox, just as much as the clients it serves need (RFC 9112):
/// request line, headers, a body by `Content-Length` or chunked, `Expect: 100-continue`, and
/// each answer written in one piece with its length.
enum HTTPWire {
    /// What a request could not be read as, with the status that says so.
    enum Refusal: Error {
        case tooLarge(status: Int, reason: String)
        case malformed(String)
    }

    static let maxHead = 64 * 1024
    /// The largest body the emulated endpoints take: far above any form or JSON they accept.
    static let maxBody = 8 * 1024 * 1024

    /// Reads one request from `connection`; nil when the peer closed before a new request began.
    static func readRequest(from connection: WireConnection) throws -> WireRequest? {
        guard let head = try connection.readHead(limit: maxHead) else { return nil }
        let lines = head.split(separator: "\r\n", omittingEmptySubsequences: false)
        let requestLine = lines[0].split(separator: " ", omittingEmptySubsequences: true)
        guard requestLine.count == 3, requestLine[2].hasPrefix("HTTP/1.") else {
            throw Refusal.malformed("The request line is not `METHOD target HTTP/1.1`.")
        }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() where !line.isEmpty {
            guard let colon = line.firstIndex(of: ":") else { throw Refusal.malformed("A header line has no colon.") }
            let name = line[..<colon].lowercased()
            let value = line[line.index(after: colon)...].trimmingWhitespace()
            headers[name] = headers[name].map { "\($0), \(value)" } ?? value
        }
        let version = requestLine[2]
        let connectionHeader = headers["connection"]?.lowercased() ?? ""
        let keepAlive = version == "HTTP/1.1" ? !connectionHeader.contains("close") : connectionHeader.contains("keep-alive")

        if headers["expect"]?.lowercased() == "100-continue" {
            try connection.write(Data("HTTP/1.1 100 Continue\r\n\r\n".utf8))
        }
        let body: Data
        if headers["transfer-encoding"]?.lowercased().contains("chunked") == true {
            body = try readChunked(from: connection)
        } else if let lengthText = headers["content-length"] {
            guard let length = Int(lengthText), length >= 0 else { throw Refusal.malformed("Content-Length is not a number.") }
            guard length <= maxBody else { throw Refusal.tooLarge(status: 413, reason: "The body is over \(maxBody) bytes.") }
            body = try connection.read(exactly: length)
        } else {
            body = Data()
        }
        let target = String(requestLine[1])
        let (path, query) = split(target: target)
        return WireRequest(method: String(requestLine[0]), path: path, query: query, headers: headers, body: body, keepAlive: keepAlive)
    }

    /// The bytes of one answer: status line, headers, `Content-Length` (except where RFC 9110
    /// forbids it) and the body, to be written at once so no small write waits on an ACK.
    static func encode(_ response: SandboxResponse, keepAlive: Bool, isHead: Bool) -> Data {
        var head = "HTTP/1.1 \(response.status) \(HTTPReason.phrase(response.status))\r\n"
        for (name, value) in response.headers where name.lowercased() != "content-length" {
            // Header text comes from the emulation itself; a CR or LF would split the answer.
            head += "\(name): \(value.filter { $0 != "\r" && $0 != "\n" })\r\n"
        }
        let bodiless = response.status == 204 || response.status == 304 || (100..<200).contains(response.status)
        if !bodiless { head += "Content-Length: \(response.body.count)\r\n" }
        head += keepAlive ? "" : "Connection: close\r\n"
        head += "\r\n"
        var bytes = Data(head.utf8)
        // A HEAD answer carries no body (RFC 9110 §9.3.2): one would be read as the start of
        // the next answer on a kept-alive connection.
        if !bodiless && !isHead { bytes.append(response.body) }
        return bytes
    }

    /// The status and text for a request that could not be read.
    static func answer(for refusal: Refusal) -> SandboxResponse {
        switch refusal {
        case .tooLarge(let status, let reason): .text(status, reason + "\n")
        case .malformed(let reason): .text(400, reason + "\n")
        }
    }

    private static func readChunked(from connection: WireConnection) throws -> Data {
        var body = Data()
        while true {
            guard let sizeLine = try connection.readLine(limit: 1024) else { throw Refusal.malformed("The chunked body ended early.") }
            let sizeText = sizeLine.split(separator: ";", maxSplits: 1).first.map(String.init) ?? ""
            guard let size = Int(sizeText.trimmingWhitespace(), radix: 16), size >= 0 else {
                throw Refusal.malformed("A chunk size is not hexadecimal.")
            }
            if size == 0 {
                // Trailer fields, up to the empty line.
                while let line = try connection.readLine(limit: maxHead), !line.isEmpty {}
                return body
            }
            guard body.count + size <= maxBody else { throw Refusal.tooLarge(status: 413, reason: "The body is over \(maxBody) bytes.") }
            body.append(try connection.read(exactly: size))
            _ = try connection.readLine(limit: 2)
        }
    }

    private static func split(target: String) -> (String, [(name: String, value: String)]) {
        // Absolute form (a client speaking to a proxy) keeps only its path and query.
        var rest = Substring(target)
        if let scheme = rest.firstRange(of: "://") {
            rest = rest[scheme.upperBound...]
            rest = rest.firstIndex(of: "/").map { rest[$0...] } ?? "/"
        }
        let parts = rest.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        let path = parts.first.map(String.init) ?? "/"
        guard parts.count > 1 else { return (path, []) }
        let query = parts[1].split(separator: "&").map { pair -> (name: String, value: String) in
            let nameValue = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let decode = { (part: Substring) in String(part).percentDecoded ?? String(part) }
            return (decode(nameValue[0]), nameValue.count > 1 ? decode(nameValue[1]) : "")
        }
        return (path, query)
    }
}
