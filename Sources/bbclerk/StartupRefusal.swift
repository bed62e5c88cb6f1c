import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SetupCore

/// Stops the wizard at its start, before any request, when config.toml or a `BBCLERK_*_URL`
/// variable would send credentials where they do not belong: the message on standard
/// error, exit status 2 (a usage error, as in apply and doctor).
enum StartupRefusal {
    static func endpoints(environment: [String: String]) throws -> Endpoints {
        do {
            return try ConfigCheck.endpoints(environment: environment)
        } catch {
            SystemIO.writeAll(2, "bbclerk: " + DisplayText.terminalLines(error.message) + "\n")
            throw ExitCode(CommandExit.usage.rawValue)
        }
    }
}
