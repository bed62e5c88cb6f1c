import Basics
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The deterministic world the sandbox starts with: the same options always give the same
/// user, tokens, workspaces, consumers, applications, keys and hosts.
struct SeedData: Sendable {
    /// The special workspaces (personal, consumers', non-ASCII, not administered) always exist.
    static let minimumWorkspaceCount = 4

    var user: BitbucketUser
    var apiToken: String
    var limitedToken: String
    /// Member workspaces in seed order, then workspaces the user cannot see.
    var workspaces: [Workspace]
    var consumers: [OAuthConsumer]
    var platformAPIKey: String
    var readOnlyPlatformAPIKey: String
    /// The access token a `clerk auth login` would have stored: a JWT whose `exp` is a day
    /// ahead (the Platform API takes it as it takes an `ak_` key).
    var clerkCLIAccessToken: String
    var applications: [ClerkApplication]
    var instances: [ClerkInstance]

    /// `hostileNames` (see `SandboxOptions.hostileNames`) adds the hostile workspaces and
    /// application after everything else is drawn, so no other token, key or id changes.
    init(workspaceCount: Int, hostileNames: Bool = false) {
        // Workspaces draw from per-slug generators, so the workspace count changes no token or key.
        var generator = SplitMix64(seed: 0xB1B_C1E2)
        user = BitbucketUser(
            displayName: "Ada Lovelace", email: "ada@example.com", username: "ada-lovelace",
            uuid: "{6a3c1a0e-4f7b-4b8e-9d2c-1f5e8a7b3c90}", accountID: "712020:6a3c1a0e-4f7b-4b8e-9d2c-1f5e8a7b3c90",
            createdOn: "2015-12-10T09:26:53.589793+00:00"
        )
        apiToken = Self.atlassianToken(using: &generator)
        limitedToken = Self.atlassianToken(using: &generator)
        workspaces = Self.memberWorkspaces(count: max(workspaceCount, Self.minimumWorkspaceCount), username: user.username)
        if hostileNames { workspaces += Self.hostileWorkspaces }
        // Exists, but the user is not a member: 404 on GET /workspaces/{slug}, 403 on /permission.
        workspaces.append(Workspace(slug: "initech", name: "Initech", uuid: Self.workspaceUUID("initech"),
                                    isPrivate: true, createdOn: "2018-02-19T08:00:00.000000+00:00", role: nil))

        let acmeCallback = "https://clerk.acme-store.com/v1/oauth_callback"
        consumers = [
            // New-format credentials (32/76), everything Clerk needs.
            OAuthConsumer(workspace: "acme-store", name: "Acme Store sign-in", description: "Sign in with Bitbucket for Acme Store",
                          key: RandomText.alphanumeric(32, using: &generator), secret: RandomText.alphanumeric(76, using: &generator),
                          isPrivate: true, scopes: ["account", "email"], callbackURL: acmeCallback,
                          url: "https://acme-store.com"),
            // Old-format credentials (18/32); public, so client_credentials is refused.
            OAuthConsumer(workspace: "acme-store", name: "Acme Store public", description: nil,
                          key: RandomText.alphanumeric(18, using: &generator), secret: RandomText.alphanumeric(32, using: &generator),
                          isPrivate: false, scopes: ["account", "email"], callbackURL: acmeCallback, url: "https://acme-store.com"),
            // An old consumer from before the form ticked Email with Account Read.
            OAuthConsumer(workspace: "acme-store", name: "Acme legacy (no email)", description: nil,
                          key: RandomText.alphanumeric(18, using: &generator), secret: RandomText.alphanumeric(32, using: &generator),
                          isPrivate: true, scopes: ["account", "repository"], callbackURL: acmeCallback),
            // No Callback URL: the token endpoint refuses every grant.
            OAuthConsumer(workspace: "acme-store", name: "Acme no callback", description: nil,
                          key: RandomText.alphanumeric(32, using: &generator), secret: RandomText.alphanumeric(76, using: &generator),
                          isPrivate: true, scopes: ["account", "email"], callbackURL: nil),
            // Already wired into Nimbus Notes' production instance (a finished setup for `doctor`).
            OAuthConsumer(workspace: "nimbus-notes", name: "Nimbus Notes", description: "Sign in with Bitbucket for Nimbus Notes",
                          key: RandomText.alphanumeric(32, using: &generator), secret: RandomText.alphanumeric(76, using: &generator),
                          isPrivate: true, scopes: ["account", "email"],
                          callbackURL: "https://clerk.nimbus-notes.io/v1/oauth_callback", url: "https://nimbus-notes.io"),
        ]

        platformAPIKey = "ak_" + RandomText.alphanumeric(40, using: &generator)
        readOnlyPlatformAPIKey = "ak_" + RandomText.alphanumeric(40, using: &generator)

        let nimbus = consumers[4]
        var apps: [(name: String, domain: String, devHost: String, productionBitbucket: SocialConnection)] = [
            ("Acme Store", "acme-store.com", "glowing-bat-98", SocialConnection(enabled: false)),
            ("Nimbus Notes", "nimbus-notes.io", "brave-otter-42",
             SocialConnection(enabled: true, clientID: nimbus.key, clientSecret: nimbus.secret)),
        ]
        if hostileNames {
            apps.append((Self.hostileApplicationName, "hostile-app.example", "sly-newt-13", SocialConnection(enabled: false)))
        }
        applications = []
        instances = []
        for (index, app) in apps.enumerated() {
            let appID = RandomText.clerkID("app", using: &generator)
            let created = "2025-0\(index + 3)-14T10:0\(index):00Z"
            let devHost = "\(app.devHost).clerk.accounts.dev"
            let development = ClerkInstance(
                id: RandomText.clerkID("ins", using: &generator), applicationID: appID, applicationName: app.name,
                environment: "development", publishableKey: Self.publishableKey(host: devHost, live: false),
                secretKey: "sk_test_" + RandomText.alphanumeric(40, using: &generator),
                domainID: RandomText.clerkID("dmn", using: &generator), domainName: devHost,
                frontendAPIURL: "https://\(devHost)", accountsPortalURL: "https://\(app.devHost).accounts.dev",
                createdAt: created,
                connections: [
                    // Development instances sign in through Clerk's shared credentials.
                    "connection_oauth_bitbucket": SocialConnection(enabled: true),
                    "connection_oauth_google": SocialConnection(enabled: true),
                    "connection_oauth_github": SocialConnection(enabled: false),
                ]
            )
            let production = ClerkInstance(
                id: RandomText.clerkID("ins", using: &generator), applicationID: appID, applicationName: app.name,
                environment: "production", publishableKey: Self.publishableKey(host: "clerk.\(app.domain)", live: true),
                secretKey: "sk_live_" + RandomText.alphanumeric(40, using: &generator),
                domainID: RandomText.clerkID("dmn", using: &generator), domainName: app.domain,
                frontendAPIURL: "https://clerk.\(app.domain)", accountsPortalURL: "https://accounts.\(app.domain)",
                createdAt: created,
                connections: [
                    "connection_oauth_bitbucket": app.productionBitbucket,
                    "connection_oauth_google": SocialConnection(enabled: true, clientID: "\(index + 1)0493.apps.googleusercontent.com",
                                                                clientSecret: "GOCSPX-" + RandomText.alphanumeric(28, using: &generator)),
                    "connection_oauth_github": SocialConnection(enabled: false),
                ]
            )
            applications.append(ClerkApplication(id: appID, name: app.name, instanceIDs: [development.id, production.id]))
            instances += [development, production]
        }
        // Drawn last, so that every id above stays what earlier versions seeded.
        clerkCLIAccessToken = SandboxJWT.make(subject: "user_" + RandomText.alphanumeric(27, using: &generator),
                                              expires: Date().addingTimeInterval(86_400),
                                              signature: RandomText.alphanumeric(43, using: &generator))
    }

