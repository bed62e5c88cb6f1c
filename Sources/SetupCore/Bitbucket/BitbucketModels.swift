import Basics
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// How bbclerk signs in to Bitbucket's REST API: an Atlassian account email and an API
/// token with scopes, sent as HTTP Basic.
public struct BitbucketCredentials: Sendable {
    public var email: String
    public var token: Secret

    public init(email: String, token: Secret) {
        self.email = email.trimmingWhitespaceAndNewlines()
        self.token = token
    }
}

/// The signed-in Bitbucket account, from `GET /2.0/user`.
public struct BitbucketUser: Sendable, Equatable {
    public var uuid: String
    public var displayName: String
    public var username: String?
    public var accountID: String?

    public init(uuid: String, displayName: String, username: String? = nil, accountID: String? = nil) {
        self.uuid = uuid
        self.displayName = displayName
        self.username = username
        self.accountID = accountID
    }
}
