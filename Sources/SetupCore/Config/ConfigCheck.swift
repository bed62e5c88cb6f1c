#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// What every command does before it sends anything: read config.toml (refusing a file
/// others could have written), and work out the endpoints from its `[urls]` and the
/// `BBCLERK_*_URL` variables (refusing any that would carry credentials where they do not
/// belong). A refusal stops the command; other config problems are only warnings.
public enum ConfigCheck {
    /// The config, the problems that are only warnings, and the endpoints; throws the first
    /// refusal, naming the variable or file and key, the rule, and the fix.
    public static func load(environment: [String: String]) throws(CommandUsageError) -> (config: BBClerkConfig, warnings: [TOMLError], endpoints: Endpoints) {
        let file = StatePaths(environment: environment).configFile.path
        let (config, problems) = BBClerkConfig.load(file: URL(fileURLWithPath: file))
        if let refusal = problems.first(where: \.isRefusal) { throw CommandUsageError(refusal.description) }
        do {
            let endpoints = try config.checkedEndpoints(environment: environment, file: file)
            return (config, problems, endpoints)
        } catch {
            throw CommandUsageError(error.message)
        }
    }

    /// The endpoints alone (see ``load(environment:)``).
    public static func endpoints(environment: [String: String]) throws(CommandUsageError) -> Endpoints {
        try load(environment: environment).endpoints
    }
}
