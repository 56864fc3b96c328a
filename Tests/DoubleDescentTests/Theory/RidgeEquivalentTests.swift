@testable import DDModel
@testable import DDSweep
@testable import DDTheory
import Foundation
import XCTest

/// The ridge deterministic equivalent (docs/MATH.md, "Ridge at any lambda") against an independent
/// mpmath evaluation (scripts/reference/ridge_reference.py, `RidgeReferenceTable`), the isotropic
/// closed forms, and today's `de_mse` at lambda = 0.
final class RidgeEquivalentTests: XCTestCase {
    static func model(_ eigenvalues: [Double], _ weights: [Double], sigma: Double = 1) -> RegressionModel {
        RegressionModel(eigenvalues: eigenvalues, wEigen: weights, sigma: sigma, features: .gaussian,
                        spec: .file("ridge"), wstar: .isotropic, wnorm: 1)
    }

    static func relative(_ a: Double?, _ b: Double) -> Double {
        guard let a else { return .infinity }
        return a == b ? 0 : abs(a - b) / abs(b)
    }

    /// Every value within 1e-13 of the reference, times the root's condition number
    /// |lambda| f''(kappa) / f'(kappa)^2 (large only within 1e-6 of lambda_min, where n - df2 -> 0).
    func testMatchesTheHighPrecisionReference() throws {
        var checked = 0
        for c in RidgeReferenceTable.cases {
            let model = Self.model(c.eigenvalues, c.weights)
            var estimation = ClosedFormCalculator(model: model)
            var prediction = ClosedFormCalculator(model: model)
            estimation.risk = .estimation
            prediction.risk = .prediction
            let solver = RidgeKappaSolver(eigenvalues: c.eigenvalues)
            for p in c.points {
                let e = try estimation.ridgeEquivalent(n: p.n, lambda: p.lambda)
                let q = try prediction.ridgeEquivalent(n: p.n, lambda: p.lambda)
                let sums = solver.sums(n: p.n, kappa: p.kappa)
                let slope = abs(p.lambda / p.kappa + p.kappa * sums.t)
                let condition = max(1, abs(p.lambda) * 2 * sums.s2r3 / (slope * slope))
                let tolerance = 1e-13 * condition
                let what = "\(c.name) n = \(p.n) lambda = \(p.lambda)"
                for (key, a, b) in [("kappa", e.kappa, p.kappa), ("gamma", e.gamma, p.gamma),
                                    ("estimation bias", e.deBias, p.estimationBias),
                                    ("estimation variance", e.deVariance, p.estimationVariance),
                                    ("prediction bias", q.deBias, p.predictionBias),
                                    ("prediction variance", q.deVariance, p.predictionVariance)] as [(String, Double?, Double)] {
                    XCTAssertLessThanOrEqual(Self.relative(a, b), tolerance, "\(what): \(key) \(String(describing: a)) vs \(b)")
                }
                XCTAssertLessThanOrEqual(abs(e.lambdaMin - p.lambdaMin), 1e-13 * max(abs(p.lambdaMin), 1e-300),
                                         "\(what): lambda_min \(e.lambdaMin) vs \(p.lambdaMin)")
                checked += 1
            }
        }
        XCTAssertGreaterThanOrEqual(checked, 148)
    }

