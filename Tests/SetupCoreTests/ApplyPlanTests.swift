import XCTest
@testable import SetupCore

/// Gathering `bbclerk apply`'s values: flags over the `--from` file over the environment,
/// secrets only through files, and a missing value named by its flag and variable.
final class ApplyPlanTests: XCTestCase {
    /// Secret "files" by path; anything else fails like a missing file.
    func reader(_ files: [String: String]) -> ApplyPlan.SecretReader {
        { path, _ in
            guard let text = files[path] else { throw CommandUsageError("cannot read it") }
            return text
        }
    }

    let complete = CommandSettings(application: "Acme Store", workspace: "acme-store", consumerKey: "KEY123",
                                   consumerSecretFile: "/s/consumer", clerkPlatformKeyFile: "/s/clerk")
    var files: [String: String] { ["/s/consumer": "consumer-secret\n", "/s/clerk": "ak_platformkey", "-": "from-stdin\n"] }

    func usageError(_ body: () throws(CommandUsageError) -> Void) -> String? {
        do { try body(); return nil } catch { return error.message }
    }

    func testCompleteFlagsMakeAPlan() throws {
        let plan = try ApplyPlan.resolve(flags: complete, environment: [:], dryRun: true, readSecret: reader(files))
        XCTAssertEqual(plan.application, "Acme Store")
        XCTAssertEqual(plan.instance, .production, "production is the default")
        XCTAssertEqual(plan.consumer.key, "KEY123")
        XCTAssertEqual(plan.consumer.secret.exposed, "consumer-secret", "one trailing newline goes")
        XCTAssertEqual(plan.platformKey.exposed, "ak_platformkey")
        XCTAssertNil(plan.bitbucket, "Bitbucket credentials are optional")
        XCTAssertTrue(plan.dryRun)
    }

    func testEachMissingValueNamesItsFlagAndVariable() {
        let cases: [(WritableKeyPath<CommandSettings, String?>, String)] = [
            (\.application, "Missing --application (or BBCLERK_APPLICATION)"),
            (\.workspace, "Missing --workspace (or BBCLERK_WORKSPACE)"),
            (\.consumerKey, "Missing --consumer-key (or BBCLERK_CONSUMER_KEY)"),
            (\.consumerSecretFile, "Missing --consumer-secret-file (or BBCLERK_CONSUMER_SECRET_FILE)"),
            (\.clerkPlatformKeyFile, "Missing --clerk-platform-key-file (or CLERK_PLATFORM_API_KEY, or a Clerk CLI sign-in: clerk auth login)"),
        ]
        for (path, expected) in cases {
            var flags = complete
            flags[keyPath: path] = nil
            let message = usageError { () throws(CommandUsageError) in
                _ = try ApplyPlan.resolve(flags: flags, environment: [:], dryRun: false, readSecret: reader(files))
            }
            XCTAssertTrue(message?.hasPrefix(expected) == true, "\(expected) ← \(message ?? "no error")")
        }
    }

    func testEnvironmentFillsWhatFlagsLeaveOut() throws {
        let environment = [
            "BBCLERK_APPLICATION": "Nimbus Notes", "BBCLERK_INSTANCE": "development", "BBCLERK_WORKSPACE": "nimbus-notes",
            "BBCLERK_CONSUMER_KEY": "ENVKEY", "BBCLERK_CONSUMER_SECRET_FILE": "/s/consumer",
            "CLERK_PLATFORM_API_KEY": "ak_fromenvironment", "BITBUCKET_EMAIL": "ada@example.com", "BITBUCKET_API_TOKEN": "ATATTtoken",
        ]
        let plan = try ApplyPlan.resolve(flags: CommandSettings(application: "Acme Store"), environment: environment, dryRun: false,
                                         readSecret: reader(files))
        XCTAssertEqual(plan.application, "Acme Store", "a flag beats the environment")
        XCTAssertEqual(plan.instance, .development)
        XCTAssertEqual(plan.consumer.key, "ENVKEY")
        XCTAssertEqual(plan.platformKey.exposed, "ak_fromenvironment")
        XCTAssertEqual(plan.bitbucket?.email, "ada@example.com")
        XCTAssertEqual(plan.bitbucket?.token.exposed, "ATATTtoken")
    }

