import Foundation

/// `$XDG_CONFIG_HOME/bbclerk/config.toml`: the user's standing choices.
///
/// ```toml
/// theme = "light"                       # a theme name or a path to a theme file
///
/// [urls]                                # where the services are (for proxies and tests)
/// bitbucket_api = "https://api.bitbucket.org/2.0"
/// bitbucket_web = "https://bitbucket.org"
/// clerk_api = "https://api.clerk.com/v1"
/// clerk_frontend = "https://clerk-proxy.internal"
///
/// [defaults]                            # preselected in the wizard
/// application = "app_2abc…"             # Clerk application id
/// instance = "ins_2abc…"                # Clerk instance id
/// workspace = "acme-inc"                # Bitbucket workspace slug
/// ```
///
/// Precedence everywhere: this file < environment < command-line flags.
public struct BBClerkConfig: Sendable, Equatable {
    public var theme: String?
    public var bitbucketAPI: URL?
    public var bitbucketWeb: URL?
    public var clerkAPI: URL?
    public var clerkFrontend: URL?
    public var application: String?
    public var instance: String?
    public var workspace: String?

    public init() {}

    /// The keys the file may hold, by table ("" is the top level).
    public static let knownKeys: [String: [String]] = [
        "": ["theme", "urls", "defaults"],
        "urls": ["bitbucket_api", "bitbucket_web", "clerk_api", "clerk_frontend"],
        "defaults": ["application", "instance", "workspace"],
    ]

    /// Reads `paths.configFile`. A missing file is an empty config; anything wrong in it is
    /// a problem naming the file, line and key, and that value (or, for a syntax error, the
    /// whole file) is not used.
    public static func load(paths: StatePaths) -> (config: BBClerkConfig, problems: [TOMLError]) {
        load(file: paths.configFile)
    }

    /// Reads the config file at `file` (see ``load(paths:)``).
    public static func load(file: URL) -> (config: BBClerkConfig, problems: [TOMLError]) {
        let path = file.path
        guard FileManager.default.fileExists(atPath: path) else { return (BBClerkConfig(), []) }
        let text: String
        do {
            text = try String(contentsOf: file, encoding: .utf8)
        } catch {
            return (BBClerkConfig(), [TOMLError(file: path, line: 0, problem: "cannot read the file (\(error.localizedDescription))")])
        }
        return parse(text, file: path)
    }

    /// Interprets config TOML text; `file` is used in problems.
    public static func parse(_ text: String, file: String = "config.toml") -> (config: BBClerkConfig, problems: [TOMLError]) {
        let root: TOMLTable
        do {
            root = try TOMLParser(file: file).parse(text)
        } catch {
            return (BBClerkConfig(), [error])
        }
        var config = BBClerkConfig()
        var problems: [TOMLError] = []
        func problem(_ table: TOMLTable, _ key: String, _ path: String, _ text: String) {
            problems.append(TOMLError(file: file, line: table.line(of: key), key: path, problem: text))
        }
        func string(_ table: TOMLTable, _ key: String, _ path: String) -> String? {
            guard let value = table[key] else { return nil }
            guard case .string(let s) = value else {
                problem(table, key, path, "must be a string, not a \(value.typeName)")
                return nil
            }
            guard !s.trimmingCharacters(in: .whitespaces).isEmpty else {
                problem(table, key, path, "is empty (leave the key out instead)")
                return nil
            }
            return s.trimmingCharacters(in: .whitespaces)
        }
        func url(_ table: TOMLTable, _ key: String, _ path: String) -> URL? {
            guard let text = string(table, key, path) else { return nil }
            guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme),
                  url.host?.isEmpty == false else {
                problem(table, key, path, "\"\(text)\" is not an absolute http(s) URL")
                return nil
            }
            return url
        }
        func section(_ name: String) -> TOMLTable? {
            guard let value = root[name] else { return nil }
            guard case .table(let table) = value else {
                problem(root, name, name, "must be a table ([\(name)])")
                return nil
            }
            for key in table.keys where !(knownKeys[name] ?? []).contains(key) {
                problem(table, key, "\(name).\(key)", "unknown key (expected \(knownKeys[name]!.joined(separator: ", ")))")
            }
            return table
        }
        for key in root.keys where !knownKeys[""]!.contains(key) {
            problem(root, key, key, "unknown key (expected theme, [urls], [defaults])")
        }
        config.theme = string(root, "theme", "theme")
        if let urls = section("urls") {
            config.bitbucketAPI = url(urls, "bitbucket_api", "urls.bitbucket_api")
            config.bitbucketWeb = url(urls, "bitbucket_web", "urls.bitbucket_web")
            config.clerkAPI = url(urls, "clerk_api", "urls.clerk_api")
            config.clerkFrontend = url(urls, "clerk_frontend", "urls.clerk_frontend")
        }
        if let defaults = section("defaults") {
            config.application = string(defaults, "application", "defaults.application")
            config.instance = string(defaults, "instance", "defaults.instance")
            config.workspace = string(defaults, "workspace", "defaults.workspace")
        }
        return (config, problems)
    }

    // MARK: Precedence: file < environment < flags

    /// The production endpoints with this file's `[urls]` applied, then the environment's
    /// `BBCLERK_*_URL` overrides on top. (Flags such as `--sandbox` replace the result.)
    public func endpoints(environment: [String: String]) -> Endpoints {
        var base = Endpoints.production
        if let bitbucketAPI { base.bitbucketAPI = bitbucketAPI }
        if let bitbucketWeb { base.bitbucketWeb = bitbucketWeb }
        if let clerkAPI { base.clerkAPI = clerkAPI }
        if let clerkFrontend { base.clerkFrontendOverride = clerkFrontend }
        return Endpoints.fromEnvironment(environment, base: base)
    }

    /// The theme asked for: `--theme` (`flag`), else `BBCLERK_THEME`, else this file's
    /// `theme`; nil for the default. (`NO_COLOR` overrides all of them when the theme is
    /// resolved.)
    public func themeRequest(flag: String?, environment: [String: String]) -> String? {
        for candidate in [flag, environment["BBCLERK_THEME"], theme] {
            if let value = candidate?.trimmingCharacters(in: .whitespaces), !value.isEmpty { return value }
        }
        return nil
    }

    /// Puts `[defaults]` into a fresh wizard state as preselections. The reducer keeps them
    /// only if they turn out to exist (an unknown application is dropped when the list
    /// arrives; an instance is kept only within its application).
    public func preselect(_ state: inout WizardState) {
        if let application { state.selectedApplicationID = application }
        if let instance { state.selectedInstanceID = instance }
        if let workspace { state.selectedWorkspace = workspace }
    }
}
