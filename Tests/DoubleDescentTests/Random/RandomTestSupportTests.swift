import Foundation
import XCTest
@testable import DDRandom

/// The statistical helpers are themselves checked against closed forms, so that a broken helper cannot
/// make the distribution tests pass vacuously.
final class RandomTestSupportTests: XCTestCase {
    func testRegularizedGammaAgainstClosedForms() {
        // P(1, x) = 1 - e^-x; P(1/2, x) = erf(sqrt x); chi-square with 2 df has survival e^(-x/2).
        // Both branches (series for x < a + 1, continued fraction beyond) are exercised.
        for x in [1e-3, 0.1, 0.5, 1.5, 3, 10, 40] {
            XCTAssertEqual(regularizedGammaP(1, x), -expm1(-x), accuracy: 1e-14, "P(1, \(x))")
            XCTAssertEqual(regularizedGammaQ(1, x), exp(-x), accuracy: 1e-14 * exp(-x), "Q(1, \(x))")
            XCTAssertEqual(regularizedGammaP(0.5, x), erf(x.squareRoot()), accuracy: 1e-14, "P(1/2, \(x))")
            XCTAssertEqual(chiSquareSurvival(x, degreesOfFreedom: 2), exp(-x / 2), accuracy: 1e-13 * exp(-x / 2))
        }
        // Integer a: Q(n, x) = e^-x sum_{j < n} x^j / j! (Poisson CDF), here n = 50 around its mean.
        for x in [30.0, 50, 51, 70] {
            var term = exp(-x), sum = 0.0
            for j in 0 ..< 50 {
                sum += term
                term *= x / Double(j + 1)
            }
            XCTAssertEqual(regularizedGammaQ(50, x), sum, accuracy: 1e-12, "Q(50, \(x))")
            XCTAssertEqual(regularizedGammaP(50, x) + regularizedGammaQ(50, x), 1, accuracy: 1e-14)
        }
        // Tabulated chi-square critical value: 23.209 at 0.01 for 10 df (5 significant digits).
        XCTAssertEqual(chiSquareSurvival(23.209, degreesOfFreedom: 10), 0.01, accuracy: 1e-5)
    }

    func testGoodnessOfFitHelpersRejectAWrongLaw() {
        // Power checks, so that the helpers demonstrably can fail: uniforms stretched by 1% (capped at 1).
        // KS distance is then about 0.01, far above the critical value 0.0024 for n = 1e6; the chi-square
        // on the two halves sees a frequency error of 0.5%, i.e. 10 standard errors.
        var stream = RandomStream(seed: 9)
        let stretched = (0 ..< 1_000_000).map { _ in min(1, stream.uniform() * 1.01) }
        XCTAssertGreaterThan(
            kolmogorovSmirnovDistance(stretched, cdf: { $0 }), kolmogorovSmirnovCriticalValue(sampleCount: stretched.count))
        var counts = [0, 0]
        for u in stretched { counts[u < 0.5 ? 0 : 1] += 1 }
        XCTAssertLessThan(chiSquareTest(observed: counts, probabilities: [0.5, 0.5]).pValue, goodnessOfFitLevel)
    }
}
