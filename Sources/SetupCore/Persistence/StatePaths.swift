#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Where bbclerk keeps its files, following the XDG Base Directory specification:
/// config (`config.toml`, user themes), state (the draft, the audit log) and cache
/// (workspace names).
///
/// Built from an environment dictionary rather than the live process environment, so tests
/// and the sandbox can point it anywhere without touching global state.
public struct StatePaths: Sendable, Equatable {
    /// `$XDG_CONFIG_HOME/bbclerk`, default `~/.config/bbclerk`.
    public var config: URL
    /// `$XDG_STATE_HOME/bbclerk`, default `~/.local/state/bbclerk`.
    public var state: URL
    /// `$XDG_CACHE_HOME/bbclerk`, default `~/.cache/bbclerk`.
    public var cache: URL

    /// The folder name under each XDG base.
    public static let appFolder = "bbclerk"

    /// Resolves the three folders from `environment`. `HOME` comes from `environment` too,
    /// falling back to the account's home folder when it is missing or not absolute.
    public init(environment: [String: String]) {
        let home = Self.absolute(environment["HOME"]) ?? FileManager.default.homeDirectoryForCurrentUser.path
        func base(_ variable: String, default relativePath: String) -> URL {
            // The spec: "If an implementation encounters a relative path in any of these
            // variables it should consider the path invalid and ignore it."
            let path = Self.absolute(environment[variable]) ?? (home.hasSuffix("/") ? home : home + "/") + relativePath
            return URL(fileURLWithPath: path, isDirectory: true).appendingPathComponent(Self.appFolder, isDirectory: true)
        }
        config = base("XDG_CONFIG_HOME", default: ".config")
        state = base("XDG_STATE_HOME", default: ".local/state")
        cache = base("XDG_CACHE_HOME", default: ".cache")
    }

    /// `config.toml` in the config folder.
    public var configFile: URL { config.appendingPathComponent("config.toml", isDirectory: false) }
    /// User themes, beside the config file.
    public var themesFolder: URL { config.appendingPathComponent("themes", isDirectory: true) }
    /// The audit log of syncs to Clerk: one JSON object per line.
    public var auditLogFile: URL { state.appendingPathComponent("audit.log", isDirectory: false) }
    /// The diagnostic log (`--log-file` chooses another): redacted, one event per line.
    public var logFile: URL { state.appendingPathComponent("bbclerk.log", isDirectory: false) }
    /// Cached workspace names.
    public var workspaceNameCacheFile: URL { cache.appendingPathComponent("workspace-names.json", isDirectory: false) }

    /// `value` when it is a non-empty absolute path; nil for unset, empty or relative values.
    /// `path` with a leading "~" or "~/" replaced by the home folder: `HOME` from
    /// `environment` when absolute, else the account's (as `NSString.expandingTildeInPath`
    /// did for these two forms; "~user" is left as it is).
    public static func expandingTilde(_ path: String, environment: [String: String]) -> String {
        guard path == "~" || path.hasPrefix("~/") else { return path }
        let home = absolute(environment["HOME"]) ?? FileManager.default.homeDirectoryForCurrentUser.path
        return home + path.dropFirst()
    }

    private static func absolute(_ value: String?) -> String? {
        guard let value, value.hasPrefix("/") else { return nil }
        return value
    }
}
