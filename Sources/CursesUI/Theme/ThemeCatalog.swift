#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SetupCore

/// One theme `bbclerk themes` can list and `--theme NAME` can pick: a shipped one, or the
/// user's own `$XDG_CONFIG_HOME/bbclerk/themes/NAME.toml`.
public struct ThemeEntry: Sendable, Equatable {
    public enum Origin: Sendable, Equatable {
        /// Shipped with bbclerk (built into the binary).
        case builtin
        /// A user theme file.
        case user(path: String)
    }

    public var name: String
    public var origin: Origin
    /// A user theme with the name of a shipped one, which it replaces.
    public var replacesBuiltin: Bool

    public init(name: String, origin: Origin, replacesBuiltin: Bool = false) {
        self.name = name
        self.origin = origin
        self.replacesBuiltin = replacesBuiltin
    }

    /// Where the theme comes from, in words.
    public var originDescription: String {
        switch origin {
        case .builtin: return "built-in"
        case .user(let path): return replacesBuiltin ? "\(path) (replaces the built-in one)" : path
        }
    }

    /// The theme itself; a broken user file throws an error naming the file, line and key.
    public func load() throws(TOMLError) -> Theme {
        switch origin {
        case .builtin:
            guard let theme = Theme.builtin(named: name) else {
                throw TOMLError(file: "built-in \(name).toml", line: 0, problem: "no such built-in theme")
            }
            return theme
        case .user(let path):
            return try Theme.load(path: path)
        }
    }
}

/// The themes there are: shipped ones, then the user's, by name.
public enum ThemeCatalog {
    /// Every theme, shipped ones first (in their order), then user themes sorted by name.
    /// A user theme named like a shipped one is listed with the user themes and replaces it.
    public static func entries(environment: [String: String]) -> [ThemeEntry] {
        let user = userThemes(environment: environment)
        let userNames = Set(user.map(\.name))
        let builtins = Theme.builtinNames.filter { !userNames.contains($0) }.map { ThemeEntry(name: $0, origin: .builtin) }
        return builtins + user
    }

    /// The theme called `name` (a user theme first, then a shipped one), or nil.
    public static func find(name: String, environment: [String: String]) -> ThemeEntry? {
        entries(environment: environment).first { $0.name == name }
    }

    /// Whether a `--theme`/`BBCLERK_THEME`/config value names a file rather than a theme.
    public static func isPath(_ value: String) -> Bool {
        value.contains("/") || value.hasSuffix(".toml") || value.hasPrefix("~")
    }

    /// `~/…` expanded with `HOME` from `environment`.
    public static func expandingTilde(_ path: String, environment: [String: String]) -> String {
        StatePaths.expandingTilde(path, environment: environment)
    }

    /// The folder user themes go in.
    public static func userFolder(environment: [String: String]) -> URL {
        StatePaths(environment: environment).themesFolder
    }

    private static func userThemes(environment: [String: String]) -> [ThemeEntry] {
        let folder = userFolder(environment: environment)
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        let builtinNames = Set(Theme.builtinNames)
        return files.filter { $0.hasSuffix(".toml") && !$0.hasPrefix(".") }.sorted().map { file in
            let name = String(file.dropLast(".toml".count))
            return ThemeEntry(name: name, origin: .user(path: folder.appendingPathComponent(file).path),
                              replacesBuiltin: builtinNames.contains(name))
        }
    }
}
