#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A remote call that did not give the answer asked for, in a form every front end can use:
/// a `kind` to branch on, one sentence for the user, and a detail line for the log.
///
/// Neither text ever holds a secret: they are built from statuses, error codes and the
/// services' own (sanitised) messages, never from request headers or bodies.
public struct RemoteError: Error, Sendable, Equatable, LocalizedError {
    /// Which remote service answered (or failed to).
    public enum Service: String, Sendable {
        case bitbucket, bitbucketOAuth, clerkPlatform, clerkBackend, clerkFrontend

        /// The service's name as the user knows it.
        public var displayName: String {
            switch self {
            case .bitbucket: "Bitbucket"
            case .bitbucketOAuth: "Bitbucket's OAuth token endpoint"
            case .clerkPlatform: "Clerk's Platform API"
            case .clerkBackend: "Clerk's Backend API"
            case .clerkFrontend: "Clerk's Frontend API"
            }
        }
    }

    /// What went wrong, coarse enough to decide what to do next.
    public enum Kind: Sendable, Equatable {
        case unauthorized
        /// Access refused; `missingScopes` when the service said which scopes were lacking.
        case forbidden(missingScopes: MissingScopes?)
        case notFound
        /// The endpoint was removed (Bitbucket's CHANGE-2770).
        case gone
        /// `retryAfter` in seconds, when the service said.
        case rateLimited(retryAfter: Double?)
        /// Optimistic concurrency failed: the resource changed since it was read.
        case conflict
        /// The service understood the request but rejected its values (422).
        case validation
        /// `code` is the service's error code (Clerk `code`, OAuth `error`), when given.
        case badRequest(code: String?)
        case server(status: Int)
        case timeout
        /// No connection, or it broke before the whole answer arrived (reset, closed).
        case network
        /// The TLS handshake failed or the server's certificate could not be verified: never
        /// retried, since a second try meets the same certificate (or the same proxy).
        case tls
        /// bbclerk refused to send the request (a header value with a line break) or could
        /// not (libcurl missing): nothing reached the service.
        case notSent
        /// An answer that is not what the service documents (bad JSON, an HTML page on 2xx).
        case malformedResponse
        case cancelled
    }

    public var service: Service
    public var kind: Kind
    /// The HTTP status, when an answer arrived.
    public var status: Int?
    /// One sentence a user can act on: what happened and what to do next.
    public var userMessage: String
    /// Status, error code, trace id and the service's message, for the log. Never a secret.
    public var logDetail: String

    public init(service: Service, kind: Kind, status: Int? = nil, userMessage: String, logDetail: String) {
        self.service = service
        self.kind = kind
        self.status = status
        self.userMessage = userMessage
        self.logDetail = logDetail
    }

    public var errorDescription: String? { userMessage }

    /// Whether the user pressing Esc (task cancellation) caused it: front ends show nothing.
    public var isCancellation: Bool { kind == .cancelled }
}

/// The scopes a Bitbucket answer said were granted and required, from a 403's
/// `error.detail` object (`{"granted":[…],"required":[…]}`).
public struct MissingScopes: Sendable, Equatable {
    public var granted: [String]
    public var required: [String]

    public init(granted: [String], required: [String]) {
        self.granted = granted
        self.required = required
    }

    /// Required scopes that are not granted, in the order Bitbucket listed them.
    public var missing: [String] { required.filter { !granted.contains($0) } }
}
