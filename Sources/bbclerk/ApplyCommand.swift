import ArgumentParser
import Basics
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif
import Sandbox
import SetupCore

/// `bbclerk apply`: the whole setup without prompts, every value from flags, the `--from`
/// file or the environment. The work is `ApplyRunner`'s; this only gathers values and prints.
struct ApplyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply",
        abstract: "Set up Bitbucket sign-in in one go, without prompts (for scripts and CI).",
        discussion: """
            Verifies the consumer's key and secret at Bitbucket's token endpoint, compares its \
            Callback URL with Clerk's (given --callback-url), previews the change (dry run), applies \
            it with If-Match, reads it back and checks Clerk's Frontend API. Never prompts.

            Values come from flags, then the --from file, then the environment (BBCLERK_APPLICATION, \
            BBCLERK_INSTANCE, BBCLERK_WORKSPACE, BBCLERK_CONSUMER_KEY, BBCLERK_CALLBACK_URL, \
            BBCLERK_CONSUMER_SECRET_FILE; credentials BITBUCKET_EMAIL, BITBUCKET_API_TOKEN, \
            CLERK_PLATFORM_API_KEY). Secrets are never taken as flag values: name a file, or - for \
            standard input.

            Exit status: 0 applied (or previewed with --dry-run), 1 a check failed (nothing is \
            changed unless every check before the write held), 2 a missing or malformed value.
            """
    )

    @OptionGroup var values: CommandValues

    @Option(name: .customLong("workspace"), help: ArgumentHelp("Slug of the Bitbucket workspace that owns the OAuth consumer (env BBCLERK_WORKSPACE).", valueName: "slug"))
    var workspace: String?

    @Option(name: .customLong("consumer-key"), help: ArgumentHelp("The consumer's Key from Bitbucket, Clerk's Client ID (env BBCLERK_CONSUMER_KEY).", valueName: "key"))
    var consumerKey: String?

    @Flag(name: .customLong("dry-run"), help: "Only preview: print the change Clerk would make and stop; nothing is applied.")
    var dryRun = false

    @Flag(name: .customLong("allow-unverified-secret"), help: "Write the credentials of a public consumer although only a weaker check could run, which may not prove the secret right (a private consumer is checked fully).")
    var allowUnverifiedSecret = false

    func validate() throws {
        try values.validate(command: Self.self)
    }

    func run() async throws {
        ProcessHardening.disableCoreDumps()
        let environment = ProcessEnvironment.current()
        var flags = values.settings
        flags.workspace = workspace
        flags.consumerKey = consumerKey
        let session = try await values.session(environment: environment, command: Self.self)

        let plan: ApplyPlan
        do {
            plan = try ApplyPlan.resolve(flags: flags, file: session.file, environment: environment, dryRun: dryRun,
                                         allowUnverifiedSecret: allowUnverifiedSecret, fallback: session.fallback, readSecret: SecretInput.read)
        } catch {
            await session.sandbox?.stop()
            try values.usageFailure(error.message, command: Self.self, name: "apply")
        }
        let runner = ApplyRunner(endpoints: session.endpoints, audit: AuditLog(file: StatePaths(environment: environment).auditLogFile))
        let result = await runner.run(plan)
        await session.sandbox?.stop()
        values.print(json: result.json, text: result.text(), color: values.color(environment))
        if result.exit != .success { throw ExitCode(result.exit.rawValue) }
    }
}

/// The options `apply` and `doctor` share: the instance, the credentials (as files), the
/// `--from` file, `--json` and `--sandbox`.
struct CommandValues: ParsableArguments {
    @Option(name: .customLong("application"), help: ArgumentHelp("Clerk application: its id (app_…) or its name (env BBCLERK_APPLICATION).", valueName: "id-or-name"))
    var application: String?

    @Option(name: .customLong("instance"), help: ArgumentHelp("Clerk instance: production, development or an instance id ins_… (env BBCLERK_INSTANCE; default production; doctor without --application: every instance).", valueName: "instance"))
    var instance: String?

    @Option(name: .customLong("callback-url"), help: ArgumentHelp("The consumer's Callback URL as set in Bitbucket, to check it equals Clerk's (env BBCLERK_CALLBACK_URL).", valueName: "url"))
    var callbackURL: String?

    @Option(name: .customLong("consumer-secret-file"), help: ArgumentHelp("File holding the consumer's Secret, or - for standard input (env BBCLERK_CONSUMER_SECRET_FILE).", valueName: "path|-"))
    var consumerSecretFile: String?

    @Option(name: .customLong("bitbucket-email"), help: ArgumentHelp("Atlassian account email that goes with the API token (env BITBUCKET_EMAIL).", valueName: "email"))
    var bitbucketEmail: String?

    @Option(name: .customLong("bitbucket-token-file"), help: ArgumentHelp("File holding the Atlassian API token (scopes read:user:bitbucket, read:workspace:bitbucket), or - for standard input (env BITBUCKET_API_TOKEN).", valueName: "path|-"))
    var bitbucketTokenFile: String?

