import Basics
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Bitbucket's two 401s on the REST API. Most answers are its JSON error envelope with a
/// `WWW-Authenticate` challenge, but clients also meet a bare plain-text 401 (API-NOTES:
/// "body may be non-JSON"), so the sandbox serves both and a client must survive either.
enum BitbucketUnauthorized {
    /// The Basic username that selects the plain-text 401. It is never the account's email,
    /// so the credentials fail whatever the password is; tests and manual runs send it on
    /// purpose (`curl -u plaintext-401@example.com:x …/bitbucket-api/2.0/user`). A fixed
    /// value rather than a `SandboxOptions` switch, so one sandbox serves both variants.
    static let plainTextUsername = "plaintext-401@example.com"

    /// The message Bitbucket sends for a wrong, expired or unsuitable API token.
    static let message = "Token is invalid, expired, or not supported for this endpoint."

    /// The challenge Bitbucket sends with its 401s.
    static let challenge = ("WWW-Authenticate", "Basic realm=\"Bitbucket.org HTTP\"")

    /// `{"type":"error","error":{"message":…}}`, `application/json`, with the challenge.
    static let json = SandboxResponse.json(
        401, ["type": "error", "error": ["message": .string(message)]], headers: [challenge]
    )

    /// The non-JSON variant, with the body captured in GearPlug/bitbucket-python#10 (2023) and
    /// renovatebot/renovate#20533 (sent for a login method Bitbucket does not take there).
    static let plainText = SandboxResponse.text(401, """
        Login failed due to incorrect login credentials or method.
        For information on authentication methods for Bitbucket Cloud APIs, visit:
            https://developer.atlassian.com/cloud/bitbucket/rest/intro/#authentication
        If you are unsure of which login details or login method to use, visit:
            https://support.atlassian.com/bitbucket-cloud/docs/log-into-or-connect-to-bitbucket-cloud/

        """, headers: [challenge])

    /// The 401 for `request`: plain text when its Basic username is ``plainTextUsername``,
    /// the JSON envelope otherwise (missing, malformed or wrong credentials alike).
    static func response(for request: SandboxRequest) -> SandboxResponse {
        if let user = request.basicCredentials?.user, user.equalsIgnoringCase(plainTextUsername) {
            return plainText
        }
        return json
    }
}
