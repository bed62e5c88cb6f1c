import Basics
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Reading of a raw HTTP/1.x or HTTP/2 header block as libcurl hands it over: the status
/// line, then `Name: value` lines, CRLF-separated.
enum HeaderBlock {
    /// Header names lowercased; a repeated header's values joined with ", " (RFC 9110 §5.3);
    /// obsolete line folding joined with a space. Bytes that are not UTF-8 are read as
    /// Latin-1, which is what HTTP/1.1 allowed in field values.
    static func parse(_ block: Data) -> [String: String] {
        let text = String(data: block, encoding: .utf8) ?? String(data: block, encoding: .isoLatin1) ?? ""
        var headers: [String: String] = [:]
        var last: String?
        for line in text.split(omittingEmptySubsequences: true, whereSeparator: { $0 == "\r\n" || $0 == "\n" || $0 == "\r" }) {
            if line.hasPrefix("HTTP/") { last = nil; continue }
            if let first = line.first, first == " " || first == "\t", let name = last {
                headers[name, default: ""] += " " + line.trimmingWhitespace()
                continue
            }
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].trimmingWhitespace().lowercased()
            guard !name.isEmpty else { continue }
            let value = line[line.index(after: colon)...].trimmingWhitespace()
            if let existing = headers[name] { headers[name] = existing + ", " + value } else { headers[name] = value }
            last = name
        }
        return headers
    }
}
