import ArgumentParser

/// The `bbclerk` command: the wizard by default, and the sandbox on its own.
@main
struct BBClerk: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bbclerk",
        abstract: "Set up \"Sign in with Bitbucket\" in a Clerk application, step by step.",
        discussion: """
            Credentials come from the environment: BITBUCKET_EMAIL and BITBUCKET_API_TOKEN \
            (an Atlassian API token with the scopes read:user:bitbucket and read:workspace:bitbucket), \
            CLERK_PLATFORM_API_KEY (ak_…), or for manual mode CLERK_SECRET_KEY / CLERK_PUBLISHABLE_KEY. \
            Missing ones are asked for on the first screen. Try it without accounts: bbclerk --sandbox
            """,
        subcommands: [WizardCommand.self, SandboxCommand.self, ApplyCommand.self, DoctorCommand.self, ThemesCommand.self],
        defaultSubcommand: WizardCommand.self
    )
}
