#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The checks `bbclerk doctor` runs, in order, with their titles and the fixes it offers.
public enum DoctorCheck: String, CaseIterable, Sendable {
    case bitbucketCredentials = "bitbucket_credentials"
    case clerkCredentials = "clerk_credentials"
    case clerkApplication = "clerk_application"
    case clerkConnection = "clerk_connection"
    case bitbucketClientID = "bitbucket_client_id"
    case consumerScopes = "consumer_scopes"
    case frontendAPI = "frontend_api"
    case callback

    /// The checks that need Clerk's credentials to have held, in order.
    static let afterClerkCredentials: [DoctorCheck] = [.clerkApplication, .clerkConnection, .bitbucketClientID, .consumerScopes, .frontendAPI, .callback]

    public var title: String {
        switch self {
        case .bitbucketCredentials: "Bitbucket credentials"
        case .clerkCredentials: "Clerk credentials"
        case .clerkApplication: "Clerk application and instance"
        case .clerkConnection: "Bitbucket connection in Clerk"
        case .bitbucketClientID: "Bitbucket accepts the client_id"
        case .consumerScopes: "Consumer grants Account Email and Read"
        case .frontendAPI: "Frontend API shows Bitbucket sign-in"
        case .callback: "Callback URL"
        }
    }

    func ok(_ message: String) -> CommandStep {
        CommandStep(name: rawValue, title: title, status: .ok, message: message)
    }

    func failed(_ message: String, fix: String) -> CommandStep {
        CommandStep(name: rawValue, title: title, status: .failed, message: message, fix: fix)
    }

    func warning(_ message: String) -> CommandStep {
        CommandStep(name: rawValue, title: title, status: .warning, message: message)
    }

    func skipped(_ message: String) -> CommandStep {
        CommandStep(name: rawValue, title: title, status: .skipped, message: message)
    }

    /// The command that would set the connection up, for fixes.
    static func applyCommand(_ target: ClerkTarget?) -> String {
        guard let target else { return "bbclerk apply" }
        let application = target.applicationID ?? "\"\(CommandText.safe(target.applicationName, limit: 60))\""
        let instance = target.environment == .production || target.environment == .development ? target.environment.rawValue : target.instanceID
        return "bbclerk apply --application \(application) --instance \(instance) --workspace <slug> --consumer-key <Key> --consumer-secret-file <file>"
    }

    // MARK: The Clerk connection rule

    /// Production must have the connection on with custom credentials, both a client_id
    /// and a secret (clerk/cli `hasProviderRequiredCredentials` checks both); development
    /// may use Clerk's shared credentials (then the Bitbucket checks have nothing to verify).
    static func connection(_ config: BitbucketConnectionConfig, target: ClerkTarget) -> CommandStep {
        let check = DoctorCheck.clerkConnection
        let enabled = config.enabled == true
        let dashboard = "the Clerk Dashboard (SSO connections → Add connection → For all users → Bitbucket → Use custom credentials)"
        switch (enabled, config.clientID, config.secretSet) {
        case (true, let id?, true):
            return check.ok("connection_oauth_bitbucket is enabled with custom credentials (client_id \(CommandText.safe(id, limit: 80)), secret set).")
        case (true, let id?, nil):
            // Half known: no ✓ for the half Clerk did not show.
            return check.warning("connection_oauth_bitbucket is enabled with client_id \(CommandText.safe(id, limit: 80)); Clerk's answer did not say whether a secret is set.")
        case (true, let id?, false):
            return check.failed("connection_oauth_bitbucket is enabled with client_id \(CommandText.safe(id, limit: 80)) but no client secret, so sign-in cannot work.",
                                fix: "Set the consumer's Secret: run \(applyCommand(target)), or paste it in \(dashboard).")
        case (true, nil, _) where target.customCredentialsOptional:
            return check.ok("connection_oauth_bitbucket is enabled with Clerk's shared credentials: fine on a development instance, where custom credentials are optional (production needs its own consumer).")
        case (true, nil, _):
            return check.failed("connection_oauth_bitbucket is enabled but has no custom client_id; a production instance needs its own Bitbucket consumer.",
                                fix: "Create a consumer in Bitbucket (bbclerk walks you through it) and run \(applyCommand(target)).")
        case (false, _, _) where target.customCredentialsOptional:
            return check.failed("connection_oauth_bitbucket is not enabled on this development instance.",
                                fix: "Turn it on in \(dashboard.replacing(" → Use custom credentials", with: "")) (shared credentials are fine in development) or run \(applyCommand(target)).")
        case (false, _, _):
            return check.failed("connection_oauth_bitbucket is not enabled on this production instance.",
                                fix: "Create a Bitbucket OAuth consumer and run \(applyCommand(target)) (or run bbclerk for the guided setup).")
        }
    }

