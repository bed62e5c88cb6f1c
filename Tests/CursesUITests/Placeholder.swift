import XCTest
final class CursesUITestsPlaceholder: XCTestCase { func testBuilds() {} }
