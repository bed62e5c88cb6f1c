#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// What the authorization_code probe said about a public consumer's key and secret.
/// Weaker evidence than a token: the probe's answers are not confirmed against the live
/// service (API-NOTES).
public enum PublicConsumerProbe: Sendable, Equatable {
    /// Bitbucket complained about the made-up code, not the client: key and secret look right.
    case credentialsAccepted
    /// Bitbucket rejected the client itself.
    case credentialsRejected
    /// Neither: the reason, for the user and the log.
    case inconclusive(String)
}

/// The outcome of checking a consumer's key and secret at Bitbucket's token endpoint.
public enum CredentialVerdict: Sendable, Equatable {
    /// Private consumer, token issued; scopes from `scope` (or the legacy `scopes`).
    case valid(grantedScopes: [String])
    case wrongCredentials
    /// The consumer is public, so only the authorization_code probe could run.
    case publicConsumer(probe: PublicConsumerProbe)
    /// The consumer has no Callback URL, so Bitbucket refuses every token request.
    case noCallbackURL
    case rateLimited(retryAfter: Double?)
    /// Network, timeout, malformed answer, server error, or an error Bitbucket did not document.
    case failed(RemoteError)

    /// For ``valid(grantedScopes:)``: which of ``PermissionCatalogue/requiredByClerk`` are
    /// not granted (`account:write` counts as `account`, as Bitbucket's write scopes include
    /// read), Account → Read first.
    public var missingRequiredScopes: [String] {
        guard case .valid(let granted) = self else { return [] }
        return PermissionCatalogue.requiredByClerk.map(\.rawValue).sorted().filter { scope in
            !granted.contains(scope) && !granted.contains("\(scope):write")
        }
    }

    /// Whether the key and secret can go to Clerk as they are: the one answer to that
    /// question (a valid pair with the scopes Clerk needs, or a public consumer whose probe
    /// accepted them).
    public var isUsable: Bool {
        if case .valid = self { return missingRequiredScopes.isEmpty }
        return self == .publicConsumer(probe: .credentialsAccepted)
    }

    /// A public consumer's probe is weaker evidence than a token actually issued: Bitbucket
    /// does not document the order of its checks, so a wrong secret might pass it.
    public var isWeakEvidence: Bool { if case .publicConsumer = self { true } else { false } }

    /// Whether the verdict keeps the wizard from going on to Sync: exactly when it is not usable.
    public var blocksSync: Bool { !isUsable }

    /// The missing scopes as the form labels them ("Account → Read and Account → Email").
    static func labels(of scopes: [String]) -> String {
        scopes.map { PermissionCatalogue.label(of: Scope(rawValue: $0)) }.joined(separator: " and ")
    }

    /// The verdict in words: what was found and what to do next.
    public var userMessage: String {
        switch self {
        case .valid:
            let missing = missingRequiredScopes
            if missing.isEmpty {
                return "Bitbucket accepted the key and secret, and the consumer grants Account Email and Read: ready for Clerk."
            }
            let names = Self.labels(of: missing)
            return "Bitbucket accepted the key and secret, but the consumer lacks \(names), which Clerk needs: edit the consumer in Bitbucket, tick \(names), and save."
        case .wrongCredentials:
            return "Bitbucket did not accept this key and secret: copy both again from the consumer's row under Workspace settings → OAuth consumers."
        case .publicConsumer(.credentialsAccepted):
            return "The consumer is public, so only a weaker check could run: it suggests the key is right, but it may not prove the secret (Bitbucket does not document the order of its checks). Tick \"This is a private consumer\" in Bitbucket for a full check of key, secret and scopes."
        case .publicConsumer(.credentialsRejected):
            return "The consumer is public, and in the weaker check it allows Bitbucket did not accept this key and secret: copy both again from Bitbucket."
        case .publicConsumer(.inconclusive(let reason)):
            return "The consumer is public and the weaker check it allows was inconclusive (\(RemoteText.clause(reason))): tick \"This is a private consumer\" in Bitbucket for a full check."
        case .noCallbackURL:
            return "The consumer has no Callback URL, so Bitbucket refuses every sign-in: edit the consumer in Bitbucket and set its Callback URL to Clerk's, exactly."
        case .rateLimited(let retryAfter):
            let wait = retryAfter.map { "wait \(RemoteErrors.seconds($0))" } ?? "wait a minute"
            return "Bitbucket is limiting token requests: \(wait) and check again."
        case .failed(let error):
            return error.userMessage
        }
    }
}