    func testFileSitsBetweenFlagsAndEnvironment() throws {
        let text = """
            # bbclerk apply --from
            application = "From File"
            instance = "ins_2abc"
            workspace = 'acme-store'
            consumer_key = "FILEKEY"
            consumer_secret_file = "consumer"
            """
        let file = try CommandSettings.parseFile(text, path: "apply.toml", baseDirectory: URL(fileURLWithPath: "/s"))
        XCTAssertEqual(file.consumerSecretFile, "/s/consumer", "relative paths are the file's folder's")
        let plan = try ApplyPlan.resolve(
            flags: CommandSettings(consumerKey: "FLAGKEY", clerkPlatformKeyFile: "/s/clerk"), file: file,
            environment: ["BBCLERK_APPLICATION": "From Environment", "BBCLERK_WORKSPACE": "env-ws"], dryRun: false,
            readSecret: reader(files))
        XCTAssertEqual(plan.application, "From File")
        XCTAssertEqual(plan.instance, .id("ins_2abc"))
        XCTAssertEqual(plan.workspace, "acme-store")
        XCTAssertEqual(plan.consumer.key, "FLAGKEY")
    }

    func testFileRefusesSecretsUnknownKeysAndNonStrings() {
        func problem(_ text: String) -> String? {
            usageError { () throws(CommandUsageError) in _ = try CommandSettings.parseFile(text, path: "a.toml") }
        }
        XCTAssertEqual(problem("consumer_secret = \"abc\""),
                       "a.toml:1: consumer_secret: secrets do not go in this file; put the secret in a file of its own (mode 0600) and name it with consumer_secret_file = \"path\".")
        XCTAssertTrue(problem("\n\napplicaton = \"x\"")?.hasPrefix("a.toml:3: applicaton: unknown key; the keys are application, instance") == true)
        XCTAssertEqual(problem("workspace = 3"), "a.toml:1: workspace: must be a string in quotes, as in workspace = \"…\".")
        XCTAssertEqual(problem("workspace = \"unterminated"), "--from a.toml:1: workspace: unterminated string")
    }

    func testOnlyOneSecretFromStandardInput() {
        var flags = complete
        flags.consumerSecretFile = "-"
        flags.clerkPlatformKeyFile = "-"
        let message = usageError { () throws(CommandUsageError) in
            _ = try ApplyPlan.resolve(flags: flags, environment: [:], dryRun: false, readSecret: reader(files))
        }
        XCTAssertEqual(message, "Only one secret can come from standard input, but --consumer-secret-file and --clerk-platform-key-file are both -: put the others in files.")
    }

    func testBadValuesSayWhatToTypeInstead() {
        func message(_ change: (inout CommandSettings) -> Void, files: [String: String]? = nil) -> String? {
            var flags = complete
            change(&flags)
            return usageError { () throws(CommandUsageError) in
                _ = try ApplyPlan.resolve(flags: flags, environment: [:], dryRun: false, readSecret: reader(files ?? self.files))
            }
        }
        XCTAssertEqual(message { $0.instance = "staging" }, "--instance is production, development or an instance id (ins_…), as in --instance production.")
        XCTAssertEqual(message { $0.consumerKey = "two words" }, "--consumer-key: Key contains a space or line break: copy only the key itself.")
        XCTAssertEqual(message { $0.consumerSecretFile = "/missing" }, "--consumer-secret-file: cannot read it", "the path is not repeated: it may be a secret")
        XCTAssertEqual(message({ _ in }, files: ["/s/consumer": "\n", "/s/clerk": "ak_x"]),
                       "--consumer-secret-file: Secret is empty: the file holds nothing.")
        XCTAssertEqual(message { $0.bitbucketEmail = "ada@example.com" },
                       "Missing --bitbucket-token-file (or BITBUCKET_API_TOKEN): the Atlassian API token that goes with --bitbucket-email.")
        XCTAssertEqual(message { $0.workspace = "  " }, "--workspace is empty: give a value, as in --workspace acme-store.")
    }

    func testSandboxCredentialsReplaceTheEnvironmentsRealOnes() throws {
        var sandbox = SessionCredentials()
        sandbox.bitbucketEmail = "ada@example.com"
        sandbox.bitbucketToken = Secret("ATATTsandbox")
        sandbox.clerkPlatformKey = Secret("ak_sandbox")
        var flags = complete
        flags.clerkPlatformKeyFile = nil
        let plan = try ApplyPlan.resolve(
            flags: flags, environment: ["CLERK_PLATFORM_API_KEY": "ak_real", "BITBUCKET_API_TOKEN": "ATATTreal", "BITBUCKET_EMAIL": "real@example.com"],
            dryRun: false, fallback: sandbox, readSecret: reader(files))
        XCTAssertEqual(plan.platformKey.exposed, "ak_sandbox")
        XCTAssertEqual(plan.bitbucket?.token.exposed, "ATATTsandbox")
        XCTAssertEqual(plan.bitbucket?.email, "ada@example.com")
    }

