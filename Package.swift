// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "bbclerk",
    // Built and tested on Linux only (.ci/run: Debian, Swift 6.3, glibc, ncursesw, libcurl
    // opened with dlopen); no Apple platform is claimed because none is built or tested.
    products: [
        .executable(name: "bbclerk", targets: ["bbclerk"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        // What FoundationEssentials lacks or makes slow and the linked modules need (whitespace trimming,
        // percent-encoding, case-insensitive comparison, a lock, a detached thread, the
        // environment without ProcessInfo). Every
        // module linked into bbclerk imports FoundationEssentials, never Foundation, on Linux:
        // one full-Foundation API links all of swift-corelibs-foundation and ICU with its data
        // into the static binary (issue 11).
        .target(name: "Basics"),
        // ncurses' wide-character API, with accessors for what Swift 6 cannot import.
        .systemLibrary(name: "CNcursesw", path: "Sources/CNcursesw"),
        // One HTTP request through libcurl, opened with dlopen on first use (docs/HTTP-LAYER.md).
        .target(name: "CCurl", linkerSettings: [.linkedLibrary("dl", .when(platforms: [.linux]))]),
        // The shared core: model, rules, wizard reducer, clients. FoundationEssentials only
        // on Linux (not Foundation, not FoundationNetworking) and the CCurl shim.
        .target(name: "SetupCore", dependencies: ["Basics", "CCurl", .product(name: "Logging", package: "swift-log")]),
        // The ncurses front end, with every Themes/*.toml built in.
        .target(name: "CursesUI", dependencies: ["Basics", "SetupCore", "CNcursesw"], exclude: ["Themes"], plugins: ["EmbedThemes"]),
        // Embeds Themes/*.toml as BuiltinThemes.all: a theme is one file (runs /bin/sh, builds nothing).
        .plugin(name: "EmbedThemes", capability: .buildTool()),
        // The wizard as plain prompts (--accessible, no terminal): no curses.
        .target(name: "LineMode", dependencies: ["Basics", "SetupCore"]),
        // Loopback emulator of Bitbucket and Clerk, written from the vendors' documents, with
        // its own small HTTP server (LoopbackHTTPServer says why not a library).
        .target(name: "Sandbox", dependencies: ["Basics"]),
        .executableTarget(
            name: "bbclerk",
            dependencies: [
                "Basics", "SetupCore", "CursesUI", "LineMode", "Sandbox",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // What the test targets share: recording terminal, scripted prompter, snapshot
        // helpers, the sequential effect driver, sandbox fixtures. Tests only, never linked
        // into bbclerk.
        .target(name: "TestSupport", dependencies: ["SetupCore", "CursesUI", "LineMode", "Sandbox"], path: "Tests/TestSupport"),
        .testTarget(name: "SetupCoreTests", dependencies: ["SetupCore", "Sandbox", "TestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(name: "BasicsTests", dependencies: ["Basics"]),
        .testTarget(name: "SandboxTests", dependencies: ["Sandbox"]),
        .testTarget(name: "CursesUITests", dependencies: ["CursesUI", "LineMode", "SetupCore", "Sandbox", "TestSupport"], resources: [.copy("Snapshots")]),
        .testTarget(name: "EndToEndTests", dependencies: ["bbclerk", "Sandbox", "SetupCore"]),
    ],
    swiftLanguageModes: [.v6]
)
