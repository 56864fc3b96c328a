import CLapack
@testable import DDLinearAlgebra
@testable import DDRandom
import XCTest

final class TriangularInverseTests: XCTestCase {
    /// T * T^-1 = I to near machine precision (relative to cond(T)), for both triangles and sizes
    /// around every split of the recursion, with a leading dimension larger than n.
    func testInverseTimesMatrixIsIdentity() {
        var rng = RandomStream(seed: 3)
        for n in [1, 2, 15, 16, 17, 33, 64, 100, 131] {
            for upper in [true, false] {
                let ld = n + 3
                var t = [Double](repeating: 0, count: ld * n)
                for j in 0..<n {
                    for i in 0..<n where upper ? i <= j : i >= j {
                        t[i + j * ld] = i == j ? 2 + abs(rng.normal()) : rng.normal() / Double(n).squareRoot()
                    }
                }
                var inverse = t
                inverse.withUnsafeMutableBufferPointer {
                    TriangularInverse.invert($0.baseAddress!, n: n, ld: ld, upper: upper)
                }
                var worst = 0.0
                for i in 0..<n {
                    for j in 0..<n {
                        let product = (0..<n).reduce(0.0) { $0 + t[i + $1 * ld] * inverse[$1 + j * ld] }
                        worst = max(worst, abs(product - (i == j ? 1 : 0)))
                        if upper ? i > j : i < j { XCTAssertEqual(inverse[i + j * ld], 0, "stays triangular") }
                    }
                }
                XCTAssertLessThan(worst, 1e-13, "n = \(n), upper = \(upper)")
            }
        }
    }
}