    func testDoctorNeedsOnlyAWayIntoClerk() throws {
        let plan = try DoctorPlan.resolve(flags: CommandSettings(application: "Nimbus Notes", clerkPlatformKeyFile: "/s/clerk"),
                                          environment: [:], readSecret: reader(files))
        XCTAssertNil(plan.consumerSecret)
        XCTAssertNil(plan.bitbucket)
        let every = try DoctorPlan.resolve(flags: CommandSettings(clerkPlatformKeyFile: "/s/clerk"), environment: [:], readSecret: reader(files))
        XCTAssertNil(every.application, "no --application: every application the credential sees")
        XCTAssertNil(every.instance)
        let manual = try DoctorPlan.resolve(flags: CommandSettings(), environment: ["CLERK_SECRET_KEY": "sk_test_abc"], readSecret: reader(files))
        guard case .manual(let secretKey, _) = manual.access else { return XCTFail("\(manual.access)") }
        XCTAssertEqual(secretKey, Secret("sk_test_abc"))
        let none = usageError { () throws(CommandUsageError) in
            _ = try DoctorPlan.resolve(flags: CommandSettings(), environment: [:], readSecret: reader(files))
        }
        XCTAssertTrue(none?.contains("--clerk-platform-key-file (or CLERK_PLATFORM_API_KEY)") == true, none ?? "")
        XCTAssertTrue(none?.contains("clerk auth login") == true, none ?? "")
        XCTAssertTrue(none?.contains("CLERK_SECRET_KEY (sk_…) or CLERK_PUBLISHABLE_KEY") == true, none ?? "")
    }

    /// One run names every missing value, each with its flag and variable.
    func testApplyNamesEveryMissingValueAtOnce() {
        let message = usageError { () throws(CommandUsageError) in
            _ = try ApplyPlan.resolve(flags: CommandSettings(), environment: [:], dryRun: false, readSecret: reader(files))
        }
        let lines = message?.split(separator: "\n").map(String.init) ?? []
        XCTAssertEqual(lines.first, "Missing 5 values:")
        for flag in ["--application (or BBCLERK_APPLICATION)", "--workspace (or BBCLERK_WORKSPACE)", "--consumer-key (or BBCLERK_CONSUMER_KEY)",
                     "--consumer-secret-file (or BBCLERK_CONSUMER_SECRET_FILE)", "--clerk-platform-key-file (or CLERK_PLATFORM_API_KEY"] {
            XCTAssertTrue(lines.contains { $0.hasPrefix("  " + flag) }, "\(flag) ← \(message ?? "")")
        }
    }

    /// The Clerk CLI's sign-in stands in for an ak_ key; an expired one is named, not used.
    func testTheClerkCLISignInIsThePlatformCredentialWhenNoKeyIsGiven() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("credentials")
        let later = (Date().timeIntervalSince1970 + 3600) * 1000
        try #"{"accessToken":"eyJhbGciOiJSUzI1NiJ9.eyJleHAiOjF9.sig","refreshToken":"rt","expiresAt":\#(later),"tokenType":"Bearer"}"#
            .write(to: file, atomically: true, encoding: .utf8)
        var flags = complete
        flags.clerkPlatformKeyFile = nil
        let plan = try ApplyPlan.resolve(flags: flags, environment: ["CLERK_CONFIG_DIR": dir.path], dryRun: false, readSecret: reader(files))
        XCTAssertEqual(plan.platformKey.exposed, "eyJhbGciOiJSUzI1NiJ9.eyJleHAiOjF9.sig")

        let earlier = (Date().timeIntervalSince1970 - 60) * 1000
        try #"{"accessToken":"eyJhbGciOiJSUzI1NiJ9.eyJleHAiOjF9.sig","refreshToken":"rt","expiresAt":\#(earlier),"tokenType":"Bearer"}"#
            .write(to: file, atomically: true, encoding: .utf8)
        let expired = usageError { () throws(CommandUsageError) in
            _ = try ApplyPlan.resolve(flags: flags, environment: ["CLERK_CONFIG_DIR": dir.path], dryRun: false, readSecret: reader(files))
        }
        XCTAssertTrue(expired?.contains("Your Clerk CLI sign-in has expired: run clerk whoami") == true, expired ?? "")
    }
}
