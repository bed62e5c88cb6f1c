import Basics
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

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

    /// Reads the config file at `file` (see ``load(paths:)``). A file that another user
    /// owns or can write, a link, a FIFO or an oversized file is refused whole: its problem
    /// is a refusal (``TOMLError/isRefusal``) naming the file, what is wrong and the fix.
    public static func load(file: URL) -> (config: BBClerkConfig, problems: [TOMLError]) {
        let path = file.path
        let text: String
        do {
            text = try TrustedFile.text(path)
        } catch .notFound {
            return (BBClerkConfig(), [])
        } catch {
            return (BBClerkConfig(), [TOMLError(file: path, line: 0, problem: "not used: \(error)", isRefusal: true)])
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
        func problem(_ table: TOMLTable, _ key: String, _ path: String, _ text: String, refusal: Bool = false) {
            problems.append(TOMLError(file: file, line: table.line(of: key), key: path, problem: text, isRefusal: refusal))
        }
        func string(_ table: TOMLTable, _ key: String, _ path: String) -> String? {
            guard let value = table[key] else { return nil }
            guard case .string(let s) = value else {
                problem(table, key, path, "must be a string, not a \(value.typeName)")
                return nil
            }
            guard !s.trimmingWhitespace().isEmpty else {
                problem(table, key, path, "is empty (leave the key out instead)")
                return nil
            }
            return s.trimmingWhitespace()
        }
        func url(_ table: TOMLTable, _ service: Endpoints.Service) -> URL? {
            let path = "urls.\(service.configKey)"
            guard let text = string(table, service.configKey, path) else { return nil }
            do {
                return try EndpointRefusal.check(text, service: service, source: path)
            } catch {
                // The key is in the problem's place already; keep only the rule and the fix.
                problem(table, service.configKey, path, error.problem, refusal: true)
                return nil
            }
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
            config.bitbucketAPI = url(urls, .bitbucketAPI)
            config.bitbucketWeb = url(urls, .bitbucketWeb)
            config.clerkAPI = url(urls, .clerkAPI)
            config.clerkFrontend = url(urls, .clerkFrontend)
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
    /// An environment override bbclerk refuses (see ``EndpointRefusal``) is thrown; the
    /// file's refused keys are among the problems ``load(file:)`` returned and are not set.
    public func checkedEndpoints(environment: [String: String], file: String = "config.toml") throws(EndpointRefusal) -> Endpoints {
        var base = Endpoints.production
        let fromFile: [(Endpoints.Service, URL?)] = [(.bitbucketAPI, bitbucketAPI), (.bitbucketWeb, bitbucketWeb),
                                                     (.clerkAPI, clerkAPI), (.clerkFrontend, clerkFrontend)]
        for case let (service, url?) in fromFile {
            base[service] = url
            base.origins[service] = "urls.\(service.configKey) in \(file)"
        }
        return try Endpoints.fromEnvironment(environment, base: base)
    }

    /// ``checkedEndpoints(environment:file:)`` for a caller that cannot stop: a refused
    /// environment override leaves the real services in place (credentials go nowhere
    /// else). Prefer the checked form, which says what was refused.
    public func endpoints(environment: [String: String]) -> Endpoints {
        if let endpoints = try? checkedEndpoints(environment: environment) { return endpoints }
        var safe = environment
        for service in Endpoints.Service.allCases { safe[service.environmentVariable] = nil }
        return (try? checkedEndpoints(environment: safe)) ?? .production
    }

    /// The theme asked for: `--theme` (`flag`), else `BBCLERK_THEME`, else this file's
    /// `theme`; nil for the default. (`NO_COLOR` overrides all of them when the theme is
    /// resolved.)
    public func themeRequest(flag: String?, environment: [String: String]) -> String? {
        for candidate in [flag, environment["BBCLERK_THEME"], theme] {
            if let value = candidate?.trimmingWhitespace(), !value.isEmpty { return value }
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
