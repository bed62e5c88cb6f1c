#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The `sign_in_redirect` step of `doctor` in manual mode: which client_id and redirect_uri
/// Clerk sends users to Bitbucket with, from a test sign-in on the instance's Frontend API
/// (``ClerkClient/signInRedirect(_:redirectURL:)``), compared with the consumer's Key and
/// the Callback URL. It proves from outside what a config read cannot (manual mode has
/// none): the Key is the one Clerk uses.
///
/// Run it after the Frontend API showed Bitbucket sign-in on; before that, or without a
/// target, use ``skipped(_:)``. A request that fails or is refused is a failed step whose
/// message says the check could not run, never a pass and never a mismatch (doctor shows
/// it as not run, since the user cannot fix it).
public enum SignInRedirectStep {
    public static let name = "sign_in_redirect"
    public static let title = "Clerk sends sign-ins to Bitbucket with"

    /// Runs the test sign-in and judges it. `expectedKey` nil: what Clerk sends is shown
    /// with a warning, not judged. Creates a pending sign-in on a throwaway client (see
    /// the client call).
    public static func run(client: ClerkClient, target: ClerkTarget, expectedKey: String?,
                           expectedCallback: String) async -> CommandStep {
        step(await verdict(client: client, target: target, expectedKey: expectedKey, expectedCallback: expectedCallback))
    }

    /// The test sign-in's verdict, for callers that use what Clerk sent as well as the step.
    public static func verdict(client: ClerkClient, target: ClerkTarget, expectedKey: String?,
                               expectedCallback: String) async -> SignInRedirectVerdict {
        let result: Result<BitbucketAuthorizeRedirect, RemoteError>
        do {
            result = .success(try await client.signInRedirect(target.frontendProbe(platformKey: nil), redirectURL: target.signInTestRedirectURL))
        } catch {
            result = .failure(error)
        }
        return SignInRedirectVerdict.judge(result, expectedKey: expectedKey, expectedCallback: expectedCallback)
    }

    /// The step for a verdict (pure: what `run` returns, for callers that ran the request).
    public static func step(_ verdict: SignInRedirectVerdict) -> CommandStep {
        func key(_ text: String) -> String { CommandText.safe(text, limit: 60) }
        func url(_ text: String) -> String { CommandText.safe(text, limit: 200) }
        func found(_ redirect: BitbucketAuthorizeRedirect) -> String {
            "client_id \(key(redirect.clientID))" + (redirect.redirectURI.map { ", redirect_uri \(url($0))" } ?? ", no redirect_uri")
        }
        switch verdict {
        case .proof(let redirect):
            let callback = redirect.redirectURI.map { ", redirect_uri \(url($0)) (the Callback URL)" } ?? ""
            return CommandStep(name: name, title: title, status: .ok, message: "client_id \(key(redirect.clientID)) (your key)\(callback).")
        case .observed(let redirect):
            return CommandStep(name: name, title: title, status: .warning,
                               message: "\(found(redirect)); no consumer key was given, so the client_id was not compared.")
        case .mismatch(let redirect, let expectedKey, let expectedCallback):
            var problems: [String] = []
            var fixes: [String] = []
            if verdict.clientIDDiffers, let expectedKey {
                problems.append("client_id \(key(redirect.clientID)), not your key \(key(expectedKey)): Clerk still uses its shared credentials or an older key")
                fixes.append("paste the Key again as Client ID in the Clerk Dashboard (SSO connections → Bitbucket → Use custom credentials) and save")
            }
            if verdict.redirectURIDiffers, let uri = redirect.redirectURI, let expectedCallback {
                problems.append("redirect_uri \(url(uri)), not the Callback URL \(url(expectedCallback))")
                fixes.append("set the Bitbucket consumer's Callback URL to \(url(uri)), or Bitbucket answers \"Invalid redirect_uri\"")
            }
            return CommandStep(name: name, title: title, status: .failed, message: problems.joined(separator: "; ") + ".",
                               fix: fixes.joined(separator: "; "))
        case .couldNotCheck(let error):
            let clause = RemoteText.clause(CommandText.safe(error.userMessage, limit: 300))
            // A refusal whose code names what is wrong in the setup is a ✗ with its fix; any
            // other is bbclerk's own limit: "–" (not checked), never a ✗ the user may not be
            // able to fix, with the likely causes and how to check by hand in the message.
            if let setupFix = setupFix(for: error) {
                return CommandStep(name: name, title: title, status: .failed, message: "Clerk refused the test sign-in: \(clause).", fix: setupFix)
            }
            return CommandStep(name: name, title: title, status: .skipped, message: "Not checked: could not check: \(clause). \(fix(for: error))")
        }
    }

    /// Not run, with why (no target, the Frontend API does not show Bitbucket sign-in on).
    public static func skipped(_ reason: String) -> CommandStep {
        CommandStep(name: name, title: title, status: .skipped, message: CommandText.safe(reason, limit: 300))
    }

    /// The fix when Clerk's refusal of the test sign-in says for certain what is wrong with
    /// the setup, else nil. Only `oauth_config_missing` does: `form_param_value_invalid` is
    /// Clerk's answer to any invalid parameter, and this check runs only after the Frontend
    /// API showed Bitbucket sign-in on, so "Bitbucket is not offered" would be a guess.
    static func setupFix(for error: RemoteError) -> String? {
        guard case .badRequest(let code?) = error.kind, code == "oauth_config_missing" else { return nil }
        return "Clerk has no custom Bitbucket credentials on this instance: paste the Key and Secret as Client ID and Client Secret in the Clerk Dashboard (SSO connections → Bitbucket → Use custom credentials) and save."
    }

    /// What to do when the check could not run for a reason that is not the setup's: about
    /// the network for a network failure, else how to check by hand; never "paste the key"
    /// (nothing about the key is known).
    static func fix(for error: RemoteError) -> String {
        let inBrowser = "or check by hand: start a Bitbucket sign-in on the sign-in page and read client_id in Bitbucket's address bar"
        switch error.kind {
        case .network, .timeout, .tls, .server, .rateLimited, .cancelled, .notSent:
            return "Clerk's Frontend API could not be reached or did not answer: check the network and run again, \(inBrowser)."
        case .malformedResponse:
            return "Clerk's answer to the test sign-in could not be read: run again, and if it keeps happening report it with the log file; \(inBrowser)."
        case .badRequest(let code?) where code == "form_param_value_invalid" || code == "oauth_provider_not_enabled":
            return "Clerk did not accept a Bitbucket sign-in: if Bitbucket is not on for sign-up and sign-in in the Clerk Dashboard, turn it on and save; \(inBrowser)."
        case .badRequest(let code?) where code.hasPrefix("redirect_url") || code.hasPrefix("origin") || code == "resource_missmatch" || code == "invalid_redirect_url":
            return "Clerk did not accept the test sign-in's address (the instance's own sign-in page): \(inBrowser)."
        case .unauthorized:
            return "Clerk's Frontend API did not accept the development browser token: run again, \(inBrowser)."
        default:
            return "Clerk refused the test sign-in: \(inBrowser)."
        }
    }
}
