#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The consumer form as the sandbox's creation endpoint takes it: the six fields of
/// Bitbucket's Add consumer form, the private toggle and the scopes.
public struct SandboxConsumerRequest: Sendable, Equatable {
    public var name: String
    public var description: String
    public var callbackURL: String
    public var url: String
    public var privacyPolicyURL: String
    public var eulaURL: String
    public var isPrivate: Bool
    public var scopes: [String]

    public init(
        name: String, description: String = "", callbackURL: String, url: String = "", privacyPolicyURL: String = "",
        eulaURL: String = "", isPrivate: Bool = true, scopes: [String] = ["account", "email"]
    ) {
        self.name = name
        self.description = description
        self.callbackURL = callbackURL
        self.url = url
        self.privacyPolicyURL = privacyPolicyURL
        self.eulaURL = eulaURL
        self.isPrivate = isPrivate
        self.scopes = scopes
    }

    var json: JSONValue {
        [
            "name": .string(name), "description": .string(description), "callback_url": .string(callbackURL),
            "url": .string(url), "privacy_policy_url": .string(privacyPolicyURL), "eula_url": .string(eulaURL),
            "private": .bool(isPrivate), "scopes": .array(scopes.map(JSONValue.string)),
        ]
    }
}

extension BitbucketClient {
    /// Creates a consumer in the sandbox (`POST {web}/_sandbox/{workspace}/oauth-consumers`),
    /// standing in for the browser step. Real Bitbucket has no such API, so this refuses to
    /// run unless the web endpoint is on loopback.
    public func createConsumerInSandbox(_ form: SandboxConsumerRequest, workspace: String) async throws(RemoteError) -> ConsumerCredentials {
        let url = endpoints.bitbucketWeb.appendingSegments(["_sandbox", workspace, "oauth-consumers"])
        let request = signed(HTTPRequest(
            service: .bitbucket, method: .post, url: url, headers: ["Content-Type": "application/json"], body: form.json.jsonData()))
        guard Endpoints.isLoopbackHost(url.host) else {
            throw RemoteError(
                service: .bitbucket, kind: .badRequest(code: "not_sandbox"),
                userMessage: "Bitbucket has no API to create OAuth consumers: create it in the browser with the link shown, then paste its key and secret.",
                logDetail: "\(request.logLabel): refused, web endpoint is not loopback")
        }
        let body = try await http.decode(BBSandboxConsumer.self, for: request)
        return ConsumerCredentials(key: body.key, secret: Secret(body.secret))
    }
}

struct BBSandboxConsumer: Decodable {
    var key: String
    var secret: String
}
