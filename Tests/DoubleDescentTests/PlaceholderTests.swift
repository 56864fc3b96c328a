import XCTest
@testable import DoubleDescent
final class PlaceholderTests: XCTestCase { func testNothing() {} }
