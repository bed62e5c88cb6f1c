import Foundation

/// One request as the clients describe it, before it meets URLSession.
///
/// It knows which service it is for (to read that service's error bodies) and whether a
/// repeat is safe, which is decided by method and headers alone.
struct HTTPRequest: Sendable {
    enum Method: String, Sendable { case get = "GET", post = "POST", patch = "PATCH" }

    var service: RemoteError.Service
    var method: Method
    var url: URL
    /// Header names as sent; the Authorization header is set here by the client, never by
    /// URLSession's credential machinery.
    var headers: [String: String] = [:]
    var body: Data?

    init(service: RemoteError.Service, method: Method = .get, url: URL, headers: [String: String] = [:], body: Data? = nil) {
        self.service = service
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.headers["Accept"] = self.headers["Accept"] ?? "application/json"
    }

    /// Whether a guarded PATCH: only then may it be repeated (the server refuses a second
    /// application once the version moved on).
    var hasIfMatch: Bool { headers.keys.contains { $0.caseInsensitiveCompare("If-Match") == .orderedSame } }

    /// Whether an answer with `status` may be retried. GET: 429 and 5xx. PATCH with
    /// If-Match: 429 and 503 only (the request surely was not applied). POST: 429 only.
    func mayRetry(status: Int) -> Bool {
        switch method {
        case .get: return status == 429 || (500...599).contains(status)
        case .patch: return hasIfMatch && (status == 429 || status == 503)
        case .post: return status == 429
        }
    }

    /// Whether a transport failure may be retried: only reads, since a timed-out or dropped
    /// write may have been applied.
    func mayRetry(transport kind: RemoteError.Kind) -> Bool {
        method == .get && (kind == .timeout || kind == .network)
    }

    /// Method and path for the log: no query (it may carry ids the user did not pick) and
    /// never a header.
    var logLabel: String { "\(method.rawValue) \(url.path)" }
}

/// An answer with any status: the body as bytes, headers with lowercased names.
struct HTTPResponse: Sendable {
    var status: Int
    var headers: [String: String]
    var body: Data

    func header(_ name: String) -> String? { headers[name.lowercased()] }

    var isSuccess: Bool { (200...299).contains(status) }

    /// The body as JSON, or nil when it is not JSON (an HTML error page, a proxy's text).
    var json: JSONValue? { try? JSONValue(parsing: body) }
}