    /// Sigma = s I: lambda_min = -s n (1 - sqrt(d/n))^2, and kappa is the positive root of
    /// n k^2 + (n - d s - lambda) k - s lambda = 0 (from k (n - d s/(s + k)) = lambda), written
    /// without cancellation; the bias and variance at that kappa.
    func testIsotropicClosedForms() throws {
        for d in [1, 3, 10, 1000, 10_000] {
            for s in [1.0, 0.25, 1e-40, 3e40] {
                let model = Self.model(Array(repeating: s, count: d), [1] + Array(repeating: 0, count: d - 1))
                let calculator = ClosedFormCalculator(model: model)
                let dd = Double(d)
                for n in [0.1 * dd, dd / 2, dd - 0.5, dd, dd + 0.5, 2 * dd, 10 * dd] {
                    // -s n (1 - sqrt(d/n))^2 = -s (n - d)^2 / (sqrt n + sqrt d)^2, without cancellation.
                    let sum = n.squareRoot() + dd.squareRoot()
                    let expectedMin = -s * ((n - dd) / sum) * ((n - dd) / sum)
                    let lambdas = [1e-8, 0.3, 1, 7, 1e4].map { $0 * s * dd } + [expectedMin / 2, expectedMin * 1e-3]
                    for lambda in lambdas where lambda != 0 {
                        let v = try calculator.ridgeEquivalent(n: n, lambda: lambda)
                        let what = "d = \(d), s = \(s), n = \(n), lambda = \(lambda)"
                        XCTAssertLessThanOrEqual(abs(v.lambdaMin - expectedMin), 1e-13 * abs(expectedMin) + 1e-300 * s,
                                                 "\(what): lambda_min \(v.lambdaMin) vs \(expectedMin)")
                        // k = [b + sqrt(b^2 + 4 n s lambda)] / (2n) with b = (d - n) s + lambda, or
                        // 2 s lambda / (sqrt(...) - b) when b < 0 (no cancellation either way).
                        let b = (dd - n) * s + lambda
                        let root2 = (b * b + 4 * n * s * lambda).squareRoot()
                        let kappa = b >= 0 ? (b + root2) / (2 * n) : 2 * s * lambda / (root2 - b)
                        // Relative error of kappa bounded by eps times the root's condition number.
                        let condition = lambda < 0 ? abs(lambda) * abs(b) / (b * b + 4 * n * s * lambda) : 1
                        XCTAssertLessThanOrEqual(Self.relative(v.kappa, kappa), 1e-13 * max(1, condition), "\(what): kappa")
                        // Bias and variance: n - df2 = n - d s^2/(s + k)^2, t = d s/(s + k)^2,
                        // here with w* = e_1, ||w*|| = 1.
                        let q = s / (s + kappa)
                        let gap = lambda / kappa + kappa * dd * s / ((s + kappa) * (s + kappa))
                        let t = dd * s / ((s + kappa) * (s + kappa))
                        let bias = kappa * kappa / ((s + kappa) * (s + kappa)) * (1 + s * t / gap)
                        let variance = t / gap
                        XCTAssertLessThanOrEqual(Self.relative(v.deBias, bias), 1e-12 * max(1, condition), "\(what): bias \(q)")
                        XCTAssertLessThanOrEqual(Self.relative(v.deVariance, variance), 1e-12 * max(1, condition), "\(what): variance")
                    }
                }
            }
        }
    }

    /// At lambda = 0 the values are `evaluate(n:)`'s, bit for bit, for both risks on every spectrum of
    /// the closed-form reference table; the formula of any lambda at (lambda = 0, kappa = lambda_n) gives
    /// the same numbers to 1e-14, and a tiny lambda moves them continuously.
    func testLambdaZeroIsTodaysDeterministicEquivalent() throws {
        var checked = 0
        for c in TheoryReferenceTable.cases {
            let model = Self.model(c.eigenvalues, c.weights, sigma: 0.7)
            guard ValidatedRange.conditionNumber(model) <= 1e8 else { continue }
            for risk in Risk.allCases {
                var calculator = ClosedFormCalculator(model: model)
                calculator.risk = risk
                for p in c.points {
                    let today = try calculator.evaluate(n: p.n)
                    let ridge = try calculator.ridgeEquivalent(n: p.n, lambda: 0)
                    XCTAssertEqual(ridge.deMSE?.bitPattern, today.deRisk?.bitPattern, "\(c.name) n = \(p.n) \(risk)")
                    XCTAssertEqual(ridge.deBias?.bitPattern, today.deBias?.bitPattern)
                    XCTAssertEqual(ridge.kappa, today.lambda ?? 0)
                    checked += 1
                    // The general form below runs on the model's own scale: spectra within 1e-100..1e100.
                    guard let kappa = today.lambda, let deMSE = today.deRisk,
                          model.eigenvalues[0] < 1e100, model.eigenvalues[model.d - 1] > 1e-100 else { continue }
                    let solver = RidgeKappaSolver(eigenvalues: model.eigenvalues)
                    let sums = solver.sums(n: p.n, kappa: kappa, weights: model.wEigen)
                    let general = try XCTUnwrap(ClosedFormCalculator.ridgeEquivalent(
                        n: p.n, lambda: 0, kappa: kappa, sums: sums, sigma2: 0.49, risk: risk))
                    // The general form's n - df2 at lambda = 0 is kappa t, as today's.
                    XCTAssertLessThanOrEqual(Self.relative(general.bias + general.variance, deMSE), 1e-12, "\(c.name) n = \(p.n)")
                    // lambda/kappa = 1e-10 (n - df2): the values move by about 1e-10 relative.
                    let near = try calculator.ridgeEquivalent(n: p.n, lambda: 1e-10 * kappa * kappa * sums.t)
                    XCTAssertLessThanOrEqual(Self.relative(near.deMSE, deMSE), 1e-8, "\(c.name) n = \(p.n): continuity")
                }
            }
        }
        XCTAssertGreaterThan(checked, 100)
    }

