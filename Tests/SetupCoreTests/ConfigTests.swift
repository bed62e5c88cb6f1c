import Foundation
import Testing
@testable import SetupCore

/// `config.toml`: reading it, problems that name the file, line and key, and precedence
/// (file < environment < flags).
@Suite struct ConfigTests {
    private static let full = """
    # my bbclerk settings
    theme = "light"

    [urls]
    bitbucket_api = "https://bb-proxy.internal/2.0"
    bitbucket_web = "https://bb-web.internal"
    clerk_api = "https://clerk-proxy.internal/v1"
    clerk_frontend = "https://frontend-proxy.internal"

    [defaults]
    application = "app_123"
    instance = "ins_456"
    workspace = "acme-inc"
    """

    @Test func readsEveryKey() {
        let (config, problems) = BBClerkConfig.parse(Self.full, file: "c.toml")
        #expect(problems.isEmpty)
        #expect(config.theme == "light")
        #expect(config.bitbucketAPI == URL(string: "https://bb-proxy.internal/2.0"))
        #expect(config.bitbucketWeb == URL(string: "https://bb-web.internal"))
        #expect(config.clerkAPI == URL(string: "https://clerk-proxy.internal/v1"))
        #expect(config.clerkFrontend == URL(string: "https://frontend-proxy.internal"))
        #expect(config.application == "app_123")
        #expect(config.instance == "ins_456")
        #expect(config.workspace == "acme-inc")
    }

