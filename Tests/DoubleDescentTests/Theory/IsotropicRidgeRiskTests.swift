@testable import DDModel
@testable import DDSimulation
@testable import DDTheory
import Foundation
import XCTest

/// The exact ridge risk of i.i.d. N(0, s I) rows (docs/MATH.md, "Exact ridge risk of isotropic
/// Gaussian rows"): the LOE linear statistics against the Wishart moments, the risk against an
/// mpmath table (scripts/reference/loe_reference.py, whose Pfaffian formula is checked there against
/// direct integration of the joint density at N = 2 and 3), against the lambda = 0 closed forms and
/// their slope, and against the i.i.d. ridge Monte Carlo.
final class IsotropicRidgeRiskTests: XCTestCase {
    static func relative(_ a: Double, _ b: Double) -> Double { a == b ? 0 : abs(a - b) / abs(b) }

    static func statistic(_ f: @escaping (Double) -> Double, _ fp: @escaping (Double) -> Double)
        -> LaguerreOrthogonalEnsemble.Statistic { .init(value: f, derivative: fp) }

    /// E tr W = N M and E tr W^2 = N M (N + M + 1) for every N, M; E tr W^-1 = N/(M - N - 1) for
    /// M >= N + 2 and E tr W^-2 = N (M - 1)/((M - N)(M - N - 1)(M - N - 3)) for M >= N + 4 (the
    /// inverse-Wishart moments: E W^-2 = ((M - N - 1) I + tr(I) I)/((M - N)(M - N - 1)(M - N - 3))),
    /// up to N = 100, M = 400.
    func testLinearStatisticsMatchTheWishartMoments() {
        var worst = 0.0
        for (size, m) in [(1, 1), (1, 6), (2, 2), (2, 9), (3, 3), (3, 8), (4, 5), (7, 7), (7, 12), (10, 14), (20, 21),
                          (25, 60), (50, 52), (64, 100), (99, 100), (100, 100), (100, 104), (100, 400), (37, 400)] {
            let ensemble = LaguerreOrthogonalEnsemble(size: size, degreesOfFreedom: m)
            let a = Double(m - size), n = Double(size), mm = Double(m)
            var statistics = [Self.statistic({ $0 }, { _ in 1 }), Self.statistic({ $0 * $0 }, { 2 * $0 })]
            var expected = [n * mm, n * mm * (n + mm + 1)]
            if a >= 2 {
                statistics.append(Self.statistic({ 1 / $0 }, { -1 / ($0 * $0) }))
                expected.append(n / (a - 1))
            }
            if a >= 4 {
                statistics.append(Self.statistic({ 1 / ($0 * $0) }, { -2 / ($0 * $0 * $0) }))
                expected.append(n * (mm - 1) / (a * (a - 1) * (a - 3)))
            }
            let values = ensemble.expectations(of: statistics, gradedAt: 0)
            for (i, (value, want)) in zip(values, expected).enumerated() {
                let error = Self.relative(value, want)
                worst = max(worst, error)
                XCTAssertLessThan(error, 5e-14, "N = \(size), M = \(m), moment \(i): \(value) vs \(want)")
            }
        }
        print("Wishart moments: worst relative error \(worst)")
    }

    /// The two risk factors and g1 = E tr (W + lambda)^-1, g2 = E tr (W + lambda)^-2 against the mpmath
    /// table (24 digits; its two quadrature rules agree to 1e-23), lambda from 1e-10 to 1e10, both
    /// parities of N, n below, at and above d.
    func testMatchesTheHighPrecisionReference() {
        var worst = 0.0
        for row in isotropicRidgeReferenceTable {
            let (bias, variance) = IsotropicRidgeRisk.factors(n: row.n, d: row.d, lambda: row.lambda)
            let zeros = Double(max(row.d - row.n, 0))
            var errors = [("variance", Self.relative(variance, row.variance))]
            if row.lambda > 0 {
                errors.append(("bias", Self.relative(bias, row.bias)))
                errors.append(("g1", Self.relative(variance + (bias + zeros) / row.lambda, row.g1!)))
                errors.append(("g2", Self.relative((bias + zeros) / (row.lambda * row.lambda), row.g2!)))
            }
            for (key, error) in errors {
                worst = max(worst, error)
                // Measured worst: 6.0e-15.
                XCTAssertLessThan(error, 2e-14, "n = \(row.n), d = \(row.d), lambda = \(row.lambda): \(key)")
            }
        }
        XCTAssertGreaterThan(isotropicRidgeReferenceTable.count, 40)
        print("mpmath reference: worst relative error \(worst)")
    }

