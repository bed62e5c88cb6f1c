// Decision (h1, December 2026): SetupCore does not import FoundationNetworking. Requests go
// through libcurl's easy interface, opened with dlopen("libcurl.so.4") (then
// "libcurl-gnutls.so.4", "libcurl.so") on the first request by the C target CCurl.
// Why: linking FoundationNetworking made the loader bind ~30 libraries of libcurl's chain
// before the first paint, and URLSession could not bound a body (300 MB took 4 GB), stalled
// 15 s on a reset during a POST and called it a timeout, did not name TLS failures, and hung
// on a 401 with a Basic challenge unless a delegate cancelled it. See docs/HTTP-LAYER.md.

import CCurl
import Basics
import Dispatch
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif

/// One try of one request over libcurl, on a thread of its own.
///
/// `curl_easy_perform` blocks for the whole transfer, so it never runs on Swift's
/// cooperative pool (two cores here: two blocked transfers would stall every task). The
/// awaiting task is resumed when the thread finishes, or at once on cancellation or when a
/// watchdog past libcurl's own deadline fires; the thread then stops by itself within about
/// a second (the cancel flag is checked by libcurl's progress callback).
enum CurlTransport {
    /// What is sent: everything already checked and rendered as bytes.
    struct Exchange: Sendable {
        var method: String
        var url: String
        /// Complete `Name: value` lines, free of CR, LF and NUL.
        var headerLines: [String]
        var body: Data?
        /// The whole try: connecting, sending, and reading every byte of the answer.
        var timeout: TimeInterval
        var maxBodyBytes: Int
        var maxHeaderBytes: Int
    }

    /// An answer with any status, headers with lowercased names.
    struct Answer: Sendable, Equatable {
        var status: Int
        var headers: [String: String]
        var body: Data
    }

    /// Why a try ended without a complete answer, as libcurl (or bbclerk's limits) said.
    enum Failure: Error, Sendable, Equatable {
        /// libcurl could not be opened; `detail` is dlerror's text.
        case libraryMissing(detail: String)
        /// A header the caller gave could not be sent as it is.
        case badHeader(name: String)
        case timedOut(detail: String)
        case cancelled
        case bodyTooLarge(limit: Int)
        case headersTooLarge(limit: Int)
        /// A TLS handshake or certificate failure; `code` is the CURLcode.
        case tls(code: Int, detail: String)
        /// The connection broke after it was made: reset, closed without an answer, cut mid-answer.
        case connectionLost(code: Int, detail: String)
        /// No connection: the name did not resolve, nothing listened, a proxy refused.
        case unreachable(code: Int, detail: String)
        /// Anything else libcurl reported.
        case other(code: Int, detail: String)
    }

    /// Header blocks beyond this stop the transfer: real answers from Bitbucket and Clerk
    /// carry a few kilobytes, and libcurl's own cap (300 KB in 8.x) is no bound worth having.
    static let maxHeaderBytes = 64 * 1024

