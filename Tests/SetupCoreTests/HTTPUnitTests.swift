import Foundation
import Testing
@testable import SetupCore

/// The HTTP layer's pure parts: backoff, Retry-After, which requests may repeat, text
/// sanitising, URL building, JSONValue.
@Suite struct HTTPUnitTests {
    @Test func backoffDoublesAndIsCapped() {
        let policy = RetryPolicy()
        #expect(policy.maxAttempts == 4)
        #expect(policy.delay(afterAttempt: 1, retryAfter: nil) == 0.5)
        #expect(policy.delay(afterAttempt: 2, retryAfter: nil) == 1)
        #expect(policy.delay(afterAttempt: 3, retryAfter: nil) == 2)
        #expect(policy.delay(afterAttempt: 4, retryAfter: nil) == nil)
        let long = RetryPolicy(maxAttempts: 10, baseDelay: 0.5, maxDelay: 8)
        #expect(long.delay(afterAttempt: 9, retryAfter: nil) == 8)
        #expect(long.delay(afterAttempt: 1, retryAfter: 3) == 3)
        #expect(long.delay(afterAttempt: 1, retryAfter: 60) == nil)
        #expect(RetryPolicy.none.delay(afterAttempt: 1, retryAfter: nil) == nil)
    }

    @Test func retryAfterInSecondsOrAsHTTPDate() {
        let now = Date(timeIntervalSince1970: 784_111_777) // Sun, 06 Nov 1994 08:49:37 GMT
        #expect(RetryAfter.seconds(from: "120", now: now) == 120)
        #expect(RetryAfter.seconds(from: " 0 ", now: now) == 0)
        #expect(RetryAfter.seconds(from: "Sun, 06 Nov 1994 08:49:47 GMT", now: now) == 10)
        #expect(RetryAfter.seconds(from: "Sunday, 06-Nov-94 08:49:57 GMT", now: now) == 20)
        #expect(RetryAfter.seconds(from: "Sun Nov  6 08:50:07 1994", now: now) == 30)
        #expect(RetryAfter.seconds(from: "Sun, 06 Nov 1994 08:00:00 GMT", now: now) == 0)
        #expect(RetryAfter.seconds(from: "soon", now: now) == nil)
        #expect(RetryAfter.seconds(from: "-5", now: now) == nil)
        #expect(RetryAfter.seconds(from: nil, now: now) == nil)
    }