    // MARK: The consumer

    /// With the secret: the verdict for the configured client_id. Without: only that one is set.
    static func clientID(_ clientID: String?, verdict: CredentialVerdict?, target: ClerkTarget) -> CommandStep {
        let check = DoctorCheck.bitbucketClientID
        guard let clientID else {
            if target.customCredentialsOptional {
                return check.skipped("No custom client_id: Clerk's shared Bitbucket credentials are used, so there is nothing to verify at Bitbucket.")
            }
            return check.skipped("No client_id is configured in Clerk (see above).")
        }
        let id = CommandText.safe(clientID, limit: 80)
        guard let verdict else {
            // Not checked, so no ✓: only that a client_id is set is known.
            return check.skipped("client_id \(id) is set in Clerk; not verified at Bitbucket (pass --consumer-secret-file with the consumer's Secret to verify the pair).")
        }
        let message = CommandText.safe(verdict.userMessage, limit: 400)
        switch verdict {
        case .valid:
            return check.ok("Bitbucket issued a token for client_id \(id) and the given secret: the pair is valid.")
        case .publicConsumer(.credentialsAccepted):
            return check.ok(message)
        case .wrongCredentials, .publicConsumer(.credentialsRejected):
            return check.failed("Bitbucket did not accept client_id \(id) with the given secret.",
                                fix: "If the secret file is right, Clerk holds the wrong key: run \(applyCommand(target)) with the consumer's Key and Secret.")
        case .noCallbackURL:
            return check.failed(message, fix: "Edit the consumer in Bitbucket and set its Callback URL to \(target.callbackURL).")
        case .publicConsumer:
            return check.failed(message, fix: "Tick \"This is a private consumer\" in Bitbucket, then run bbclerk doctor again.")
        case .rateLimited:
            return check.failed(message, fix: "Wait a minute and run bbclerk doctor again.")
        case .failed:
            return check.failed(message, fix: "Check the network connection and run bbclerk doctor again.")
        }
    }

    static func scopes(_ verdict: CredentialVerdict?) -> CommandStep {
        let check = DoctorCheck.consumerScopes
        guard case .valid(let granted)? = verdict else {
            return check.skipped(verdict == nil ? "Needs the consumer's Secret (--consumer-secret-file) and a valid pair: the granted scopes come with the token."
                                 : "Needs a private consumer whose key and secret Bitbucket accepts: the granted scopes come with the token.")
        }
        let missing = verdict?.missingRequiredScopes ?? []
        let grantedText = granted.isEmpty ? "none" : granted.sorted().joined(separator: ", ")
        if missing.isEmpty { return check.ok("Granted: \(CommandText.safe(grantedText)).") }
        let names = CredentialVerdict.labels(of: missing)
        return check.failed("Granted: \(CommandText.safe(grantedText)); missing \(missing.joined(separator: ", ")), which Clerk needs.",
                            fix: "Edit the consumer in Bitbucket, tick \(names), and save.")
    }

    /// The consumer's Callback URL, when given, against Clerk's: a step of `apply` and a
    /// check of `doctor` alike.
    static func callback(_ given: String?, target: ClerkTarget, allowsLoopbackHTTP: Bool) -> CommandStep {
        let check = DoctorCheck.callback
        guard let given else {
            return check.skipped("Not compared: pass --callback-url with the consumer's Callback URL to check it is exactly \(CommandText.safe(target.callbackURL)).")
        }
        let validation = FormValidation(expectedCallbackURL: target.callbackURL, allowsLoopbackHTTP: allowsLoopbackHTTP)
        if let issue = validation.issue(.callbackURL, given) {
            return check.failed(CommandText.safe(issue, limit: 400),
                                fix: "Edit the consumer in Bitbucket: set its Callback URL to \(target.callbackURL) exactly.")
        }
        return check.ok("The consumer's Callback URL is Clerk's, exactly (\(CommandText.safe(target.callbackURL))).")
    }
}