    /// Beyond the mpmath table's sizes, the quadrature's convergence: the validated rule (24 points per
    /// panel of width 1/2) against a finer one (32 points, width 1/4) at the largest validated sizes,
    /// at the hard edge (n = d, n = d +- 1) and the ends of the lambda range.
    func testQuadratureHasConvergedAtTheLargestSizes() {
        var worst = 0.0
        // All 30 pairs of {(400, 100), (100, 100), (99, 100), (104, 100), (100, 400), (60, 61)} x
        // {1e-10, 1e-3, 1, 1e3, 1e10} agreed to 7.1e-14 when measured; the test keeps five (a debug
        // build takes about 10 s per pair).
        for (n, d, lambdas) in [(100, 100, [1e-10]), (99, 100, [1e-3]), (104, 100, [1.0]), (400, 100, [1e10]), (60, 61, [1e3])] {
            let fine = LaguerreOrthogonalEnsemble(size: min(n, d), degreesOfFreedom: max(n, d), points: 32, width: 0.25)
            for lambda in lambdas {
                let validated = IsotropicRidgeRisk.factors(n: n, d: d, lambda: lambda)
                let finer = IsotropicRidgeRisk.factors(n: n, d: d, lambda: lambda, ensemble: fine)
                for (key, a, b) in [("bias", validated.bias, finer.bias), ("variance", validated.variance, finer.variance)] {
                    let error = Self.relative(a, b)
                    worst = max(worst, error)
                    XCTAssertLessThan(error, 1e-13, "n = \(n), d = \(d), lambda = \(lambda): \(key) \(a) vs \(b)")
                }
            }
        }
        print("quadrature convergence: worst relative difference \(worst)")
    }

    static func model(d: Int, s: Double, w: Double, sigma: Double) throws -> RegressionModel {
        RegressionModel(eigenvalues: [Double](repeating: s, count: d), wEigen: [Double](repeating: w, count: d),
                               sigma: sigma, features: .gaussian, spec: .isotropic, wstar: .isotropic, wnorm: w * Double(d).squareRoot())
    }

    /// At lambda -> 0 the risk tends to today's closed forms (`IIDGaussianTheory`, which the
    /// lambda = 0 path still prints): within lambda times the slope. Its slope at 0 is
    /// -2 sigma^2/s^2 E tr W^-2 (the bias is O(lambda^2)) for |n - d| >= 4, checked by a difference
    /// quotient where E tr W^-3 is finite too (|n - d| >= 6: the remainder is then O(lambda^2)); at
    /// |n - d| = 4, 5 the remainder is o(lambda) only, and the check is continuity within 2 |slope| lambda.
    func testTendsToTheClosedFormsWithTheirSlope() throws {
        for (n, d) in [(3, 8), (10, 20), (2, 40), (96, 100), (40, 20), (104, 100), (400, 100), (30, 7)] {
            for risk in Risk.allCases {
                let s = 2.5, sigma = 0.7
                let model = try Self.model(d: d, s: s, w: 0.3, sigma: sigma)
                var calculator = ClosedFormCalculator(model: model)
                calculator.risk = risk
                let atZero = try XCTUnwrap(calculator.evaluate(n: Double(n)).iidExactRisk)
                let h = 1e-7 * s
                let atH = try XCTUnwrap(IsotropicRidgeRisk.risk(n: Double(n), model: model, lambda: h, risk: risk))
                let size = Double(min(n, d)), m = Double(max(n, d)), a = m - size
                let traceInverseSquare = size * (m - 1) / (a * (a - 1) * (a - 3))
                let slope = -2 * sigma * sigma / (s * s) * traceInverseSquare * (risk == .prediction ? s : 1)
                let what = "n = \(n), d = \(d), \(risk)"
                if a >= 6 {
                    // Taylor: risk(h) = risk(0) + slope h + O(h^2).
                    XCTAssertLessThan(abs((atH - atZero) / h - slope), 1e-5 * abs(slope), "\(what): \(atH) \(atZero) slope \(slope)")
                } else {
                    XCTAssertLessThan(atH, atZero, what)
                    XCTAssertLessThan(atZero - atH, 2 * abs(slope) * h, "\(what): \(atH) \(atZero) slope \(slope)")
                }
            }
        }
    }