    @Test func whichRequestsMayRepeat() {
        let url = URL(string: "https://example.com/x")!
        let get = HTTPRequest(service: .bitbucket, url: url)
        let post = HTTPRequest(service: .bitbucketOAuth, method: .post, url: url)
        let patch = HTTPRequest(service: .clerkPlatform, method: .patch, url: url)
        let guarded = HTTPRequest(service: .clerkPlatform, method: .patch, url: url, headers: ["If-Match": "v1"])
        for status in [429, 500, 502, 503, 504] { #expect(get.mayRetry(status: status)) }
        for status in [400, 401, 403, 404, 409, 410, 422] { #expect(!get.mayRetry(status: status)) }
        #expect(post.mayRetry(status: 429))
        #expect(!post.mayRetry(status: 503))
        #expect(!patch.mayRetry(status: 429))
        #expect(!patch.mayRetry(status: 503))
        #expect(guarded.mayRetry(status: 429))
        #expect(guarded.mayRetry(status: 503))
        #expect(!guarded.mayRetry(status: 500))
        #expect(get.mayRetry(transport: .timeout))
        #expect(get.mayRetry(transport: .network))
        #expect(!post.mayRetry(transport: .timeout))
        #expect(!guarded.mayRetry(transport: .network))
    }

    @Test func remoteTextLosesControlsAndBidi() {
        // Escape sequences go whole, not just their ESC; a C1 CSI (0x9B) starts one too, so
        // the "d" after it is its final byte.
        #expect(RemoteText.sanitized("bad\u{1B}[31m red\u{07}\n\tline") == "bad red line")
        #expect(RemoteText.sanitized("a\u{202E}b\u{2066}c\u{9B}d") == "abc")
        #expect(RemoteText.sanitized(String(repeating: "x", count: 400)).count == 300)
        #expect(RemoteText.clause("Config was modified since last read. ") == "Config was modified since last read")
    }

    @Test func segmentsAreEncodedAndOriginsCompared() {
        let base = URL(string: "http://127.0.0.1:8080/bitbucket-api/2.0/")!
        #expect(base.appendingSegments(["workspaces", "a/b?c"]).absoluteString == "http://127.0.0.1:8080/bitbucket-api/2.0/workspaces/a%2Fb%3Fc")
        #expect(base.appendingSegments(["user"], query: [URLQueryItem(name: "pagelen", value: "100")]).absoluteString
            == "http://127.0.0.1:8080/bitbucket-api/2.0/user?pagelen=100")
        #expect(URL(string: "http://127.0.0.1:8080/x")!.isSameOrigin(as: base))
        #expect(!URL(string: "http://127.0.0.1:9090/x")!.isSameOrigin(as: base))
        #expect(!URL(string: "https://evil.example/x")!.isSameOrigin(as: base))
        #expect(URL(string: "https://api.bitbucket.org:443/2.0/x")!.isSameOrigin(as: URL(string: "https://api.bitbucket.org/2.0")!))
    }

    @Test func basicAuthorizationEncodesUserAndSecret() {
        #expect(AuthorizationHeader.basic(user: "ada@example.com", password: Secret("tok")) == "Basic YWRhQGV4YW1wbGUuY29tOnRvaw==")
        #expect(AuthorizationHeader.bearer(Secret("ak_1")) == "Bearer ak_1")
    }

    @Test func jsonValueRoundTripsAndPrintsStably() throws {
        let text = #"{"b":[1,2.5,true,null],"a":{"z":"é\n","y":false},"n":-3}"#
        let value = try JSONValue(parsing: Data(text.utf8))
        #expect(value["b"]?[0] == .number(1))
        #expect(value["b"]?[2] == .bool(true))
        #expect(value["b"]?[3]?.isNull == true)
        #expect(value["a"]?["z"]?.stringValue == "é\n")
        #expect(value["n"]?.intValue == -3)
        #expect(value["b"]?[1]?.intValue == nil)
        #expect(value["missing"] == nil)
        #expect(try JSONValue(parsing: value.jsonData()) == value)
        #expect(String(decoding: value.jsonData(), as: UTF8.self) == #"{"a":{"y":false,"z":"é\n"},"b":[1,2.5,true,null],"n":-3}"#)
        #expect(value.prettyText == """
            {
              "a": {
                "y": false,
                "z": "é\\n"
              },
              "b": [
                1,
                2.5,
                true,
                null
              ],
              "n": -3
            }
            """)
        #expect(JSONValue.object([:]).prettyText == "{}")
        #expect(JSONValue.string("\u{1B}").prettyText == #""\u001b""#)
        let literal: JSONValue = ["enabled": true, "count": 2, "name": "x", "none": nil]
        #expect(literal["enabled"]?.boolValue == true)
        #expect(literal["none"] == JSONValue.null)
    }

    @Test func secretsNeverReachErrorTexts() {
        // Error texts are built from statuses and service messages only; a Secret
        // interpolated by mistake would show bullets.
        let secret = Secret("sk_live_abc")
        #expect("\(secret)" == Secret.mask)
    }

    // MARK: Retry-After, waits, sizes

    @Test func retryAfterIsCappedAndStrict() {
        let now = Date(timeIntervalSince1970: 784_111_777)
        #expect(RetryAfter.seconds(from: "2300092327", now: now) == RetryAfter.maxSeconds)
        #expect(RetryAfter.seconds(from: String(repeating: "9", count: 60), now: now) == RetryAfter.maxSeconds)
        #expect(RetryAfter.seconds(from: "Fri, 31 Dec 2099 23:59:59 GMT", now: now) == RetryAfter.maxSeconds)
        #expect(RetryAfter.seconds(from: "Thu, 01 Jan 1970 00:00:00 GMT", now: now) == 0)
        // delta-seconds is digits only: these are not waits.
        for text in ["1e300", "1e400", "inf", "nan", "0x10", "+5", "2.5", "5 seconds"] {
            #expect(RetryAfter.seconds(from: text, now: now) == nil, "\(text)")
        }
        #expect(RetryAfter.seconds(from: String(repeating: "1", count: 100), now: now) == nil)
    }

    @Test func waitsAndSizesReadWell() {
        #expect(RemoteErrors.seconds(0.2) == "1 second")
        #expect(RemoteErrors.seconds(59) == "59 seconds")
        #expect(RemoteErrors.seconds(600) == "10 minutes")
        #expect(RemoteErrors.seconds(86_400) == "24 hours")
        #expect(RemoteErrors.seconds(1e300) == "277778 hours")
        #expect(RemoteErrors.seconds(.infinity) == "a long time")
        #expect(RemoteErrors.seconds(.nan) == "a long time")
        #expect(RemoteErrors.bytes(1 << 20) == "1 MiB")
        #expect(RemoteErrors.bytes(64 << 10) == "64 KiB")
        #expect(RemoteErrors.bytes(1000) == "1000 bytes")
    }

    // MARK: Headers

    @Test func headerLinesAreSortedAndRefuseLineBreaks() throws {
        let url = URL(string: "https://api.clerk.com/v1/x")!
        let request = HTTPRequest(service: .clerkPlatform, method: .patch, url: url, headers: ["If-Match": "v1", "Authorization": "Bearer ak_1", "X-Empty": ""])
        #expect(try request.headerLines().get() == ["Accept: application/json", "Authorization: Bearer ak_1", "If-Match: v1", "X-Empty;"])
        for value in ["a\r\nX-Evil: 1", "a\nb", "a\rb", "a\u{0}b"] {
            let bad = HTTPRequest(service: .clerkPlatform, url: url, headers: ["If-Match": value])
            #expect(bad.headerLines() == .failure(HeaderRefusal(name: "If-Match")))
        }
        for name in ["Bad Name", "X:Y", "", "Ünïcode", "X\r\nY"] {
            let bad = HTTPRequest(service: .clerkPlatform, url: url, headers: [name: "v"])
            #expect(bad.headerLines() == .failure(HeaderRefusal(name: name)))
        }
    }

    @Test func headerBlockIsReadLikeHTTP() {
        let block = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nVary: Accept\r\nvary: Origin\r\nX-Folded: a\r\n  b\r\nRetry-After:  5 \r\nno colon here\r\n\r\n"
        let headers = HeaderBlock.parse(Data(block.utf8))
        #expect(headers["content-type"] == "application/json")
        #expect(headers["vary"] == "Accept, Origin")
        #expect(headers["x-folded"] == "a b")
        #expect(headers["retry-after"] == "5")
        #expect(headers.count == 4)
        #expect(HeaderBlock.parse(Data([0x58, 0x3A, 0x20, 0xE9, 0x0D, 0x0A]))["x"] == "é")
    }

    // MARK: Transport failures

    @Test func curlCodesAreNamedForWhatHappened() {
        #expect(CurlTransport.failure(code: 28, detail: "") == .timedOut(detail: ""))
        for code in [35, 58, 60, 77, 83, 90, 91] { #expect(CurlTransport.failure(code: code, detail: "x") == .tls(code: code, detail: "x")) }
        for code in [5, 6, 7, 97] { #expect(CurlTransport.failure(code: code, detail: "x") == .unreachable(code: code, detail: "x")) }
        for code in [18, 52, 55, 56, 92] { #expect(CurlTransport.failure(code: code, detail: "x") == .connectionLost(code: code, detail: "x")) }
        #expect(CurlTransport.failure(code: 43, detail: "x") == .other(code: 43, detail: "x"))
    }

    @Test func transportErrorsSayWhatHappenedAndWhetherToRetry() {
        let url = URL(string: "https://api.clerk.com/v1/platform/applications")!
        let get = HTTPRequest(service: .clerkPlatform, url: url)
        let tls = RemoteErrors.transport(.tls(code: 60, detail: "SSL certificate problem: self-signed certificate"), request: get, timeout: 15)
        #expect(tls.kind == .tls)
        #expect(tls.userMessage.hasPrefix("The TLS certificate of api.clerk.com could not be verified (SSL certificate problem: self-signed certificate)"))
        #expect(!get.mayRetry(transport: tls.kind))
        let missing = RemoteErrors.transport(.libraryMissing(detail: "libcurl.so.4: cannot open shared object file"), request: get, timeout: 15)
        #expect(missing.kind == .notSent)
        #expect(missing.userMessage.contains("bbclerk needs libcurl 4 for HTTPS"))
        #expect(missing.userMessage.contains("apt-get install libcurl4"))
        let reset = RemoteErrors.transport(.connectionLost(code: 56, detail: "Connection reset by peer"), request: get, timeout: 15)
        #expect(reset.kind == .network)
        #expect(reset.userMessage.contains("was reset or closed"))
        #expect(get.mayRetry(transport: reset.kind))
        let large = RemoteErrors.transport(.bodyTooLarge(limit: 1 << 20), request: get, timeout: 15)
        #expect(large.userMessage.hasPrefix("Clerk's Platform API's answer to GET /v1/platform/applications was larger than 1 MiB; bbclerk stopped reading it."))
        let timeout = RemoteErrors.transport(.timedOut(detail: "Operation timed out"), request: get, timeout: 15)
        #expect(timeout.kind == .timeout)
        #expect(timeout.userMessage.contains("did not answer within 15 seconds"))
    }

    // MARK: Fix lines

    static let services: [RemoteError.Service] = [.bitbucket, .bitbucketOAuth, .clerkPlatform, .clerkBackend, .clerkFrontend]
    static let kinds: [RemoteError.Kind] = [
        .unauthorized, .forbidden(missingScopes: nil), .forbidden(missingScopes: MissingScopes(granted: [], required: ["account"])),
        .notFound, .gone, .rateLimited(retryAfter: nil), .rateLimited(retryAfter: 30), .conflict, .validation,
        .badRequest(code: nil), .badRequest(code: "form_param_invalid"), .server(status: 503), .timeout, .network, .tls,
        .notSent, .malformedResponse, .cancelled,
    ]

    @Test func everyFixLineFitsItsCause() {
        let reach = "Check the network connection (and HTTPS_PROXY) and run again."
        for service in Self.services {
            for kind in Self.kinds {
                let error = RemoteError(service: service, kind: kind, userMessage: "m", logDetail: "d")
                let fix = error.fix(retry: "run again", reach: reach)
                let label = "\(service) \(kind): \(fix)"
                #expect(!fix.isEmpty && fix.hasSuffix(".") && !fix.contains("\n"), "\(label)")
                #expect(fix.first?.isUppercase == true, "\(label)")
                let transient: Bool = switch kind {
                case .rateLimited, .server, .timeout, .network, .tls, .malformedResponse, .cancelled, .notSent: true
                default: false
                }
                if transient {
                    // Credential advice, looked for outside the service's own name.
                    let advice = fix.replacingOccurrences(of: service.displayName, with: "").lowercased()
                    for word in ["token", "key", "create", "secret", "credential", "paste", "scope"] {
                        #expect(!advice.contains(word), "\(label)")
                    }
                }
                switch kind {
                case .rateLimited(let after):
                    #expect(fix.hasPrefix(after == nil ? "Wait a minute" : "Wait 30 seconds"), "\(label)")
                case .server:
                    #expect(fix.hasPrefix("\(service.displayName) had a server error"), "\(label)")
                    #expect(fix.contains(RemoteErrors.statusPage(service)), "\(label)")
                    let other = service == .bitbucket || service == .bitbucketOAuth ? "clerk" : "bitbucket"
                    #expect(!fix.lowercased().contains(other), "\(label)")
                case .timeout, .network:
                    #expect(fix == reach, "\(label)")
                case .tls:
                    #expect(fix.contains("clock") && fix.contains("CA certificates") && fix.contains("proxy"), "\(label)")
                default:
                    break
                }
            }
        }
    }

    // MARK: JSON nesting

    @Test func widestBodyWithinTheLimitParsesQuickly() throws {
        // 1 MiB of the smallest values: the most values a default-limit answer can hold.
        for element in ["{}", "1", "[]", "\"\"", "true"] {
            let count = (1 << 20) / (element.utf8.count + 1)
            let body = Data(("[" + Array(repeating: element, count: count).joined(separator: ",") + "]").utf8)
            let started = Date()
            let value = try JSONValue(parsing: body)
            let elapsed = Date().timeIntervalSince(started)
            #expect(value.arrayValue?.count == count)
            #expect(elapsed < 2, "\(element): \(elapsed) s")
        }
    }

    @Test func parserReadsJSONAsTheRFCSays() throws {
        let valid: [(String, JSONValue)] = [
            ("{}", [:]), ("[]", []), ("0", 0), ("-0", .number(-0.0)), ("1.5e3", 1500), ("-2E-2", -0.02), ("true", true), ("null", nil),
            (#" {"a" : [1, 2, {"b": null}]} "#, ["a": [1, 2, ["b": nil]]]),
            (#""\u00e9\ud83d\ude00\/\"\\\b\f\n\r\t""#, .string("é😀/\"\\\u{8}\u{C}\n\r\t")),
            (#""\ud800x""#, .string("\u{FFFD}x")), (#"{"a":1,"a":2}"#, ["a": 2]), ("\"é\"", "é"),
        ]
        for (text, expected) in valid {
            #expect(try JSONValue(parsing: Data(text.utf8)) == expected, "\(text)")
        }
        let invalid = ["", " ", "{", "[1,]", #"{"a":1,}"#, "01", "-01", "1.", ".5", "+1", "-", "1e", #""\x""#, #""open"#, "tru", "nul",
                       "[1 2]", #"{"a" 1}"#, #""\u12""#, "\"a\tb\"", "1e400", "[] []", "{1:2}", "[,1]", "'a'", "NaN", "Infinity"]
        for text in invalid {
            #expect(throws: DecodingError.self, "\(text)") { try JSONValue(parsing: Data(text.utf8)) }
        }
        #expect(throws: DecodingError.self) { try JSONValue(parsing: Data([0x22, 0xFF, 0x22])) }
    }

    @Test func deepNestingFailsFastAndShallowPasses() throws {
        let started = Date()
        #expect(throws: DecodingError.self) { try JSONValue(parsing: Data(String(repeating: "[", count: 100_000).utf8)) }
        let balanced = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: DecodingError.self) { try JSONValue(parsing: Data(balanced.utf8)) }
        let objects = String(repeating: #"{"a":"#, count: 50_000) + "1" + String(repeating: "}", count: 50_000)
        #expect(throws: DecodingError.self) { try JSONValue(parsing: Data(objects.utf8)) }
        #expect(Date().timeIntervalSince(started) < 1)
        let limit = JSONValue.maxNesting
        let deepest = String(repeating: "[", count: limit) + String(repeating: "]", count: limit)
        #expect(try JSONValue(parsing: Data(deepest.utf8)).arrayValue != nil)
        let over = String(repeating: "[", count: limit + 1) + String(repeating: "]", count: limit + 1)
        #expect(throws: DecodingError.self) { try JSONValue(parsing: Data(over.utf8)) }
        // Brackets inside strings (escaped quotes included) are text, not nesting.
        let text = #"{"s":"\"[[[[[\\\"{{{{{"}"#.replacingOccurrences(of: "[[[[[", with: String(repeating: "[", count: 500))
        #expect(try JSONValue(parsing: Data(text.utf8))["s"]?.stringValue?.count == 500 + 8)
    }
}