    // MARK: Hostile names (`SandboxOptions.hostileNames`)

    /// Clears the screen, sets the window title to "pwned" (OSC 0 ended by BEL), then a
    /// right-to-left override that would show "exe.png" backwards.
    static let hostileWorkspaceName = "Evil\u{1B}[2J\u{1B}]0;pwned\u{07} Corp\u{202E}gnp.exe"
    /// 500 characters, ending in a marker that must never be drawn whole.
    static let longWorkspaceName: String = {
        let head = "Lengthy Workspace "
        let tail = " TAIL-END"
        let filler = String(repeating: "abcdefghij", count: 50)
        return head + filler.prefix(500 - head.count - tail.count) + tail
    }()
    /// A CSI colour change (red, then reset) and a newline inside an application's name.
    static let hostileApplicationName = "Hostile\u{1B}[31mRed\u{1B}[0m\nApp"
    /// An OSC 52 clipboard write ("echo pwned", base64) ended by BEL, as in a hostile error body.
    static let clipboardWrite = "\u{1B}]52;c;ZWNobyBwd25lZA==\u{07}"

    /// Administered workspaces with hostile names; sorted by slug they fall among the others.
    static let hostileWorkspaces: [Workspace] = [
        Workspace(slug: "evil-corp", name: hostileWorkspaceName, uuid: workspaceUUID("evil-corp"), isPrivate: true,
                  createdOn: "2021-04-01T12:00:00.000000+00:00", role: .owner),
        Workspace(slug: "lengthy-workspace", name: longWorkspaceName, uuid: workspaceUUID("lengthy-workspace"), isPrivate: false,
                  createdOn: "2021-04-02T12:00:00.000000+00:00", role: .owner),
    ]

