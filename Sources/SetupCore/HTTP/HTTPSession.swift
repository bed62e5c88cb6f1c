import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The process's one URLSession: ephemeral, with no cookies, no cache, no credential
/// storage, and no redirects.
///
/// Redirects are refused because the clients set the Authorization header themselves and
/// a redirect could carry it to another host; a 3xx is reported like any unexpected status.
/// One shared session (not one per client) keeps connections warm across clients and
/// avoids leaking a session per client, since a session holds its delegate until invalidated.
enum HTTPSession {
    static let shared: URLSession = {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpCookieStorage = nil
        configuration.httpShouldSetCookies = false
        configuration.httpCookieAcceptPolicy = .never
        configuration.urlCache = nil
        configuration.urlCredentialStorage = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalAndRemoteCacheData
        configuration.httpAdditionalHeaders = ["User-Agent": "bbclerk"]
        return URLSession(configuration: configuration, delegate: RefuseRedirects(), delegateQueue: nil)
    }()
}

/// Answers every redirect with "don't follow", so the 3xx itself comes back.
private final class RefuseRedirects: NSObject, URLSessionTaskDelegate, Sendable {
    func urlSession(
        _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
        newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void
    ) {
        completionHandler(nil)
    }
}
