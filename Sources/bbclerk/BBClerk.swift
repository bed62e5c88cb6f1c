import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif
import SetupCore

/// Runs the wizard on the main thread, and any other command on Swift's global executor
/// while the main thread waits.
///
/// The wizard runs here, synchronously, so that its first frame is drawn before any other
/// thread exists: each thread started before it had cost its creation and, once two
/// threads share the address space, every copy-on-write page fault an interrupt to the other
/// core to flush its TLB (2 cores, interleaved with whiptail: 0.75 ms of an 8.6 ms start).
///
/// Not an async `main`: on Linux that parks the main thread with `dispatch_main`, which ends
/// it with `pthread_exit`, and unwinding its stack read some 550 KiB of the binary's unwind
/// tables (.eh_frame_hdr, .eh_frame) before the first frame, at every start. Nothing in
/// bbclerk runs on the main actor, so no one needs the main queue drained.
@main
enum Entry {
    static func main() {
        tuneHeap()
        let command: ParsedCommand
        do {
            // A plain `bbclerk` or `bbclerk --sandbox` skips the parser, whose first use costs
            // about 2 ms before the first frame (it reflects over every command's options).
            if let launch = WizardLaunch(plainArguments: CommandLine.arguments.dropFirst()) {
                try BBClerk.runToExit(launch)
            }
            let parsed = try BBClerk.parseAsRoot()
            if let wizard = parsed as? WizardCommand { try BBClerk.runToExit(wizard.launch) }
            command = ParsedCommand(parsed)
        } catch {
            BBClerk.exit(reporting: error)
        }
        Task.detached {
            do {
                try await command.run()
            } catch {
                BBClerk.exit(reporting: error)
            }
            exit(0)  // as the async main does when its body returns
        }
        // Woken by each signal handled on this thread (libdispatch then blocks them here).
        while true { pause() }
    }
}

/// A parsed command handed to the task that runs it: parsed on the main thread, then used
/// on the other only (hence unchecked).
private struct ParsedCommand: @unchecked Sendable {
    var command: any ParsableCommand

    init(_ command: any ParsableCommand) { self.command = command }

    func run() async throws {
        // Before anything reads a credential: no other process of the user may read this
        // one's memory (/proc/<pid>/mem, ptrace) or environment. Not for the sandbox, which
        // holds only made-up credentials and is a development tool one may want to attach a
        // debugger or profiler to.
        if !(command is SandboxCommand) { ProcessHardening.disableDumping() }
        if var asyncCommand = command as? any AsyncParsableCommand {
            try await asyncCommand.run()
        } else {
            var command = command
            try command.run()
        }
    }
}

/// Gives each thread's heap 1 MiB to start with instead of growing it a page per system
/// call: before the first frame the wizard's thread grew its heap some 60 times (about
/// 0.5 ms of a 10 ms start, measured against whiptail in one loop). Reserved pages are not
/// resident until used, so memory at first paint is unchanged. The cost: glibc then keeps
/// its mmap threshold at 128 KiB instead of raising it as large blocks are freed, so a
/// frame's content canvas above that (terminals from about 110×40) is mapped afresh for
/// each frame. Fixing the threshold higher too cost 0.9 MiB at first paint (freed blocks
/// stayed resident), so it is left.
private func tuneHeap() {
    let topPad: Int32 = -2  // M_TOP_PAD in <malloc.h>
    _ = mallopt(topPad, 1 << 20)
}

/// glibc's `mallopt(3)`, which Swift's Glibc module does not import (it lacks <malloc.h>).
/// Declared by its symbol rather than looked up with `dlsym`: casting the pointer to a C
/// function type builds that type's metadata from its mangled name at run time, the first
/// demangling of the start (perf: about 0.2 ms). Two 32-bit integers in, one out: the same
/// registers in Swift's and C's calling conventions on x86-64 and arm64.
@_silgen_name("mallopt")
private func mallopt(_ parameter: Int32, _ value: Int32) -> Int32

/// The `bbclerk` command: the wizard by default, and the sandbox on its own.
struct BBClerk: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bbclerk",
        abstract: "Set up \"Sign in with Bitbucket\" in a Clerk application, step by step.",
        discussion: """
            Credentials come from the environment: BITBUCKET_EMAIL and BITBUCKET_API_TOKEN \
            (an Atlassian API token with the scopes read:user:bitbucket and read:workspace:bitbucket), \
            CLERK_PLATFORM_API_KEY (ak_…) or the Clerk CLI's sign-in (clerk auth login), or for manual mode CLERK_SECRET_KEY / CLERK_PUBLISHABLE_KEY. \
            Missing ones are asked for on the first screen. Try it without accounts: bbclerk --sandbox

            The wizard (the default command) takes --sandbox, --theme <name-or-path>, \
            --accessible (plain prompts), --verbose and --log-file <path>; see bbclerk wizard --help.
            """,
        version: "bbclerk \(BBClerk.version)",
        subcommands: [WizardCommand.self, SandboxCommand.self, ApplyCommand.self, DoctorCommand.self, ThemesCommand.self],
        defaultSubcommand: WizardCommand.self
    )

    /// The release this build is: raise it when a release is cut (scripts/build-release).
    static let version = "0.9.0"

    /// Runs the wizard and exits with its code (as below for an error it throws).
    static func runToExit(_ launch: WizardLaunch) throws -> Never {
        // As in ParsedCommand.run: before anything reads a credential.
        ProcessHardening.disableDumping()
        try launch.run()
        Glibc.exit(0)
    }

    /// Exits as ArgumentParser's own `main` does for `error`, except that a usage error exits
    /// with 2, the code DESIGN gives it (ArgumentParser uses 64), so scripts see one code for
    /// every kind of usage error.
    static func exit(reporting error: any Error) -> Never {
        guard exitCode(for: error) == .validationFailure else { exit(withError: error) }
        SystemIO.writeAll(2, fullMessage(for: error) + "\n")
        exit(withError: ExitCode(2))
    }
}
