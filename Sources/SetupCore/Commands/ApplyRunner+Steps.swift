#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

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

    static func consumerStep(_ verdict: CredentialVerdict, target: ClerkTarget?, allowUnverifiedSecret: Bool = false) -> CommandStep {
        let title = "Consumer key and secret"
        let message = CommandText.safe(verdict.userMessage, limit: 400)
        if verdict.isUsable, verdict.isWeakEvidence, !allowUnverifiedSecret {
            return CommandStep(name: "consumer", title: title, status: .failed, message: message,
                               fix: "Tick \"This is a private consumer\" in Bitbucket for a full check, or pass --allow-unverified-secret to write a secret bbclerk could not verify.")
        }
        if verdict.isUsable { return CommandStep(name: "consumer", title: title, status: .ok, message: message) }
        let fix: String = switch verdict {
        case .valid: "In Bitbucket, edit the consumer and tick Account → Email and Account → Read, then run again."
        case .wrongCredentials, .publicConsumer(.credentialsRejected):
            "Copy the Key and Secret again from Workspace settings → OAuth consumers and run again."
        case .noCallbackURL: "Set the consumer's Callback URL in Bitbucket to \(target?.callbackURL ?? "Clerk's Callback URL (the Frontend API URL followed by /v1/oauth_callback)") and run again."
        case .publicConsumer: "Tick \"This is a private consumer\" in Bitbucket so the key and secret can be checked fully."
        case .rateLimited: "Wait a minute and run again."
        case .failed: "Check the network connection and run again."
        }
        return CommandStep(name: "consumer", title: title, status: .failed, message: message, fix: fix)
    }

    /// What Clerk's Frontend API shows. After a write, a "not enabled" is asked again with
    /// capped backoff first, because Clerk's reads may lag its writes.
    static func frontendStep(_ clerk: ClerkClient, target: ClerkTarget, platformKey: Secret?, afterWrite: Bool = false) async -> CommandStep {
        let title = "Frontend API"
        let endpoint = "\(CommandText.safe(target.frontendAPIURL.absoluteString))/v1/environment"
        let probe = target.frontendProbe(platformKey: platformKey)
        var attempt = 1
        while true {
            let check: FrontendCheck
            do throws(RemoteError) {
                check = try await clerk.frontendCheck(probe)
            } catch {
                return CommandStep(name: "frontend_api", title: title, status: .failed, message: error.userMessage,
                                   fix: error.fix(retry: "run again", reach: "Check that the instance's Frontend API (\(CommandText.safe(target.frontendAPIURL.absoluteString))) is reachable from here and run again."))
            }
            switch check {
            case .signIn(true, true):
                let waited = attempt > 1 ? " (after waiting \(RemoteErrors.seconds(PropagationBackoff.waited(after: attempt))) for the change to propagate)" : ""
                return CommandStep(name: "frontend_api", title: title, status: .ok,
                                   message: "\(endpoint) shows Bitbucket sign-in (oauth_bitbucket) enabled\(waited).")
            case .signIn(false, _) where afterWrite:
                if await PropagationBackoff.sleep(after: attempt) {
                    attempt += 1
                    continue
                }
                return CommandStep(name: "frontend_api", title: title, status: .failed,
                                   message: "Clerk accepted the change, but \(RemoteErrors.seconds(PropagationBackoff.waited(after: attempt))) later \(endpoint) still does not show Bitbucket sign-in enabled: it may still be propagating.",
                                   fix: "Run bbclerk doctor in a few minutes to confirm it.")
            case .signIn(true, false):
                return CommandStep(name: "frontend_api", title: title, status: .failed, message: check.userMessage,
                                   fix: "In the Clerk Dashboard open SSO connections → Bitbucket and turn on \"Enable for sign-up and sign-in\".")
            case .signIn(false, _):
                return CommandStep(name: "frontend_api", title: title, status: .failed,
                                   message: "\(endpoint) does not show Bitbucket sign-in enabled.",
                                   fix: "In the Clerk Dashboard open SSO connections → Add connection → For all users → Bitbucket, turn on \"Enable for sign-up and sign-in\" and \"Use custom credentials\", or run bbclerk apply.")
            case .dnsNotVerified, .sslPending:
                return CommandStep(name: "frontend_api", title: title, status: .failed, message: check.userMessage,
                                   fix: "Finish the domain's setup under Domains in the Clerk Dashboard, then run bbclerk doctor again.")
            }
        }
    }

    /// The fix for a Clerk error before any write (reads and dry runs).
    static func clerkFix(_ error: RemoteError) -> String {
        switch error.kind {
        case .validation: "Fix what Clerk named above (production instances need both client_id and client_secret) and run again."
        case .unauthorized: "Set CLERK_PLATFORM_API_KEY (or --clerk-platform-key-file) to a Platform API key (ak_…)."
        case .forbidden: "Use a Platform API key that may change this instance's config."
        default: error.fix(retry: "run again", reach: "Check the network connection (and HTTPS_PROXY) and run again.")
        }
    }
}
