@testable import DDRandom
@testable import DDSimulation
import XCTest

/// The bidiagonal model of `IsotropicGaussianDraw` against the known moments of the inverse Wishart.
final class IsotropicGaussianDrawTests: XCTestCase {
    /// W ~ Wishart_p(nu, I), a = nu - p: E tr W^-1 = p / (a - 1), and from the covariances of the
    /// inverse Wishart's diagonal (Var = 2 / ((a - 1)^2 (a - 3)), Cov = 2 / (a (a - 1)^2 (a - 3)))
    /// Var tr W^-1 = 2 p / ((a - 1)^2 (a - 3)) + 2 p (p - 1) / (a (a - 1)^2 (a - 3)).
    /// Both are checked with |z| < 4 from the sample's own standard errors (nu - p > 8, so the
    /// fourth moment that the second-moment check needs is finite).
    func testTraceOfInverseWishartMoments() {
        for (p, nu) in [(1, 12), (3, 15), (10, 30), (40, 70)] {
            var rng = RandomStream(seed: 21, keys: [UInt64(p)])
            var trace = RunningMoments(), square = RunningMoments()
            for _ in 0..<20000 {
                let t = IsotropicGaussianDraw.traceOfInverseWishart(dimension: p, degreesOfFreedom: nu, using: &rng)
                trace.add(t)
                square.add(t * t)
            }
            let pp = Double(p), a = Double(nu - p)
            let mean = pp / (a - 1)
            let variance = 2 * pp / ((a - 1) * (a - 1) * (a - 3)) + 2 * pp * (pp - 1) / (a * (a - 1) * (a - 1) * (a - 3))
            let zMean = (trace.mean - mean) / trace.standardError!
            let zSquare = (square.mean - (variance + mean * mean)) / square.standardError!
            XCTAssertLessThan(abs(zMean), 4, "p = \(p), nu = \(nu): mean \(trace.mean) vs \(mean)")
            XCTAssertLessThan(abs(zSquare), 4, "p = \(p), nu = \(nu): second moment \(square.mean) vs \(variance + mean * mean)")
        }
    }
}