    /// The transfer of `exchange`; never throws, never blocks the caller's thread.
    static func perform(_ exchange: Exchange) async -> Result<Answer, Failure> {
        let flag = CancelFlag()
        let once = ResumeOnce()
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Result<Answer, Failure>, Never>) in
                once.install(continuation)
                // Cancelled before it started: nothing is sent.
                guard !once.isDone else { return }
                guard startDetachedThread(name: "bbclerk-http", { once.resume(with: run(exchange, cancel: flag)) }) else {
                    once.resume(with: .failure(.other(code: -1, detail: "no thread for the request")))
                    return
                }
                // libcurl enforces CURLOPT_TIMEOUT_MS itself; this only covers what it cannot
                // interrupt (a blocking name lookup in a build without the threaded resolver).
                let grace = exchange.timeout + 2
                DispatchQueue.global().asyncAfter(deadline: .now() + grace) {
                    flag.set()
                    once.resume(with: .failure(.timedOut(detail: "no result from libcurl \(Int(grace)) s after the request started")))
                }
            }
        } onCancel: {
            flag.set()
            once.resume(with: .failure(.cancelled))
        }
    }

    /// libcurl's version line ("libcurl/8.5.0 OpenSSL/3.0.13 …"), loading it; nil when missing.
    static var libraryVersion: String? { bb_http_curl_version().map { String(cString: $0) } }

    /// Whether libcurl is loaded in this process yet (it is opened by the first request).
    static var isLibraryLoaded: Bool { bb_http_is_loaded() != 0 }

    // MARK: The blocking part, on the transfer's own thread

    private static func run(_ exchange: Exchange, cancel: CancelFlag) -> Result<Answer, Failure> {
        var response = bb_http_response()
        let result: bb_http_result = exchange.method.withCString { method in
            exchange.url.withCString { url in
                withCStrings(exchange.headerLines) { headers in
                    withBytes(exchange.body) { body, length in
                        var request = bb_http_request(
                            method: method, url: url, headers: headers.baseAddress, header_count: headers.count,
                            body: body, body_length: length,
                            timeout_ms: milliseconds(exchange.timeout), connect_timeout_ms: milliseconds(exchange.timeout),
                            max_body_bytes: exchange.maxBodyBytes, max_header_bytes: exchange.maxHeaderBytes,
                            cancel: cancel.pointer)
                        return bb_http_perform(&request, &response)
                    }
                }
            }
        }
        defer { bb_http_response_free(&response) }
        let detail = errorText(response)
        switch result {
        case BB_HTTP_PERFORMED: break
        case BB_HTTP_NO_LIBCURL:
            return .failure(.libraryMissing(detail: bb_http_load_error().map { String(cString: $0) } ?? "libcurl not found"))
        default:
            return .failure(.other(code: Int(response.curl_code), detail: detail))
        }
        switch response.stop {
        case BB_HTTP_STOP_BODY_TOO_LARGE: return .failure(.bodyTooLarge(limit: exchange.maxBodyBytes))
        case BB_HTTP_STOP_HEADERS_TOO_LARGE: return .failure(.headersTooLarge(limit: exchange.maxHeaderBytes))
        case BB_HTTP_STOP_CANCELLED: return .failure(.cancelled)
        default: break
        }
        guard response.curl_code == 0 else { return .failure(failure(code: Int(response.curl_code), detail: detail)) }
        let body = response.body.map { Data(bytes: $0, count: response.body_length) } ?? Data()
        let block = response.headers.map { Data(bytes: $0, count: response.headers_length) } ?? Data()
        return .success(Answer(status: response.status, headers: HeaderBlock.parse(block), body: body))
    }

    /// A CURLcode as a ``Failure``; numbers from curl's include/curl/curl.h.
    static func failure(code: Int, detail: String) -> Failure {
        switch code {
        case 28: .timedOut(detail: detail)
        // SSL_CONNECT_ERROR, ENGINE_NOTFOUND/SETFAILED, SSL_CERTPROBLEM, SSL_CIPHER,
        // PEER_FAILED_VERIFICATION, USE_SSL_FAILED, ENGINE_INITFAILED, CACERT_BADFILE,
        // SHUTDOWN_FAILED, CRL_BADFILE, ISSUER_ERROR, PINNEDPUBKEYNOTMATCH,
        // INVALIDCERTSTATUS, SSL_CLIENTCERT.
        case 35, 53, 54, 58, 59, 60, 64, 66, 77, 80, 82, 83, 90, 91, 98: .tls(code: code, detail: detail)
        // COULDNT_RESOLVE_PROXY, COULDNT_RESOLVE_HOST, COULDNT_CONNECT, PROXY.
        case 5, 6, 7, 97: .unreachable(code: code, detail: detail)
        // PARTIAL_FILE, GOT_NOTHING, SEND_ERROR, RECV_ERROR, HTTP2, HTTP2_STREAM.
        case 18, 52, 55, 56, 16, 92: .connectionLost(code: code, detail: detail)
        default: .other(code: code, detail: detail)
        }
    }

    private static func errorText(_ response: bb_http_response) -> String {
        withUnsafeBytes(of: response.error) { raw in
            let bytes = raw.prefix { $0 != 0 }
            return String(decoding: bytes, as: UTF8.self)
        }
    }

    private static func milliseconds(_ seconds: TimeInterval) -> Int {
        guard seconds.isFinite, seconds > 0 else { return 1 }
        return Int(min(seconds, 86_400) * 1000)
    }

    private static func withBytes<R>(_ data: Data?, _ body: (UnsafePointer<UInt8>?, Int) -> R) -> R {
        guard let data else { return body(nil, 0) }
        return data.withUnsafeBytes { raw in
            // An empty body still needs a non-nil pointer to be sent as a zero-length body.
            guard let base = raw.bindMemory(to: UInt8.self).baseAddress else {
                return [UInt8(0)].withUnsafeBufferPointer { body($0.baseAddress, 0) }
            }
            return body(base, raw.count)
        }
    }

    private static func withCStrings<R>(_ strings: [String], _ body: (UnsafeBufferPointer<UnsafePointer<CChar>?>) -> R) -> R {
        let copies = strings.map { strdup($0) }
        defer { copies.forEach { free($0) } }
        return copies.map { UnsafePointer($0) }.withUnsafeBufferPointer(body)
    }
}

/// The C cancel flag of one transfer, freed when neither the task nor the thread needs it.
private final class CancelFlag: @unchecked Sendable {
    // The flag itself is atomic in C; the pointer never changes.
    let pointer: OpaquePointer? = bb_http_cancel_new()

    func set() { bb_http_cancel_set(pointer) }

    deinit { bb_http_cancel_free(pointer) }
}

/// Resumes a continuation exactly once, with the first result offered, whether that comes
/// before or after the continuation is installed.
private final class ResumeOnce: @unchecked Sendable {
    private let lock = ThreadLock()
    private var continuation: CheckedContinuation<Result<CurlTransport.Answer, CurlTransport.Failure>, Never>?
    private var early: Result<CurlTransport.Answer, CurlTransport.Failure>?
    private var done = false

    var isDone: Bool {
        lock.lock(); defer { lock.unlock() }
        return done
    }

    func install(_ continuation: CheckedContinuation<Result<CurlTransport.Answer, CurlTransport.Failure>, Never>) {
        lock.lock()
        if let early {
            done = true
            lock.unlock()
            continuation.resume(returning: early)
            return
        }
        self.continuation = continuation
        lock.unlock()
    }

    func resume(with result: Result<CurlTransport.Answer, CurlTransport.Failure>) {
        lock.lock()
        guard !done else { lock.unlock(); return }
        guard let continuation else {
            if early == nil { early = result }
            lock.unlock()
            return
        }
        done = true
        self.continuation = nil
        lock.unlock()
        continuation.resume(returning: result)
    }
}
