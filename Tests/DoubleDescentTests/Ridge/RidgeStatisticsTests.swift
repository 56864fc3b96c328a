@testable import DDRandom
@testable import DDRidge
import Foundation
import XCTest

/// The incomplete beta function, the F and t tails, the vector moments and the mean test.
final class RidgeStatisticsTests: XCTestCase {
    /// Closed forms: I_x(a, 1) = x^a, I_x(1, b) = 1 - (1 - x)^b, I_x(1/2, 1/2) = (2/pi) asin(sqrt x).
    func testIncompleteBetaClosedForms() {
        for x in [1e-8, 0.01, 0.3, 0.5, 0.77, 0.999] {
            for a in [0.5, 2, 7.5, 40] {
                assertRelative(IncompleteBeta.regularized(x: x, a: a, b: 1).value, pow(x, a), 1e-13, "x=\(x) a=\(a)")
                // The complement (1 - x)^b is computed directly when small: full relative accuracy.
                assertRelative(IncompleteBeta.regularized(x: x, a: 1, b: a).complement, pow(1 - x, a), 1e-12,
                               "complement x=\(x) b=\(a)")
            }
            assertRelative(IncompleteBeta.regularized(x: x, a: 0.5, b: 0.5).value, 2 / Double.pi * asin(x.squareRoot()),
                           1e-13, "arcsine x=\(x)")
        }
    }

    /// F(2, nu): P(F > f) = (1 + 2 f / nu)^(-nu/2); t(1) is Cauchy: P(|T| > t) = 1 - (2/pi) atan t;
    /// t(2): P(|T| > t) = 1 - t / sqrt(2 + t^2) = 2 / (r (r + t)), r = sqrt(2 + t^2). Tiny tails keep
    /// their relative accuracy.
    func testTailProbabilities() {
        for nu in [3.0, 10, 1000] {
            for f in [0.01, 1, 5, 80] {
                assertRelative(IncompleteBeta.fDistributionUpperTail(f, d1: 2, d2: nu), pow(1 + 2 * f / nu, -nu / 2),
                               1e-12, "F(2, \(nu)) f=\(f)")
            }
        }
        for t in [0.1, 1, 30, 1e6] {
            assertRelative(IncompleteBeta.studentTwoSided(t, degreesOfFreedom: 1), 2 / Double.pi * atan(1 / t), 1e-12, "t(1) \(t)")
            let r = (2 + t * t).squareRoot()
            assertRelative(IncompleteBeta.studentTwoSided(-t, degreesOfFreedom: 2), 2 / (r * (r + t)), 1e-12, "t(2) \(t)")
        }
        XCTAssertEqual(IncompleteBeta.fDistributionUpperTail(0, d1: 3, d2: 7), 1)
    }

    /// Welford's vectors against the two-pass mean and covariance, with a large common offset that
    /// would ruin the naive sum-of-squares formula.
    func testVectorMomentsAgainstTwoPass() {
        var rng = RandomStream(seed: 5, keys: [1])
        let d = 4, count = 500
        let data = (0..<count).map { _ in (0..<d).map { 1e8 + Double($0) + rng.normal() } }
        var moments = VectorMoments(dimension: d)
        for x in data { x.withUnsafeBufferPointer { moments.add($0) } }
        let mean = (0..<d).map { i in data.reduce(0) { $0 + $1[i] } / Double(count) }
        let covariance = moments.covariance
        for i in 0..<d {
            assertRelative(moments.mean[i], mean[i], 1e-14, "mean \(i)")
            for j in 0..<d {
                let c = data.reduce(0) { $0 + ($1[i] - mean[i]) * ($1[j] - mean[j]) } / Double(count - 1)
                XCTAssertEqual(covariance[i + j * d], c, accuracy: 1e-7, "cov \(i),\(j)")
            }
        }
    }

    /// Under the null, with Gaussian draws, both methods give p-values that are uniform: the rejection
    /// rate at 0.05 over 400 replications lies within 4 binomial standard errors of 0.05.
    func testMeanTestCalibration() {
        let d = 3
        for count in [40, 8] {  // Hotelling (>= 5 d) and Bonferroni (< 5 d)
            var rejections = 0
            let replications = 400
            for r in 0..<replications {
                var rng = RandomStream(seed: 11, keys: [UInt64(count), UInt64(r)])
                var moments = VectorMoments(dimension: d)
                for _ in 0..<count {
                    let z = [rng.normal(), rng.normal(), rng.normal()]
                    let x = [z[0] + 1, 0.5 * z[0] + z[1], 3 * z[2] - 2]
                    x.withUnsafeBufferPointer { moments.add($0) }
                }
                let test = MeanTest(mean: moments.mean, covariance: moments.covariance, count: count, hypothesis: [1, 0, -2])
                XCTAssertEqual(test.method, count >= 5 * d ? .hotelling : .bonferroni)
                if test.pValue < 0.05 { rejections += 1 }
            }
            let rate = Double(rejections) / Double(replications)
            let standardError = (0.05 * 0.95 / Double(replications)).squareRoot()
            // Bonferroni is conservative: its rate may be below 0.05, never above.
            XCTAssertLessThanOrEqual(rate, 0.05 + 4 * standardError, "count=\(count)")
            if count >= 5 * d { XCTAssertGreaterThanOrEqual(rate, 0.05 - 4 * standardError, "count=\(count)") }
        }
    }
}
