import Basics
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The sign-in of Clerk's own CLI (`clerk auth login`), borrowed read-only as a Platform API
/// credential: the Platform API takes its OAuth access token as it takes an `ak_` key
/// (clerk/cli `packages/cli-core/src/lib/plapi.ts` `getAuthToken`: `CLERK_PLATFORM_API_KEY`
/// first, then the stored token).
///
/// Why the store and not the CLI: the CLI has no command that prints its token (as
/// `gh auth token` does), and `clerk api --platform` cannot send `If-Match` (its options are
/// method, body, `--include`: `commands/api/index.ts`), so delegating the config write to it
/// would drop the guard against overwriting someone else's change. The store is read only,
/// never written, and the token is never refreshed: refresh tokens rotate, so a refresh here
/// would sign the CLI out. An expired token is reported with the CLI command that renews it.
///
/// Only the file store can be read (`lib/credential-store.ts`: the OS keyring first, then a
/// mode-0600 file). The keyring is the usual store on a desktop; on a server without a
/// keyring service the CLI falls back to the file, which is where bbclerk is mostly run.
public enum ClerkCLISignIn: Equatable, Sendable {
    /// A current token, and the file it came from.
    case found(token: Secret, path: String, expiresAt: Date?)
    /// The stored session has expired (the CLI's own 30-second leeway included).
    case expired(path: String, expiredAt: Date?)
    /// A file is there but bbclerk will not or cannot use it; `reason` says why and what to do.
    case unusable(path: String, reason: String)
    /// No file: not signed in, or the CLI keeps its session in the OS keyring.
    case absent

    /// The CLI's leeway: a token that expires within 30 s counts as expired
    /// (`credential-store.ts` `JWT_EXPIRY_LEEWAY_MS`).
    static let leeway: TimeInterval = 30

    /// The production environment's credentials file: `$CLERK_CONFIG_DIR/credentials`, else
    /// env-paths' data folder for "clerk-cli" (`lib/constants.ts` `CREDENTIALS_FILE`):
    /// `$XDG_DATA_HOME/clerk-cli` or `~/.local/share/clerk-cli` on Linux,
    /// `~/Library/Application Support/clerk-cli` on macOS. Other CLI environments
    /// (`clerk switch-env`) keep `credentials.<name>` for other API hosts: not used.
    public static func credentialsPath(environment: [String: String]) -> String? {
        if let dir = environment["CLERK_CONFIG_DIR"], !dir.isEmpty { return dir + "/credentials" }
        guard let home = environment["HOME"], !home.isEmpty else { return nil }
        #if os(macOS)
        return home + "/Library/Application Support/clerk-cli/credentials"
        #else
        let data = environment["XDG_DATA_HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil } ?? home + "/.local/share"
        return data + "/clerk-cli/credentials"
        #endif
    }

    /// Looks the sign-in up. The file must pass ``TrustedFile``'s checks: a token planted by
    /// another user would send the config write to their Clerk account.
    public static func lookUp(environment: [String: String], now: Date = Date()) -> ClerkCLISignIn {
        guard let path = credentialsPath(environment: environment) else { return .absent }
        let text: String
        do {
            text = try TrustedFile.text(path, limit: 64 * 1024)
        } catch .notFound {
            return .absent
        } catch {
            return .unusable(path: path, reason: "\(error).")
        }
        return parse(text, path: path, now: now)
    }

    /// The stored value: the JSON session `{accessToken, refreshToken, expiresAt, tokenType}`
    /// (`OAuthSession`, `expiresAt` in milliseconds), or a bare token from older CLI versions,
    /// whose expiry is its JWT's `exp` (no `exp`: expired, as the CLI decides).
    static func parse(_ text: String, path: String, now: Date) -> ClerkCLISignIn {
        let trimmed = text.trimmingWhitespaceAndNewlines()
        if trimmed.isEmpty { return .absent }
        let token: String
        let expiresAt: Date?
        if trimmed.hasPrefix("{") {
            guard let json = try? JSONValue(parsing: Data(trimmed.utf8)),
                  let access = json["accessToken"]?.stringValue, !access.isEmpty else {
                return .unusable(path: path, reason: "\(path) does not hold a Clerk CLI session bbclerk can read: run clerk auth login.")
            }
            token = access
            let millis: Double? = if case .number(let value)? = json["expiresAt"] { value } else { nil }
            expiresAt = millis.flatMap { $0.isFinite ? Date(timeIntervalSince1970: $0 / 1000) : nil } ?? jwtExpiry(access)
        } else {
            token = trimmed
            expiresAt = jwtExpiry(trimmed)
        }
        guard token.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F }) else {
            return .unusable(path: path, reason: "\(path) holds a token with spaces or control characters: run clerk auth login.")
        }
        guard let expiresAt, expiresAt.timeIntervalSince(now) > leeway else { return .expired(path: path, expiredAt: expiresAt) }
        return .found(token: Secret(token), path: path, expiresAt: expiresAt)
    }

    /// The `exp` claim of a JWT, or nil when the token is not one.
    static func jwtExpiry(_ token: String) -> Date? {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3 else { return nil }
        var base64 = String(parts[1]).replacing("-", with: "+").replacing("_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        guard let data = Data(base64Encoded: base64), let json = try? JSONValue(parsing: data),
              case .number(let exp)? = json["exp"], exp.isFinite else { return nil }
        return Date(timeIntervalSince1970: exp)
    }

    /// What to do when the sign-in cannot be used, in one sentence; nil when it can, or
    /// when there is none (then the other ways in are offered as usual).
    public var problem: String? {
        switch self {
        case .found, .absent: nil
        case .expired:
            "Your Clerk CLI sign-in has expired: run clerk whoami (the CLI renews its own sign-in) or clerk auth login, then check again."
        case .unusable(_, let reason):
            "The Clerk CLI sign-in was not used: \(reason)"
        }
    }

    /// The token, when there is a current one.
    public var token: Secret? { if case .found(let token, _, _) = self { token } else { nil } }
}