    /// Above d, lambda -> 0 tends to today's value too (kappa -> 0, gamma -> n - d).
    func testContinuityAboveD() throws {
        let model = Self.model([2, 1, 0.5, 0.1], [0.5, 0.5, 0.5, 0.5])
        let calculator = ClosedFormCalculator(model: model)
        for n in [5.0, 9.0] {
            let today = try XCTUnwrap(calculator.evaluate(n: n).deRisk)
            for lambda in [1e-9, -1e-9] {
                let v = try calculator.ridgeEquivalent(n: n, lambda: lambda)
                XCTAssertLessThanOrEqual(Self.relative(v.deMSE, today), 1e-7)
                XCTAssertEqual(v.gamma, n - 4, accuracy: 1e-7)
            }
        }
    }

    /// Below lambda_min: a typed error naming lambda_min; at n = d every negative lambda; NaN.
    func testBelowLambdaMinThrows() throws {
        let calculator = ClosedFormCalculator(model: Self.model(Array(repeating: 1, count: 10), Array(repeating: 0.1, count: 10)))
        let lambdaMin = -4 * (1 - (10.0 / 4).squareRoot()) * (1 - (10.0 / 4).squareRoot())
        XCTAssertThrowsError(try calculator.ridgeEquivalent(n: 4, lambda: lambdaMin * 1.001)) { error in
            guard case let RidgeLambdaError.belowMinimum(_, found, n) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(found, lambdaMin, accuracy: 1e-13)
            XCTAssertEqual(n, 4)
            XCTAssertTrue("\(error)".contains("lambda_min"))
        }
        XCTAssertNoThrow(try calculator.ridgeEquivalent(n: 4, lambda: lambdaMin * 0.999))
        XCTAssertThrowsError(try calculator.ridgeEquivalent(n: 10, lambda: -1e-300))
        XCTAssertThrowsError(try calculator.ridgeEquivalent(n: 4, lambda: .nan))
        XCTAssertThrowsError(try calculator.ridgeEquivalent(n: 0, lambda: 1))
    }

    /// The Bayes penalty sigma^2 d / ||w*||^2.
    func testBayesLambda() {
        let calculator = ClosedFormCalculator(model: Self.model([1, 2, 3], [1, 1, 0], sigma: 0.5))
        XCTAssertEqual(calculator.bayesLambda, 0.25 * 3 / 2)
        XCTAssertNil(ClosedFormCalculator(model: Self.model([1, 2], [0, 0])).bayesLambda)
    }
}

/// The argmin of the deterministic equivalent over lambda (`deOptimalLambda`).
final class RidgeOptimumTests: XCTestCase {
    /// Sigma = s I, w* isotropic: the equivalent's optimum is the Bayes penalty sigma^2 d / ||w*||^2 for both
    /// risks (they are proportional), below and above d; the found value is a minimum of the curve.
    func testIsotropicOptimumIsTheBayesPenalty() throws {
        for (d, s, sigma) in [(10, 1.0, 0.5), (40, 0.3, 1.0), (200, 2.0, 2.0)] {
            let model = RidgeEquivalentTests.model(Array(repeating: s, count: d),
                                                   Array(repeating: 1 / Double(d).squareRoot(), count: d), sigma: sigma)
            for risk in Risk.allCases {
                var calculator = ClosedFormCalculator(model: model)
                calculator.risk = risk
                let bayes = try XCTUnwrap(calculator.bayesLambda)
                for n in [0.3 * Double(d), Double(d), 2.5 * Double(d)] {
                    let found = try XCTUnwrap(try calculator.deOptimalLambda(n: n))
                    XCTAssertEqual(found, bayes, accuracy: 1e-6 * bayes, "d = \(d), n = \(n), \(risk)")
                }
            }
        }
    }

    /// A non-isotropic case: the optimum beats its neighbours at +-1%, and w* = 0 has none (lambda -> infinity).
    func testOptimumIsAMinimumAndZeroWeightsHaveNone() throws {
        let model = RidgeEquivalentTests.model([3, 1, 0.5, 0.2, 0.05], [1, 0, 0.5, 0, 0.2], sigma: 0.4)
        let calculator = ClosedFormCalculator(model: model)
        for n in [2.0, 7.0] {
            let optimum = try XCTUnwrap(try calculator.deOptimalLambda(n: n))
            let at = { (l: Double) in try XCTUnwrap(try calculator.ridgeEquivalent(n: n, lambda: l).deMSE) }
            XCTAssertLessThan(try at(optimum), try at(optimum * 1.01))
            XCTAssertLessThan(try at(optimum), try at(optimum * 0.99))
        }
        XCTAssertNil(try ClosedFormCalculator(model: RidgeEquivalentTests.model([1, 0.5], [0, 0])).deOptimalLambda(n: 1))
    }
}
