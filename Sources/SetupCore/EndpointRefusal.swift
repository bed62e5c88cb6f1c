#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// An endpoint override bbclerk will not use, because the Platform API key, the Atlassian
/// token or the consumer's secret would go where they do not belong. The message names the
/// variable or config key, the rule, and what to type instead; it never repeats a password
/// the URL held.
public struct EndpointRefusal: Error, Sendable, Equatable, CustomStringConvertible {
    /// `BBCLERK_CLERK_API_URL`, or `urls.clerk_api in /home/ada/.config/bbclerk/config.toml`.
    public var source: String
    /// What is wrong and what to do, after the source.
    public var problem: String

    public init(source: String, problem: String) {
        self.source = source
        self.problem = problem
    }

    public var message: String { "\(source): \(problem)" }
    public var description: String { message }

    /// The URL `text` if it may receive credentials: `https` anywhere, `http` only to
    /// loopback (127.0.0.0/8, ::1, localhost), never a user name or password in it.
    public static func check(_ text: String, service: Endpoints.Service, source: String) throws(EndpointRefusal) -> URL {
        let loopbackRule = "plain http is accepted only for loopback (127.0.0.1, ::1, localhost), since the Clerk Platform API key and the Atlassian token would cross the network readable"
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), let host = url.host, !host.isEmpty else {
            throw EndpointRefusal(source: source, problem: "\"\(DisplayText.sanitize(text, limit: 120))\" is not an absolute http(s) URL")
        }
        if url.user != nil || url.password != nil {
            throw EndpointRefusal(source: source, problem: "has a user name or password in the URL, which bbclerk would send to that host: leave it out, as in \(scheme)://\(host)\(url.port.map { ":\($0)" } ?? "")\(url.path); credentials come from BITBUCKET_API_TOKEN and CLERK_PLATFORM_API_KEY.")
        }
        let shown = DisplayText.sanitize(text, limit: 120)
        switch scheme {
        case "https":
            return url
        case "http" where Endpoints.isLoopbackHost(host):
            return url
        case "http":
            var secure = URLComponents(url: url, resolvingAgainstBaseURL: false)
            secure?.scheme = "https"
            let suggestion = secure?.url?.absoluteString ?? service.productionExample
            throw EndpointRefusal(source: source, problem: "\(shown) is refused: \(loopbackRule) (\(DisplayText.sanitize(host, limit: 80)) is not loopback). Use \(DisplayText.sanitize(suggestion, limit: 120)) instead.")
        default:
            throw EndpointRefusal(source: source, problem: "\(shown) is refused: only https (or http to loopback) is accepted. Give one such as \(service.productionExample).")
        }
    }
}
