import XCTest
@testable import SetupCore

final class PersistencePathsTests: XCTestCase {
    func testDefaultsUnderHome() {
        let paths = StatePaths(environment: ["HOME": "/home/ada"])
        XCTAssertEqual(paths.config.path, "/home/ada/.config/bbclerk")
        XCTAssertEqual(paths.state.path, "/home/ada/.local/state/bbclerk")
        XCTAssertEqual(paths.cache.path, "/home/ada/.cache/bbclerk")
        XCTAssertEqual(paths.configFile.path, "/home/ada/.config/bbclerk/config.toml")
        XCTAssertEqual(paths.themesFolder.path, "/home/ada/.config/bbclerk/themes")
        XCTAssertEqual(paths.auditLogFile.path, "/home/ada/.local/state/bbclerk/audit.log")
    }

    func testAbsoluteXDGValuesWin() {
        let paths = StatePaths(environment: [
            "HOME": "/home/ada",
            "XDG_CONFIG_HOME": "/etc/xdg-ada",
            "XDG_STATE_HOME": "/var/state",
            "XDG_CACHE_HOME": "/tmp/cache",
        ])
        XCTAssertEqual(paths.config.path, "/etc/xdg-ada/bbclerk")
        XCTAssertEqual(paths.state.path, "/var/state/bbclerk")
        XCTAssertEqual(paths.cache.path, "/tmp/cache/bbclerk")
    }

    func testRelativeAndEmptyXDGValuesAreIgnored() {
        let paths = StatePaths(environment: [
            "HOME": "/home/ada",
            "XDG_CONFIG_HOME": "relative/config",
            "XDG_STATE_HOME": "",
            "XDG_CACHE_HOME": "./cache",
        ])
        XCTAssertEqual(paths.config.path, "/home/ada/.config/bbclerk")
        XCTAssertEqual(paths.state.path, "/home/ada/.local/state/bbclerk")
        XCTAssertEqual(paths.cache.path, "/home/ada/.cache/bbclerk")
    }

    func testMissingHomeFallsBackToTheAccountsHome() {
        let paths = StatePaths(environment: [:])
        XCTAssertTrue(paths.config.path.hasPrefix("/"))
        XCTAssertTrue(paths.config.path.hasSuffix("/.config/bbclerk"))
    }
}
