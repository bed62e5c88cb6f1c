import XCTest
final class SetupCoreTestsPlaceholder: XCTestCase { func testBuilds() {} }
