@testable import DDLinearAlgebra
import XCTest

final class SquaredNormTests: XCTestCase {
    /// Against the plain running sum, for every length around the 8-wide blocks (the tail included),
    /// on integers whose squares add exactly, then on values spanning 20 orders of magnitude.
    func testMatchesThePlainSum() {
        for n in 0...40 {
            let integers = (0..<n).map { Double(($0 * 37) % 23) - 11 }
            XCTAssertEqual(SquaredNorm.of(integers, count: n), integers.reduce(0) { $0 + $1 * $1 }, "n = \(n)")
            let spread: [Double] = (0..<n).map { i in
                let magnitude = pow(10.0, Double((i * 7) % 21) - 10)
                return i % 3 == 0 ? -magnitude : magnitude
            }
            assertRelative(SquaredNorm.of(spread, count: n), spread.reduce(0) { $0 + $1 * $1 }, 4e-16 * Double(max(n, 1)),
                           "n = \(n)")
        }
    }
}
