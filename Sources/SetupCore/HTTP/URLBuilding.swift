import Basics
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension URL {
    /// This base URL with `segments` appended, each percent-encoded as one path segment (a
    /// slug with a `/` or `?` cannot change the path), and `query` when given.
    func appendingSegments(_ segments: [String], query: [URLQueryItem] = []) -> URL {
        var components = URLComponents(url: self, resolvingAgainstBaseURL: false) ?? URLComponents()
        var path = components.percentEncodedPath
        while path.hasSuffix("/") { path.removeLast() }
        for segment in segments {
            path += "/" + segment.percentEncoded(keeping: URL.segmentAllowed)
        }
        components.percentEncodedPath = path
        if !query.isEmpty { components.queryItems = (components.queryItems ?? []) + query }
        return components.url ?? self
    }

    /// Whether `other` is on the same scheme, host and port: the only place a client's
    /// Authorization header may follow an opaque link (Bitbucket's `next`).
    func isSameOrigin(as other: URL) -> Bool {
        scheme?.lowercased() == other.scheme?.lowercased() && host?.lowercased() == other.host?.lowercased()
            && effectivePort == other.effectivePort
    }

    private var effectivePort: Int? {
        port ?? (scheme?.lowercased() == "https" ? 443 : scheme?.lowercased() == "http" ? 80 : nil)
    }

    private static let segmentAllowed = ASCIISet.urlPathAllowed.subtracting(ASCIISet("/;?#%"))
}

/// `Authorization` header values. The secret is read here, into the header, and nowhere else.
enum AuthorizationHeader {
    static func basic(user: String, password: Secret) -> String {
        "Basic " + Data("\(user):\(password.exposed)".utf8).base64EncodedString()
    }

    static func bearer(_ token: Secret) -> String {
        "Bearer " + token.exposed
    }
}
