@testable import DDModel
@testable import DDRidge
@testable import DDTheory
import Foundation
import XCTest

/// Theorem 2 by Monte Carlo: consistency at fixed seeds, power against a wrong ridge level, the
/// i.i.d. design's deviation, thread invariance and the tail flags.
final class RidgeCheckTests: XCTestCase {
    private func model(d: Int, sigma: Double = 0.5) throws -> RegressionModel {
        try TestModels.model(.geometric(10), d: d, wstar: .random(seed: 4), wnorm: 1.2, sigma: sigma)
    }

    /// The surrogate's mean equals the ridge target (n < d) or Sigma^-1 E[x y] (n > d): p >= 0.001 with
    /// Hotelling's test (trials >= 5 d) for both responses, d in {3, 10}, n on both sides of d.
    func testSurrogateIsConsistent() throws {
        for d in [3, 10] {
            let m = try model(d: d)
            for n in [0.3 * Double(d), 0.8 * Double(d), 1.5 * Double(d)] {
                for response in RidgeResponse.allCases {
                    let check = try RidgeCheck.run(model: m, response: response, design: .surrogate, n: n,
                                                   trials: 2000, seed: 1, threads: 2)
                    XCTAssertEqual(check.test?.method, .hotelling)
                    let p = try XCTUnwrap(check.pValue)
                    XCTAssertGreaterThanOrEqual(p, RidgeCheck.significance, "d=\(d) n=\(n) \(response)")
                    XCTAssertEqual(check.consistent, true)
                    XCTAssertEqual(check.target.lambda == nil, n >= Double(d))
                }
            }
        }
    }

    /// Fewer than 5 d trials: the Bonferroni coordinate test, still consistent.
    func testFewTrialsUseBonferroni() throws {
        let check = try RidgeCheck.run(model: try model(d: 10), response: .tanh, design: .surrogate, n: 4,
                                       trials: 30, seed: 2, threads: 2)
        XCTAssertEqual(check.test?.method, .bonferroni)
        XCTAssertGreaterThanOrEqual(try XCTUnwrap(check.pValue), RidgeCheck.significance)
    }

    /// Power: the same Monte Carlo (d = 10, n = 5, 4000 trials) compared with the ridge solution at
    /// 1.3 lambda_n is rejected (p < 0.001), for both responses, while lambda_n itself passes.
    func testPowerAgainstWrongRidgeLevel() throws {
        let m = try model(d: 10)
        for response in RidgeResponse.allCases {
            let monteCarlo = RidgeMonteCarlo(model: m, response: response, design: .surrogate, seed: 3, threads: 2)
            let right = try RidgeTarget(model: m, response: response, n: 5)
            let lambda = try XCTUnwrap(right.lambda)
            let result = try monteCarlo.run(n: 5, lambda: lambda, trials: 4000)
            let wrong = try RidgeTarget(model: m, response: response, ridge: 1.3 * lambda)
            let good = RidgeCheck(n: 5, monteCarlo: monteCarlo, result: result, target: right)
            let bad = RidgeCheck(n: 5, monteCarlo: monteCarlo, result: result, target: wrong)
            XCTAssertGreaterThanOrEqual(try XCTUnwrap(good.pValue), RidgeCheck.significance, "\(response)")
            XCTAssertLessThan(try XCTUnwrap(bad.pValue), RidgeCheck.significance, "\(response)")
        }
    }

    /// The i.i.d. design at n < d only approximates the ridge solution: at d = 3, n = 1 with spectrum
    /// (1, 0.1, 0.01) and no noise, E[X^+ X] w* differs from the ridge target by 2.4% (relative; by a
    /// one-dimensional integral, E[s_i z_i^2 / sum_j s_j z_j^2] = int_0^inf s_i (1 + 2 t s_i)^-1
    /// prod_j (1 + 2 t s_j)^-1/2 dt), a Hotelling non-centrality of about 0.007 per trial, so 20000
    /// trials give about 140: the test rejects, while the surrogate at the same trials passes.
    /// (With noise, the 1/s_i-sized noise of the small coordinate hides the deviation.)
    func testIIDDeviationIsVisible() throws {
        let m = try TestModels.model(.geometric(100), d: 3, wstar: .isotropic, sigma: 0)
        let iid = try RidgeCheck.run(model: m, response: .linear, design: .iid, n: 1, trials: 20000, seed: 1, threads: 2)
        let surrogate = try RidgeCheck.run(model: m, response: .linear, design: .surrogate, n: 1, trials: 20000, seed: 1,
                                           threads: 2)
        XCTAssertLessThan(try XCTUnwrap(iid.pValue), RidgeCheck.significance)
        XCTAssertGreaterThanOrEqual(try XCTUnwrap(surrogate.pValue), RidgeCheck.significance)
        XCTAssertGreaterThan(try XCTUnwrap(iid.relativeError), try XCTUnwrap(surrogate.relativeError))
    }

    /// Bit-identical results for 1 and 3 threads.
    func testThreadCountDoesNotChangeResults() throws {
        let m = try model(d: 5)
        let one = try RidgeCheck.run(model: m, response: .tanh, design: .surrogate, n: 6.5, trials: 150, seed: 8, threads: 1)
        let three = try RidgeCheck.run(model: m, response: .tanh, design: .surrogate, n: 6.5, trials: 150, seed: 8, threads: 3)
        XCTAssertEqual(one.mean, three.mean)
        XCTAssertEqual(one.pValue, three.pValue)
        XCTAssertEqual(one.meanRows, three.meanRows)
    }

    /// Near n = d the draws are heavy tailed: flagged for the surrogate; the i.i.d. design at n = d has
    /// infinite covariance, so no p-value is reported.
    func testTailFlags() throws {
        let m = try model(d: 4)
        let surrogate = try RidgeCheck.run(model: m, response: .linear, design: .surrogate, n: 4, trials: 200, seed: 1,
                                           threads: 2)
        XCTAssertTrue(surrogate.heavyTail)
        XCTAssertFalse(surrogate.infiniteCovariance)
        let iid = try RidgeCheck.run(model: m, response: .linear, design: .iid, n: 4, trials: 200, seed: 1, threads: 2)
        XCTAssertTrue(iid.infiniteCovariance)
        XCTAssertNil(iid.pValue)
        XCTAssertNil(iid.consistent)
        let far = try RidgeCheck.run(model: try model(d: 10), response: .linear, design: .surrogate, n: 2, trials: 2000,
                                     seed: 1, threads: 2)
        XCTAssertFalse(far.heavyTail)
    }

    /// `sweep --check-ridge`: a result at each n < d and none at n >= d.
    func testSweepChecksOnlyBelowInterpolation() throws {
        let m = try model(d: 4)
        let calculator = ClosedFormCalculator(model: m)
        let points = try [1.0, 3.0, 4.0, 6.0].map { try calculator.evaluate(n: $0) }
        let checks = try RidgeCheck.sweep(model: m, points: points, trials: 400, seed: 1, threads: 2)
        XCTAssertEqual(checks.map { $0 != nil }, [true, true, false, false])
        for check in checks.compactMap({ $0 }) {
            XCTAssertGreaterThanOrEqual(try XCTUnwrap(check.pValue), RidgeCheck.significance, "n=\(check.n)")
        }
    }
}
