import Foundation

/// The steps of `bbclerk apply` that stand alone (doctor runs some of them too), and the
/// fixes they offer.
extension ApplyRunner {
    static func bitbucketAccount(_ client: BitbucketClient) async -> CommandStep {
        let title = "Bitbucket account"
        do throws(RemoteError) {
            let user = try await client.currentUser()
            return CommandStep(name: "bitbucket_credentials", title: title, status: .ok,
                               message: "Signed in as \(CommandText.safe(user.displayName, limit: 80)).")
        } catch {
            return CommandStep(name: "bitbucket_credentials", title: title, status: .failed, message: error.userMessage,
                               fix: bitbucketTokenFix)
        }
    }

    static let bitbucketTokenFix = "Create an API token with scopes (app Bitbucket; read:user:bitbucket and read:workspace:bitbucket) at https://id.atlassian.com/manage-profile/security/api-tokens and set BITBUCKET_EMAIL and BITBUCKET_API_TOKEN."

    func workspaceStep(_ client: BitbucketClient, slug: String) async -> CommandStep {
        let title = "Bitbucket workspace"
        do throws(RemoteError) {
            let role = try await client.permission(in: slug)
            return CommandStep(name: "workspace", title: title, status: .ok,
                               message: "\(CommandText.safe(slug, limit: 80)): you are \(role.rawValue) there.")
        } catch {
            return CommandStep(name: "workspace", title: title, status: .failed, message: error.userMessage,
                               fix: "Check --workspace: it is the slug in the workspace's URL (bitbucket.org/<slug>), of a workspace your account belongs to.")
        }
    }

    static func consumerStep(_ verdict: CredentialVerdict, target: ClerkTarget) -> CommandStep {
        let title = "Consumer key and secret"
        let message = CommandText.safe(verdict.userMessage, limit: 400)
        if verdict.isUsable { return CommandStep(name: "consumer", title: title, status: .ok, message: message) }
        let fix: String = switch verdict {
        case .valid: "In Bitbucket, edit the consumer and tick Account → Email and Account → Read, then run again."
        case .wrongCredentials, .publicConsumer(.credentialsRejected):
            "Copy the Key and Secret again from Workspace settings → OAuth consumers and run again."
        case .noCallbackURL: "Set the consumer's Callback URL in Bitbucket to \(target.callbackURL) and run again."
        case .publicConsumer: "Tick \"This is a private consumer\" in Bitbucket so the key and secret can be checked fully."
        case .rateLimited: "Wait a minute and run again."
        case .failed: "Check the network connection and run again."
        }
        return CommandStep(name: "consumer", title: title, status: .failed, message: message, fix: fix)
    }

    static func frontendStep(_ clerk: ClerkClient, target: ClerkTarget) async -> CommandStep {
        let title = "Frontend API"
        do throws(RemoteError) {
            if try await clerk.isBitbucketEnabled(frontendAPIURL: target.frontendAPIURL) {
                return CommandStep(name: "frontend_api", title: title, status: .ok,
                                   message: "\(CommandText.safe(target.frontendAPIURL.absoluteString))/v1/environment shows Bitbucket sign-in (oauth_bitbucket) enabled.")
            }
            return CommandStep(name: "frontend_api", title: title, status: .failed,
                               message: "\(CommandText.safe(target.frontendAPIURL.absoluteString))/v1/environment does not show Bitbucket sign-in enabled.",
                               fix: "In the Clerk Dashboard open SSO connections → Bitbucket and turn on \"Enable for sign-up and sign-in\", or run bbclerk apply.")
        } catch {
            return CommandStep(name: "frontend_api", title: title, status: .failed, message: error.userMessage,
                               fix: "Check that the instance's Frontend API (\(CommandText.safe(target.frontendAPIURL.absoluteString))) is reachable and run again.")
        }
    }

    static func clerkFix(_ error: RemoteError) -> String {
        switch error.kind {
        case .validation: "Fix what Clerk named above (production instances need both client_id and client_secret) and run again."
        case .unauthorized: "Set CLERK_PLATFORM_API_KEY (or --clerk-platform-key-file) to a Platform API key (ak_…)."
        case .forbidden: "Use a Platform API key that may change this instance's config."
        default: "Run again in a moment; nothing was changed."
        }
    }
}
