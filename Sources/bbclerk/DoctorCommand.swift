import ArgumentParser
import Basics
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SetupCore

/// `bbclerk doctor`: audits an existing setup and prints each check with ✓ or ✗ and a fix.
/// The work is `DoctorRunner`'s; this only gathers values and prints.
struct DoctorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Check an existing Bitbucket sign-in setup and say how to fix what is wrong.",
        discussion: """
            With no flags, audits every application and instance the Platform credential \
            (CLERK_PLATFORM_API_KEY, or a Clerk CLI sign-in from clerk auth login) can see and \
            where Bitbucket sign-in is set up, one block each; --application (and --instance) \
            audit one. Without a Platform credential, CLERK_SECRET_KEY or CLERK_PUBLISHABLE_KEY \
            name the one instance to audit from outside (manual mode).

            Checks: Bitbucket credentials; Clerk credentials; the instance has \
            connection_oauth_bitbucket enabled with a custom client_id (production must; development \
            may use Clerk's shared credentials); Bitbucket accepts the configured client_id (with \
            --consumer-secret-file the pair is verified and the Account Email and Read scopes checked; \
            otherwise only that a client_id is set); Clerk's Frontend API shows Bitbucket sign-in \
            enabled; and, given --callback-url, that the consumer's Callback URL is Clerk's.

            Exit status: 0 every audited instance is complete, 1 a check failed or nothing \
            was audited, 2 a missing or malformed value.
            """
    )

    @OptionGroup var values: CommandValues

    @Option(name: .customLong("consumer-key"), help: ArgumentHelp("The consumer's Key: Clerk's client_id is compared with it (and, with --consumer-secret-file, the pair verified at Bitbucket) (env BBCLERK_CONSUMER_KEY).", valueName: "key"))
    var consumerKey: String?

    func validate() throws {
        try values.validate(command: Self.self)
    }

    func run() async throws {
        ProcessHardening.disableCoreDumps()
        let environment = ProcessEnvironment.current()
        let session = try await values.session(environment: environment, command: Self.self)
        let plan: DoctorPlan
        do {
            var flags = values.settings
            flags.consumerKey = consumerKey
            plan = try DoctorPlan.resolve(flags: flags, file: session.file, environment: environment,
                                          fallback: session.fallback, readSecret: SecretInput.read)
        } catch {
            await session.sandbox?.stop()
            try values.usageFailure(error.message, command: Self.self, name: "doctor")
        }
        let audit = await DoctorRunner(endpoints: session.endpoints).audit(plan)
        await session.sandbox?.stop()
        values.print(json: audit.json, text: audit.text(), color: values.color(environment))
        if audit.exit != .success { throw ExitCode(audit.exit.rawValue) }
    }
}
