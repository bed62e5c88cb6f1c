import Basics
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Finds the application and instance named on the command line among those the Platform
/// API key sees, and where the instance's Frontend API is.
enum ClerkLookup {
    /// By id first, then by name (case-insensitive); a message saying what to type instead.
    static func application(_ query: String, in applications: [ClerkApplication]) -> Result<ClerkApplication, CommandStepFailure> {
        if let byID = applications.first(where: { $0.id == query }) { return .success(byID) }
        let byName = applications.filter { $0.name.equalsIgnoringCase(query) }
        if byName.count == 1 { return .success(byName[0]) }
        let choices = applications.map { "\(CommandText.safe($0.name, limit: 60)) (\(CommandText.safe($0.id, limit: 40)))" }
            .sorted().joined(separator: ", ")
        if byName.count > 1 {
            return .failure(CommandStepFailure(
                message: "\(byName.count) applications are named \"\(CommandText.safe(query, limit: 60))\".",
                fix: "Give the application's id instead: --application \(byName.map(\.id).sorted().joined(separator: " or --application "))."))
        }
        return .failure(CommandStepFailure(
            message: "The Platform API key sees no application \"\(CommandText.safe(query, limit: 60))\".",
            fix: applications.isEmpty ? "Use a Platform API key of the Clerk workspace that holds the application."
                : "Use --application with one of: \(choices)."))
    }

    static func instance(_ choice: InstanceChoice, in application: ClerkApplication) -> Result<ClerkInstance, CommandStepFailure> {
        if let instance = choice.find(in: application) { return .success(instance) }
        let have = application.instances.map { "\($0.environment.rawValue) (\($0.id))" }.joined(separator: ", ")
        return .failure(CommandStepFailure(
            message: "\(CommandText.safe(application.name, limit: 60)) has no \(choice) instance.",
            fix: "Use --instance with one of: \(CommandText.safe(have, limit: 300))."))
    }

    /// Lists the applications, picks the application and instance, reads the domains: the
    /// `clerk_credentials` and `clerk_application` steps.
    static func resolve(application query: String, instance choice: InstanceChoice, client: ClerkClient) async
        -> (credentials: CommandStep, application: CommandStep?, target: ClerkTarget?)
    {
        let applicationTitle = "Clerk application and instance"
        let applications: [ClerkApplication]
        do throws(RemoteError) {
            applications = try await client.applications()
        } catch {
            return (credentialsFailure(error), nil, nil)
        }
        let credentials = DoctorCheck.clerkCredentials.ok(seesMessage(applications.count))
        let application: ClerkApplication, instance: ClerkInstance
        switch ClerkLookup.application(query, in: applications) {
        case .success(let found): application = found
        case .failure(let failure): return (credentials, failure.step("clerk_application", applicationTitle), nil)
        }
        switch ClerkLookup.instance(choice, in: application) {
        case .success(let found): instance = found
        case .failure(let failure): return (credentials, failure.step("clerk_application", applicationTitle), nil)
        }
        var domains: [ClerkDomain] = []
        var domainError: RemoteError?
        if instance.environment == .production {
            do throws(RemoteError) { domains = try await client.domains(application: application.id) } catch { domainError = error }
        }
        guard let target = ClerkTarget(application: application, instance: instance, domains: domains) else {
            let failure = CommandStepFailure(
                message: domainError?.userMessage ?? "Clerk gave no domain or publishable key for this instance, so its Callback URL is unknown.",
                fix: "Check the instance's domain in the Clerk Dashboard (Configure → Domains) and run again.")
            return (credentials, failure.step("clerk_application", applicationTitle), nil)
        }
        let step = CommandStep(name: "clerk_application", title: applicationTitle, status: .ok,
                               message: "\(target.label); Callback URL \(CommandText.safe(target.callbackURL, limit: 200)).")
        return (credentials, step, target)
    }

    /// The `clerk_credentials` step when the application list could not be read.
    static func credentialsFailure(_ error: RemoteError) -> CommandStep {
        DoctorCheck.clerkCredentials.failed(
            error.userMessage,
            fix: error.kind == .unauthorized
                ? "Set CLERK_PLATFORM_API_KEY (or --clerk-platform-key-file) to a Platform API key (ak_…) from the Clerk Dashboard, or sign in with clerk auth login; a secret key (sk_…) will not do."
                : error.fix(retry: "run again", reach: "Check the network connection (and HTTPS_PROXY) and run again."))
    }

    static func seesMessage(_ count: Int) -> String {
        "The Platform credential sees \(count) application\(count == 1 ? "" : "s")."
    }
}

/// A failed step's two texts, before it has a name.
struct CommandStepFailure: Error, Equatable {
    var message: String
    var fix: String?

    func step(_ name: String, _ title: String) -> CommandStep {
        CommandStep(name: name, title: title, status: .failed, message: message, fix: fix)
    }
}
