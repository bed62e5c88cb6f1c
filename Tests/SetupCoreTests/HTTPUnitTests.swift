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
}
