import Basics
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Where a credential came from, so the Connect screen can say so.
public enum CredentialSource: String, Sendable, Equatable {
    case environment = "environment"
    case file = "file"
    case prompt = "typed here"
    case sandbox = "sandbox"
    case clerkCLI = "Clerk CLI sign-in"
}

/// The credentials bbclerk signs in with. Secrets stay in ``Secret``.
public struct SessionCredentials: Equatable, Sendable {
    public var bitbucketEmail = ""
    public var bitbucketToken: Secret?
    public var clerkPlatformKey: Secret?
    public var clerkSecretKey: Secret?
    public var clerkPublishableKey = ""
    public var sources: [String: CredentialSource] = [:]
    /// Why the Clerk CLI's sign-in was found but not used (expired, unsafe file), to show
    /// beside the Platform API key; nil when it was used or there is none.
    public var clerkCLIProblem: String?

    public init() {}

    /// Whether any Clerk key is given: a Platform API key, or for manual mode a secret or
    /// publishable key.
    public var hasClerkKey: Bool { clerkPlatformKey != nil || clerkSecretKey != nil || !clerkPublishableKey.isEmpty }

    /// Reads `BITBUCKET_EMAIL`, `BITBUCKET_API_TOKEN`, `CLERK_PLATFORM_API_KEY`,
    /// `CLERK_SECRET_KEY` and `CLERK_PUBLISHABLE_KEY`.
    public static func fromEnvironment(_ environment: [String: String]) -> SessionCredentials {
        var credentials = SessionCredentials()
        func take(_ name: String) -> String? {
            guard let value = environment[name]?.trimmingWhitespaceAndNewlines(), !value.isEmpty else { return nil }
            credentials.sources[name] = .environment
            return value
        }
        credentials.bitbucketEmail = take("BITBUCKET_EMAIL") ?? ""
        credentials.bitbucketToken = take("BITBUCKET_API_TOKEN").map(Secret.init)
        credentials.clerkPlatformKey = take("CLERK_PLATFORM_API_KEY").map(Secret.init)
        credentials.clerkSecretKey = take("CLERK_SECRET_KEY").map(Secret.init)
        credentials.clerkPublishableKey = take("CLERK_PUBLISHABLE_KEY") ?? ""
        return credentials
    }

    /// Takes the Clerk CLI's sign-in as the Platform credential when nothing else gave one
    /// (the CLI's own order: `CLERK_PLATFORM_API_KEY` first).
    public mutating func borrow(_ signIn: ClerkCLISignIn) {
        guard clerkPlatformKey == nil else { clerkCLIProblem = nil; return }
        if let token = signIn.token {
            clerkPlatformKey = token
            sources["CLERK_PLATFORM_API_KEY"] = .clerkCLI
            SecretRedactor.shared.register(token)
        }
        clerkCLIProblem = signIn.problem
    }

    /// Whether the Platform credential is the Clerk CLI's sign-in.
    public var platformKeyIsClerkCLISignIn: Bool { sources["CLERK_PLATFORM_API_KEY"] == .clerkCLI }

    /// Bitbucket's Basic credentials, when both halves are there.
    public var bitbucket: BitbucketCredentials? {
        guard !bitbucketEmail.isEmpty, let token = bitbucketToken, !token.isEmpty else { return nil }
        return BitbucketCredentials(email: bitbucketEmail, token: token)
    }
}

// The reducer compares effects in tests; the token compares by value, never by printing.
extension BitbucketCredentials: Equatable {
    public static func == (lhs: BitbucketCredentials, rhs: BitbucketCredentials) -> Bool {
        lhs.email == rhs.email && lhs.token == rhs.token
    }
}