    @Test func unknownKeysAreProblemsNamingTheKeyAndLine() {
        let (config, problems) = BBClerkConfig.parse("""
        theme = "light"
        colour = "blue"
        [urls]
        bitbucket = "https://x.example"
        [defaults]
        workspace = "acme"
        project = "x"
        [extra]
        """, file: "c.toml")
        #expect(problems.map(\.description) == [
            "c.toml:2: colour: unknown key (expected theme, [urls], [defaults])",
            "c.toml:8: extra: unknown key (expected theme, [urls], [defaults])",
            "c.toml:4: urls.bitbucket: unknown key (expected bitbucket_api, bitbucket_web, clerk_api, clerk_frontend)",
            "c.toml:7: defaults.project: unknown key (expected application, instance, workspace)",
        ])
        // The rest of the file still counts.
        #expect(config.theme == "light")
        #expect(config.workspace == "acme")
    }

    @Test func wrongTypesAndBadURLsAreProblems() {
        let (config, problems) = BBClerkConfig.parse("""
        theme = 3
        urls = "x"
        [defaults]
        workspace = ""
        """, file: "c.toml")
        #expect(problems.map(\.description) == [
            "c.toml:1: theme: must be a string, not a integer",
            "c.toml:2: urls: must be a table ([urls])",
            "c.toml:4: defaults.workspace: is empty (leave the key out instead)",
        ])
        #expect(config == BBClerkConfig())
        let bad = BBClerkConfig.parse("[urls]\nclerk_api = \"api.clerk.com\"", file: "c.toml")
        #expect(bad.problems.first?.description == "c.toml:2: urls.clerk_api: \"api.clerk.com\" is not an absolute http(s) URL")
        #expect(bad.config.clerkAPI == nil)
    }

    @Test func brokenSyntaxIgnoresTheFileAndSaysWhere() {
        let (config, problems) = BBClerkConfig.parse("theme = \"light\"\n[urls\n", file: "c.toml")
        #expect(config == BBClerkConfig())
        #expect(problems.count == 1)
        #expect(problems.first?.file == "c.toml")
        #expect(problems.first?.line == 2)
    }

    @Test func aMissingFileIsFineAndAPresentOneIsRead() throws {
        let home = try ScratchFolder()
        let paths = StatePaths(environment: ["XDG_CONFIG_HOME": home.url.path])
        let missing = BBClerkConfig.load(paths: paths)
        #expect(missing.config == BBClerkConfig())
        #expect(missing.problems.isEmpty)
        try FileManager.default.createDirectory(at: paths.config, withIntermediateDirectories: true)
        try "theme = \"terminal16\"\nsurprise = 1\n".write(to: paths.configFile, atomically: true, encoding: .utf8)
        let present = BBClerkConfig.load(paths: paths)
        #expect(present.config.theme == "terminal16")
        #expect(present.problems.map(\.description) == ["\(paths.configFile.path):2: surprise: unknown key (expected theme, [urls], [defaults])"])
    }

    @Test func endpointsFileThenEnvironment() {
        let config = BBClerkConfig.parse(Self.full).config
        let fileOnly = config.endpoints(environment: [:])
        #expect(fileOnly.bitbucketAPI.absoluteString == "https://bb-proxy.internal/2.0")
        #expect(fileOnly.clerkFrontendOverride?.absoluteString == "https://frontend-proxy.internal")
        let overridden = config.endpoints(environment: ["BBCLERK_BITBUCKET_API_URL": "http://127.0.0.1:9/2.0",
                                                        "BBCLERK_CLERK_FRONTEND_URL": "http://127.0.0.1:9/fapi"])
        #expect(overridden.bitbucketAPI.absoluteString == "http://127.0.0.1:9/2.0")
        #expect(overridden.clerkFrontendOverride?.absoluteString == "http://127.0.0.1:9/fapi")
        #expect(overridden.clerkAPI.absoluteString == "https://clerk-proxy.internal/v1", "not overridden: the file's value stays")
        #expect(BBClerkConfig().endpoints(environment: [:]) == .production)
    }

    @Test func themeFlagThenEnvironmentThenFile() {
        var config = BBClerkConfig()
        #expect(config.themeRequest(flag: nil, environment: [:]) == nil)
        config.theme = "light"
        #expect(config.themeRequest(flag: nil, environment: [:]) == "light")
        #expect(config.themeRequest(flag: nil, environment: ["BBCLERK_THEME": ""]) == "light", "empty means unset")
        #expect(config.themeRequest(flag: nil, environment: ["BBCLERK_THEME": "high-contrast"]) == "high-contrast")
        #expect(config.themeRequest(flag: "/tmp/mine.toml", environment: ["BBCLERK_THEME": "high-contrast"]) == "/tmp/mine.toml")
    }

    // MARK: Defaults preselect, and the reducer keeps only valid ones

    private static let applications = [
        ClerkApplication(id: "app_a", name: "A", instances: [
            ClerkInstance(id: "ins_a_dev", environment: .development), ClerkInstance(id: "ins_a_prod", environment: .production),
        ]),
        ClerkApplication(id: "app_b", name: "B", instances: [
            ClerkInstance(id: "ins_b_dev", environment: .development), ClerkInstance(id: "ins_b_prod", environment: .production),
        ]),
    ]

    private func preselected(_ text: String) -> WizardState {
        var state = WizardState(mode: .live, endpoints: .production, credentials: SessionCredentials())
        BBClerkConfig.parse(text).config.preselect(&state)
        _ = Wizard.reduce(&state, .clerkChecked(.success(.platform(applications: Self.applications))))
        return state
    }

    @Test func defaultsPreselectApplicationInstanceAndWorkspace() {
        let state = preselected("[defaults]\napplication = \"app_b\"\ninstance = \"ins_b_dev\"\nworkspace = \"acme\"")
        #expect(state.selectedApplicationID == "app_b")
        #expect(state.selectedInstanceID == "ins_b_dev")
        #expect(state.selectedWorkspace == "acme")
    }

    @Test func reducerKeepsOnlyAValidPreselection() {
        let applicationOnly = preselected("[defaults]\napplication = \"app_b\"")
        #expect(applicationOnly.selectedInstanceID == "ins_b_prod", "production is preselected within the application")
        let instanceOnly = preselected("[defaults]\ninstance = \"ins_a_dev\"")
        #expect(instanceOnly.selectedApplicationID == "app_a", "the instance picks its application")
        #expect(instanceOnly.selectedInstanceID == "ins_a_dev")
        let foreignInstance = preselected("[defaults]\napplication = \"app_a\"\ninstance = \"ins_b_dev\"")
        #expect(foreignInstance.selectedApplicationID == "app_a")
        #expect(foreignInstance.selectedInstanceID == "ins_a_prod")
        let unknown = preselected("[defaults]\napplication = \"app_gone\"\ninstance = \"ins_a_dev\"")
        #expect(unknown.selectedApplicationID == nil)
        #expect(unknown.selectedInstanceID == nil)
    }
}

/// A folder under the system's temporary folder, removed when the value is released.
final class ScratchFolder: @unchecked Sendable {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("bbclerk-test-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }
}
