import Basics
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// One request as the clients describe it, before it meets the transport.
///
/// It knows which service it is for (to read that service's error bodies), whether a
/// repeat is safe (decided by method and headers alone), and how large an answer it will read.
struct HTTPRequest: Sendable {
    enum Method: String, Sendable { case get = "GET", post = "POST", patch = "PATCH" }

    /// The largest answer body read by default. Answers are single objects or one page of
    /// a list and weigh kilobytes; 1 MiB leaves room for growth, and a larger body is a
    /// broken or hostile server, stopped before it costs memory. Only the unpaginated
    /// application list reads more (``ClerkClient/applications()``).
    static let defaultMaxBodyBytes = 1 << 20

    var service: RemoteError.Service
    var method: Method
    var url: URL
    /// Header names as sent; the Authorization header is set here by the client, never by
    /// the transport (libcurl's HTTP authentication and ~/.netrc are off).
    var headers: [String: String] = [:]
    var body: Data?
    /// Bytes of answer body read before the transfer is stopped with an error.
    var maxBodyBytes: Int = HTTPRequest.defaultMaxBodyBytes

    init(service: RemoteError.Service, method: Method = .get, url: URL, headers: [String: String] = [:], body: Data? = nil) {
        self.service = service
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.headers["Accept"] = self.headers["Accept"] ?? "application/json"
    }

    /// Whether the bearer token is an OAuth access token (a JWT, as the Clerk CLI's sign-in
    /// is: clerk/cli `lib/credential-store.ts` reads its `exp`) rather than an `ak_`/`sk_`
    /// key, so that a refusal names what the user can renew.
    var bearerIsClerkCLISignIn: Bool {
        guard let value = headers["Authorization"], value.hasPrefix("Bearer ") else { return false }
        let token = value.dropFirst("Bearer ".count)
        return token.hasPrefix("eyJ") && token.split(separator: ".", omittingEmptySubsequences: false).count == 3
    }

    /// Whether a guarded PATCH: only then may it be repeated (the server refuses a second
    /// application once the version moved on).
    var hasIfMatch: Bool { headers.keys.contains { $0.equalsIgnoringCase("If-Match") } }

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

    /// The headers as `Name: value` lines in a stable order, or the name of the first header
    /// that cannot be sent as given: a name that is not an RFC 9110 token, or a value with a
    /// CR, LF or NUL (which would end the header early and let the rest inject others).
    /// Such a header is refused, never silently dropped or rewritten.
    func headerLines() -> Result<[String], HeaderRefusal> {
        var lines: [String] = []
        for name in headers.keys.sorted() {
            let value = headers[name] ?? ""
            guard !name.isEmpty, name.unicodeScalars.allSatisfy(Self.isTokenCharacter) else { return .failure(HeaderRefusal(name: name)) }
            guard !value.unicodeScalars.contains(where: { $0 == "\r" || $0 == "\n" || $0 == "\0" }) else {
                return .failure(HeaderRefusal(name: name))
            }
            // libcurl treats "Name:" (no value) as "remove this header": an empty value is
            // sent as "Name;", its spelling for an empty header.
            let trimmed = value.trimmingWhitespace()
            lines.append(trimmed.isEmpty ? "\(name);" : "\(name): \(trimmed)")
        }
        return .success(lines)
    }

    /// RFC 9110's tchar: ASCII letters and digits and "!#$%&'*+-.^_`|~".
    private static let tokenCharacters = ASCIISet.alphanumerics.union(ASCIISet("!#$%&'*+-.^_`|~"))

    private static func isTokenCharacter(_ scalar: Unicode.Scalar) -> Bool {
        tokenCharacters.contains(scalar)
    }
}

/// A header bbclerk refused to send; only its name is kept (the value may be a secret).
struct HeaderRefusal: Error, Sendable, Equatable {
    var name: String
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