    /// Whether `applications` were seeded with hostile names (the routes have no other way to know).
    static func isHostile(_ applications: [ClerkApplication]) -> Bool {
        applications.contains { $0.name == hostileApplicationName }
    }

    /// A workspace's UUID depends on its slug only, so it is the same whatever the count.
    static func workspaceUUID(_ slug: String) -> String {
        var generator = SplitMix64(seed: fnv1a(slug))
        return RandomText.braceUUID(using: &generator)
    }

    /// `pk_live_`/`pk_test_` + unpadded base64 of `<host>$` (how Clerk encodes the Frontend API host).
    static func publishableKey(host: String, live: Bool) -> String {
        // Data from a buffer and a plain filter: the generic Data(sequence) and replacing(_:with:)
        // cost the runtime's type look-ups on first use, before --sandbox's first frame.
        let encoded = Array("\(host)$".utf8).withUnsafeBytes { Data($0) }.base64EncodedString().filter { $0 != "=" }
        return (live ? "pk_live_" : "pk_test_") + encoded
    }

    /// The shape of an Atlassian API token: `ATATT3xFfGF0`, ~180 base64url characters, `=`,
    /// an 8-hex-digit checksum.
    static func atlassianToken(using generator: inout SplitMix64) -> String {
        "ATATT3xFfGF0" + RandomText.string(180, from: RandomText.base64URL, using: &generator) + "="
            + RandomText.hex(8, using: &generator).uppercased()
    }

    /// The user's workspaces: the special ones first, then ordinary ones, then generated ones.
    static func memberWorkspaces(count: Int, username: String) -> [Workspace] {
        let fixed: [(slug: String, name: String, role: WorkspaceRole, isPrivate: Bool)] = [
            (username, "Ada Lovelace", .owner, true),                      // personal: only its owner administers it
            ("acme-store", "Acme Store", .owner, true),                    // holds the seeded consumers
            ("zurich-unicode", "Zürich Ünïcode 日本 Team", .owner, false),  // non-ASCII name
            ("babbage-labs", "Babbage Labs", .member, true),               // member only: not administered
            ("nimbus-notes", "Nimbus Notes", .owner, true),
            ("analytical-engines", "Analytical Engines", .owner, false),
            ("difference-engine", "Difference Engine", .createProject, true),
            ("open-source-guild", "Open Source Guild", .collaborator, false),
            ("lamplight-studio", "Lamplight Studio", .owner, true),
            ("numbers-station", "Numbers Station", .member, true),
            ("punch-card-co", "Punch Card Co.", .owner, true),
            ("bernoulli-research", "Bernoulli Research", .createProject, true),
            ("jacquard-looms", "Jacquard Looms", .owner, false),
            ("countess-of-code", "Countess of Code", .member, false),
        ]
        var result: [Workspace] = []
        for index in 0..<count {
            let slug: String, name: String, role: WorkspaceRole, isPrivate: Bool
            if index < fixed.count {
                (slug, name, role, isPrivate) = fixed[index]
            } else {
                // Generated: two of every three administered, so long lists page on both filters.
                let number = index + 1
                slug = "team-" + number.zeroPadded(5)
                name = "Generated Team \(number)"
                role = number % 3 == 0 ? .member : .owner
                isPrivate = number % 2 == 0
            }
            let day = 1 + index % 28, month = 1 + index % 12
            result.append(Workspace(
                slug: slug, name: name, uuid: workspaceUUID(slug), isPrivate: isPrivate,
                createdOn: "2020-\(month.zeroPadded(2))-\(day.zeroPadded(2))T12:00:00.000000+00:00", role: role
            ))
        }
        return result
    }
}

extension SeedData {
    /// The Clerk-side options that shape seeded instances: the first application gets the
    /// unverified domain and the numeric `config_version`; the second reads secrets back as
    /// bullets (the first as "REDACTED") and answers a sign-in bare (the first wrapped with
    /// its client), so both placeholders and both sign-in shapes are always served.
    mutating func applyClerkOptions(_ options: SandboxOptions) {
        guard let first = instances.first?.applicationID else { return }
        for index in instances.indices {
            let isFirst = instances[index].applicationID == first
            instances[index].secretPlaceholder = isFirst ? "REDACTED" : "••••••••"
            instances[index].bareSignIn = !isFirst
            if isFirst {
                instances[index].numericConfigVersion = options.numericConfigVersion
                if instances[index].isProduction { instances[index].dnsVerified = !options.unverifiedDomain }
            }
        }
    }
}
