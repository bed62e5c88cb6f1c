#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension DoctorRunner {
    /// Manual mode: no Platform credential, so Clerk's config cannot be read. The instance
    /// comes from the secret key (Backend API) or the publishable key, and what can be seen
    /// from outside is checked: the consumer at Bitbucket, what the Frontend API shows, the
    /// client_id and redirect_uri a test sign-in is sent to Bitbucket with, and the
    /// Callback URL.
    func manual(_ plan: DoctorPlan, secretKey: Secret?, publishableKey: String, bitbucket: CommandStep) async -> DoctorReport {
        var report = DoctorReport(application: "", instance: plan.instance?.description ?? "")
        report.checks.append(bitbucket)
        let clerk = ClerkClient(endpoints: endpoints, platformKey: nil, secretKey: secretKey, retry: retry, timeout: timeout)
        let target: ClerkTarget
        let source: ClerkAccess.ManualSource
        do throws(RemoteError) {
            (target, source) = try await clerk.manualTarget(publishableKey: publishableKey)
        } catch {
            report.checks.append(DoctorCheck.clerkCredentials.failed(
                error.userMessage, fix: error.kind == .unauthorized || error.kind == .badRequest(code: "publishable_key")
                    ? "Copy the key again from the Clerk Dashboard (API keys) into CLERK_SECRET_KEY or CLERK_PUBLISHABLE_KEY."
                    : error.fix(retry: "run bbclerk doctor again", reach: "Check the network connection (and HTTPS_PROXY) and run bbclerk doctor again.")))
            report.skip(DoctorCheck.afterClerkCredentials, "needs working Clerk credentials (see above)")
            report.checks.append(SignInRedirectStep.skipped("Not checked: needs working Clerk credentials (see above)."))
            return report
        }
        report.application = target.applicationName
        report.instance = target.instanceID
        report.target = target
        report.checks.append(DoctorCheck.clerkCredentials.ok(source == .secretKey
            ? "The secret key belongs to instance \(CommandText.safe(target.instanceID, limit: 60)) (\(target.environment.rawValue)); manual mode, checked from outside."
            : "The publishable key names the \(target.environment.rawValue) instance at \(CommandText.safe(target.frontendAPIURL.host ?? "", limit: 120)); manual mode, checked from outside."))
        report.checks.append(DoctorCheck.clerkApplication.ok("\(target.label); Callback URL \(CommandText.safe(target.callbackURL, limit: 200))."))
        report.checks.append(DoctorCheck.clerkConnection.skipped(
            "Clerk's config cannot be read without a Platform credential (CLERK_PLATFORM_API_KEY or clerk auth login); the checks below look from outside instead."))

        // What a browser sees: the Frontend API first, then a test sign-in, which shows the
        // client_id Clerk really sends users to Bitbucket with.
        let frontendStep = await frontend(clerk, target: target, platformKey: nil)
        let redirect: SignInRedirectVerdict? = frontendStep.isOK
            ? await SignInRedirectStep.verdict(client: clerk, target: target, expectedKey: plan.consumerKey, expectedCallback: target.callbackURL)
            : nil

        // The pair at Bitbucket: the Key given, else the client_id Clerk was seen to send.
        var verdict: CredentialVerdict?
        if let key = plan.consumerKey ?? redirect?.redirect?.clientID, let secret = plan.consumerSecret {
            let verifier = ConsumerVerifier(endpoints: endpoints, retry: retry, timeout: timeout)
            verdict = await verifier.verify(ConsumerCredentials(key: key, secret: secret))
            report.verdict = verdict
            // Only what Clerk was seen to send is Clerk's client_id; a Key given is the user's.
            report.clientID = redirect?.redirect?.clientID
            var step = DoctorCheck.clientID(key, verdict: verdict, target: target)
            if step.status == .failed, case .wrongCredentials? = verdict {
                step.fix = "If the Secret file is right, the Key and Secret are not a pair: copy both again from the consumer's row in Bitbucket and paste them in the Clerk Dashboard (SSO connections → Bitbucket → Use custom credentials)."
            }
            report.checks.append(step)
        } else {
            report.checks.append(DoctorCheck.bitbucketClientID.skipped(
                "Not verified: pass --consumer-secret-file (and --consumer-key) with the Secret and Key pasted in the Dashboard to verify the pair at Bitbucket."))
        }
        report.checks.append(DoctorCheck.scopes(verdict))
        report.checks.append(frontendStep)
        switch redirect {
        case nil:
            report.checks.append(SignInRedirectStep.skipped("Not checked: the Frontend API does not show Bitbucket sign-in (see above)."))
        case let verdict?:
            report.checks.append(SignInRedirectStep.step(verdict))
        }
        report.checks.append(DoctorCheck.callback(plan.callbackURL, target: target, allowsLoopbackHTTP: endpoints.isLoopback))
        return report
    }
}
