import Foundation
import Testing
@testable import SetupCore

/// Borrowing the Clerk CLI's sign-in: where its file is, what it holds, when it is refused.
/// The shapes are clerk/cli's `lib/credential-store.ts` (`OAuthSession`, a bare token from
/// older versions, the 30-second leeway).
struct ClerkCLISignInTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    func session(expiresIn seconds: Double, token: String = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1In0.c2ln") -> String {
        #"{"accessToken":"\#(token)","refreshToken":"rt_never_used","expiresAt":\#((now.timeIntervalSince1970 + seconds) * 1000),"tokenType":"Bearer"}"#
    }

    func jwt(exp: Double?) -> String {
        let claims = exp.map { #"{"sub":"u","exp":\#(Int($0))}"# } ?? #"{"sub":"u"}"#
        let payload = Data(claims.utf8).base64EncodedString().replacing("=", with: "").replacing("+", with: "-").replacing("/", with: "_")
        return "eyJhbGciOiJSUzI1NiJ9.\(payload).c2ln"
    }

    @Test func aCurrentSessionGivesItsAccessTokenOnly() {
        let found = ClerkCLISignIn.parse(session(expiresIn: 3600), path: "/p", now: now)
        #expect(found.token?.exposed == "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1In0.c2ln")
        #expect(found.problem == nil)
    }

    @Test func aSessionWithinTheCLIsLeewayIsExpired() {
        #expect(ClerkCLISignIn.parse(session(expiresIn: 20), path: "/p", now: now).token == nil)
        let expired = ClerkCLISignIn.parse(session(expiresIn: -5), path: "/p", now: now)
        #expect(expired.problem?.contains("run clerk whoami") == true)
        #expect(expired.problem?.contains("clerk auth login") == true)
    }

    @Test func aBareTokenExpiresByItsJWTClaimAndWithoutOneCountsAsExpired() {
        let current = jwt(exp: now.timeIntervalSince1970 + 600)
        #expect(ClerkCLISignIn.parse(current, path: "/p", now: now).token?.exposed == current)
        #expect(ClerkCLISignIn.parse(jwt(exp: now.timeIntervalSince1970 - 1), path: "/p", now: now).token == nil)
        #expect(ClerkCLISignIn.parse(jwt(exp: nil), path: "/p", now: now) == .expired(path: "/p", expiredAt: nil))
        #expect(ClerkCLISignIn.parse("not-a-jwt", path: "/p", now: now) == .expired(path: "/p", expiredAt: nil))
    }

    @Test func brokenOrHostileContentIsUnusableNotUsed() {
        for text in [#"{"refreshToken":"x"}"#, "{not json", session(expiresIn: 3600, token: "eyJ a.b.c"), session(expiresIn: 3600, token: "eyJ\u{1b}[2J.b.c")] {
            let result = ClerkCLISignIn.parse(text, path: "/p", now: now)
            #expect(result.token == nil)
            #expect(result.problem != nil)
        }
        #expect(ClerkCLISignIn.parse("  \n", path: "/p", now: now) == .absent)
    }

    @Test func theFileIsWhereTheCLIKeepsIt() {
        #expect(ClerkCLISignIn.credentialsPath(environment: ["CLERK_CONFIG_DIR": "/c", "HOME": "/h"]) == "/c/credentials")
        #if !os(macOS)
        #expect(ClerkCLISignIn.credentialsPath(environment: ["HOME": "/h"]) == "/h/.local/share/clerk-cli/credentials")
        #expect(ClerkCLISignIn.credentialsPath(environment: ["HOME": "/h", "XDG_DATA_HOME": "/x"]) == "/x/clerk-cli/credentials")
        #expect(ClerkCLISignIn.credentialsPath(environment: ["HOME": "/h", "XDG_DATA_HOME": "relative"]) == "/h/.local/share/clerk-cli/credentials")
        #endif
        #expect(ClerkCLISignIn.credentialsPath(environment: [:]) == nil)
    }

    @Test func aFileOthersCanChangeIsRefusedAndNoFileIsAbsent() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(at: dir) }
        let environment = ["CLERK_CONFIG_DIR": dir.path]
        #expect(ClerkCLISignIn.lookUp(environment: environment) == .absent)
        let file = dir.appendingPathComponent("credentials")
        try session(expiresIn: 3600).write(to: file, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file.path)
        #expect(ClerkCLISignIn.lookUp(environment: environment, now: now).token != nil)
        try FileManager.default.setAttributes([.posixPermissions: 0o666], ofItemAtPath: file.path)
        let refused = ClerkCLISignIn.lookUp(environment: environment, now: now)
        #expect(refused.token == nil)
        #expect(refused.problem?.contains("chmod go-w") == true)
    }
}
