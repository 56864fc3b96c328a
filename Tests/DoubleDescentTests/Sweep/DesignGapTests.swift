@testable import DDModel
@testable import DDRandom
@testable import DDSimulation
@testable import DDSweep
@testable import DDTheory
import Foundation
import XCTest

/// The gap between the designs (docs/MATH.md, "The gap between the designs").
final class DesignGapTests: XCTestCase {
    /// Isotropic Sigma = I, sigma = 1, n >= d + 2: Theorem 1 gives d (1 - e^-(n-d)) / (n - d) and the
    /// i.i.d. Gaussian design d / (n - d - 1) (MATH.md, "I.i.d. Gaussian design"), so the gap is
    /// (1 + (n - d - 1) e^-(n-d)) / ((n - d - 1) (1 - e^-(n-d))), a form without cancellation. The two
    /// closed forms carry rounding errors of a few ulps each, so the gap is good to a few ulps of the
    /// MSE, an absolute 1e-15 (1 + gap).
    func testExactGapMatchesTheHandFormAboveTheThreshold() throws {
        let d = 10
        let calculator = ClosedFormCalculator(model: try TestModels.model(.isotropic, d: d))
        for n in [12.0, 13, 20, 30, 500] {
            let gap = DesignGap(closedForms: try calculator.evaluate(n: n), monteCarlo: nil)
            let k = n - Double(d)
            let hand = (1 + (k - 1) * exp(-k)) / ((k - 1) * -expm1(-k))
            let exact = try XCTUnwrap(gap.exact, "n = \(n)")
            XCTAssertEqual(exact, hand, accuracy: 1e-15 * (1 + hand), "n = \(n)")
            XCTAssertNil(gap.monteCarlo)
            XCTAssertNil(gap.standardError)
        }
        // Below the threshold, n <= d - 2: bias 1 - n/d for both, variance n / (d - n - 1) for the i.i.d. design.
        let n = 3.0
        let point = try calculator.evaluate(n: n)
        let iid = 1 - n / Double(d) + n / (Double(d) - n - 1)
        XCTAssertEqual(try XCTUnwrap(DesignGap(closedForms: point, monteCarlo: nil).exact),
                       (iid - point.surrogateRisk!) / point.surrogateRisk!, accuracy: 1e-15)
        // No i.i.d. closed form at n = d: no exact gap.
        XCTAssertNil(DesignGap(closedForms: try calculator.evaluate(n: Double(d)), monteCarlo: nil).exact)
    }

    /// The subtraction before the division keeps a tiny gap's digits: a/b - 1 would lose them.
    func testATinyGapKeepsItsRelativePrecision() {
        let b = 1.0 / 3.0, a = b * (1 + 1e-12)
        XCTAssertEqual(DesignGap.relativeDifference(a, b), (a - b) / b)
        XCTAssertEqual(DesignGap.relativeDifference(a, b), 1e-12, accuracy: 1e-12 * 1e-3)
    }

    /// Against the surrogate's exact value the Monte Carlo gap's error is the i.i.d. mean's alone.
    func testMonteCarloGapUsesTheExactSurrogateWhereKnown() throws {
        let point = try ClosedFormCalculator(model: try TestModels.model(.isotropic, d: 10)).evaluate(n: 30)
        let simulated = MonteCarloPoint(surrogate: MonteCarloEstimate(trials: 100, mean: 9, standardError: 4, heavyTail: false),
                                        iid: MonteCarloEstimate(trials: 100, mean: 0.53, standardError: 0.004, heavyTail: false))
        let gap = DesignGap(closedForms: point, monteCarlo: simulated)
        XCTAssertEqual(try XCTUnwrap(gap.monteCarlo), (0.53 - point.surrogateRisk!) / point.surrogateRisk!, accuracy: 1e-15)
        XCTAssertEqual(try XCTUnwrap(gap.standardError), 0.004 / point.surrogateRisk!, accuracy: 1e-15)
    }

    /// Where the surrogate has no exact value (a data set at n >= d), both means are Monte Carlo: the
    /// delta-method standard error sqrt(se_i^2 + R^2 se_s^2) / m_s is the spread of the ratio of two
    /// independent means. Checked by simulation: 20000 pairs of normal means with the reported
    /// errors (1% and 2%); the sample standard deviation of the gap must match the formula within
    /// 4 of its own standard errors (1/sqrt(2 K) relative) plus the delta method's second-order
    /// term (about the squared relative errors, 5e-4).
    func testDeltaMethodStandardErrorIsTheSpreadOfTheRatio() throws {
        var point = try ClosedFormCalculator(model: try TestModels.model(.isotropic, d: 10)).evaluate(n: 30)
        point.theoryExact = false
        let (meanIID, errorIID, meanSurrogate, errorSurrogate) = (2.4, 0.024, 2.0, 0.04)
        let formula = try XCTUnwrap(DesignGap(closedForms: point, monteCarlo: MonteCarloPoint(
            surrogate: MonteCarloEstimate(trials: 50, mean: meanSurrogate, standardError: errorSurrogate, heavyTail: false),
            iid: MonteCarloEstimate(trials: 50, mean: meanIID, standardError: errorIID, heavyTail: false))).standardError)
        let expected = (errorIID * errorIID + 1.44 * errorSurrogate * errorSurrogate).squareRoot() / meanSurrogate
        XCTAssertEqual(formula, expected, accuracy: 1e-15)
        var normal = RandomStream(seed: 2025)
        let count = 20000
        var gaps: [Double] = []
        for _ in 0..<count {
            let iid = meanIID + errorIID * normal.normal(), surrogate = meanSurrogate + errorSurrogate * normal.normal()
            gaps.append(DesignGap.relativeDifference(iid, surrogate))
        }
        let mean = gaps.reduce(0, +) / Double(count)
        let spread = (gaps.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(count - 1)).squareRoot()
        let tolerance = 4 * formula / (2 * Double(count)).squareRoot() + 5e-4 * formula
        XCTAssertEqual(spread, formula, accuracy: tolerance)
        XCTAssertEqual(mean, 0.2, accuracy: 4 * formula / Double(count).squareRoot() + 1e-3)
    }
}