    /// Sigma = s I is the standard problem at lambda/s: the estimation risk is
    /// (||w*||^2/d)((d - n)_+ + B(lambda/s)) + (sigma^2/s) V(lambda/s), the prediction risk s times it.
    func testScalesWithTheSpectrum() throws {
        for (n, d) in [(7, 12), (12, 7), (9, 9)] {
            let s = 2.5, lambda = 0.8, sigma = 0.7, w = 0.3
            let model = try Self.model(d: d, s: s, w: w, sigma: sigma)
            let factors = IsotropicRidgeRisk.factors(n: n, d: d, lambda: lambda / s)
            let expected = w * w * (Double(max(d - n, 0)) + factors.bias) + sigma * sigma / s * factors.variance
            let estimation = try XCTUnwrap(IsotropicRidgeRisk.risk(n: Double(n), model: model, lambda: lambda, risk: .estimation))
            let prediction = try XCTUnwrap(IsotropicRidgeRisk.risk(n: Double(n), model: model, lambda: lambda, risk: .prediction))
            XCTAssertLessThan(Self.relative(estimation, expected), 1e-15, "n = \(n), d = \(d)")
            XCTAssertEqual(prediction, s * estimation, "n = \(n), d = \(d)")
        }
    }

    /// Monte Carlo of the i.i.d. design at lambda (`MonteCarloSimulator`, fixed seed) within 4
    /// standard errors, at hidden-style points on both sides of the interpolation threshold and at it
    /// with a small penalty (the hard edge: a = 0, lambda = 0.01).
    func testMatchesTheMonteCarlo() throws {
        for (d, n, lambda, risk) in [(10, 6, 0.3, Risk.estimation), (10, 10, 1.0, .prediction), (8, 13, 0.05, .estimation),
                                     (20, 19, 2.0, .prediction), (5, 30, 4.0, .estimation), (30, 30, 0.01, .prediction)] {
            let model = try RegressionModel(covariance: CovarianceModel(spec: .isotropic, d: d), wstar: .isotropic, sigma: 0.5)
            var calculator = ClosedFormCalculator(model: model)
            calculator.risk = risk
            let point = try calculator.evaluate(n: Double(n))
            var settings = MonteCarloSettings(trials: 10000, seed: 2024, designs: [.iid], threads: 2)
            settings.risk = risk
            settings.ridgeLambda = lambda
            let result = try XCTUnwrap(MonteCarloSimulator(model: model, settings: settings).run([point]).first?.iid)
            let exact = try XCTUnwrap(calculator.ridgeEquivalent(n: Double(n), lambda: lambda).iidExactRisk)
            let z = (try XCTUnwrap(result.mean) - exact) / (try XCTUnwrap(result.standardError))
            print("Monte Carlo d = \(d), n = \(n), lambda = \(lambda), \(risk): z = \(z)")
            XCTAssertLessThan(abs(z), 4, "d = \(d), n = \(n), lambda = \(lambda), \(risk): Monte Carlo \(result.mean!) +- \(result.standardError!) vs \(exact)")
        }
    }

    /// Null outside the validated range, never a wrong number: non-integer n, non-isotropic Sigma,
    /// non-Gaussian features, min(n, d) > 100 or max(n, d) > 400.
    func testAbsentOutsideTheValidatedRange() throws {
        let isotropic = try Self.model(d: 10, s: 1, w: 0.3, sigma: 1)
        XCTAssertNil(IsotropicRidgeRisk.risk(n: 5.5, model: isotropic, lambda: 1, risk: .estimation))
        XCTAssertNotNil(IsotropicRidgeRisk.risk(n: 400, model: isotropic, lambda: 1, risk: .estimation))
        XCTAssertNil(IsotropicRidgeRisk.risk(n: 401, model: isotropic, lambda: 1, risk: .estimation))
        XCTAssertNil(IsotropicRidgeRisk.risk(n: 5, model: isotropic, lambda: 1e-11, risk: .estimation))
        let wide = try Self.model(d: 101, s: 1, w: 0.3, sigma: 1)
        XCTAssertNil(IsotropicRidgeRisk.risk(n: 101, model: wide, lambda: 1, risk: .estimation))
        XCTAssertNotNil(IsotropicRidgeRisk.risk(n: 100, model: wide, lambda: 1, risk: .estimation))
        let geometric = try RegressionModel(covariance: CovarianceModel(spec: .geometric(10), d: 5), wstar: .isotropic, sigma: 1)
        XCTAssertNil(try ClosedFormCalculator(model: geometric).ridgeEquivalent(n: 3, lambda: 1).iidExactRisk)
        let uniform = try RegressionModel(covariance: CovarianceModel(spec: .isotropic, d: 5), wstar: .isotropic, sigma: 1,
                                          features: .uniform)
        XCTAssertNil(try ClosedFormCalculator(model: uniform).ridgeEquivalent(n: 3, lambda: 1).iidExactRisk)
    }
}