    @Option(name: .customLong("clerk-platform-key-file"), help: ArgumentHelp("File holding the Clerk Platform API key (ak_…), or - for standard input (env CLERK_PLATFORM_API_KEY); without one, the Clerk CLI's sign-in (clerk auth login) is used.", valueName: "path|-"))
    var clerkPlatformKeyFile: String?

    @Option(name: .customLong("from"), help: ArgumentHelp("TOML file of values (application = \"…\", consumer_key = \"…\", consumer_secret_file = \"…\", …); flags override it, it overrides the environment.", valueName: "file"))
    var from: String?

    @Flag(name: .customLong("json"), help: "Print one machine-readable JSON object on standard output instead of text.")
    var json = false

    @Flag(name: .customLong("sandbox"), help: "Run against a built-in emulator of Bitbucket and Clerk, started for this run, with its seeded credentials (see bbclerk sandbox for its seeded consumers).")
    var sandbox = false

    func validate<C: ParsableCommand>(command: C.Type) throws {
        if let instance, InstanceChoice(instance) == nil {
            try usageFailure("--instance is production, development or an instance id (ins_…), as in --instance production.",
                             command: command, name: command.configuration.commandName ?? "")
        }
    }

    /// The values given as flags.
    var settings: CommandSettings {
        CommandSettings(application: application, instance: instance, callbackURL: callbackURL, bitbucketEmail: bitbucketEmail,
                        consumerSecretFile: consumerSecretFile, bitbucketTokenFile: bitbucketTokenFile,
                        clerkPlatformKeyFile: clerkPlatformKeyFile)
    }

    struct Session {
        var endpoints: Endpoints
        var fallback: SessionCredentials?
        var file: CommandSettings?
        var sandbox: RunningSandbox?
    }

    /// Reads the `--from` file, takes the endpoints from config.toml's `[urls]` and the
    /// `BBCLERK_*_URL` variables (refusing any that would carry credentials where they do
    /// not belong, before anything is sent), and starts the sandbox when asked.
    func session<C: ParsableCommand>(environment: [String: String], command: C.Type) async throws -> Session {
        var file: CommandSettings?
        if let from {
            let path = StatePaths.expandingTilde(from, environment: environment)
            let text: String
            // Bounded and never a FIFO; a missing file is not named (see TrustedFileError).
            do { text = try TrustedFile.text(path, checkOwnership: false) } catch {
                try usageFailure("--from: \(error): give the path of a TOML file.", command: command, name: "")
            }
            let url = URL(fileURLWithPath: path)
            do { file = try CommandSettings.parseFile(text, path: from, baseDirectory: url.deletingLastPathComponent()) } catch {
                try usageFailure(error.message, command: command, name: "")
            }
        }
        guard sandbox else {
            return Session(endpoints: try checkedEndpoints(environment: environment, command: command), file: file)
        }
        let started = try await SandboxServer.start(SandboxOptions())
        let (endpoints, credentials) = SandboxSession.endpointsAndCredentials(started.info)
        return Session(endpoints: endpoints, fallback: credentials, file: file, sandbox: started)
    }

    /// The endpoints of config.toml and the environment, or a usage failure naming the
    /// variable or key that is refused and why.
    private func checkedEndpoints<C: ParsableCommand>(environment: [String: String], command: C.Type) throws -> Endpoints {
        do {
            return try ConfigCheck.endpoints(environment: environment)
        } catch {
            try usageFailure(error.message, command: command, name: "")
        }
    }

    /// Prints the problem like ArgumentParser's own validation errors (message, usage, help
    /// hint) and exits with 2, the usage-error status of every bbclerk command; with --json
    /// also a JSON object on standard output.
    func usageFailure<C: ParsableCommand>(_ message: String, command: C.Type, name: String) throws -> Never {
        if json {
            let object: JSONValue = ["command": .string(command.configuration.commandName ?? name), "ok": false,
                                     "exit_code": 2, "error": .string(message)]
            SystemIO.writeAll(1, object.prettyText + "\n")
        }
        // A subcommand's own usage line lacks the root command's name: put it back.
        let sub = command.configuration.commandName ?? name
        let text = command.fullMessage(for: ValidationError(message))
            .replacing("Usage: \(sub) ", with: "Usage: bbclerk \(sub) ")
            .replacing("'\(sub) --help'", with: "'bbclerk \(sub) --help'")
        SystemIO.writeAll(2, DisplayText.terminalLines(text) + "\n")
        throw ExitCode(CommandExit.usage.rawValue)
    }

    func color(_ environment: [String: String]) -> Bool {
        TerminalOutput.useColor(isTerminal: isatty(STDOUT_FILENO) == 1, environment: environment)
    }

    /// Prints the result: JSON (whose strings escape every control character), or `text`,
    /// built without colour, through ``TerminalOutput/text(_:color:)``.
    func print(json object: JSONValue, text: String, color: Bool) {
        let output = json ? object.prettyText : TerminalOutput.text(text, color: color)
        SystemIO.writeAll(1, output + "\n")
    }
}
