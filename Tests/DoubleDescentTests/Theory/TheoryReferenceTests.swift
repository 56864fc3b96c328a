@testable import DDModel
@testable import DDSampling
@testable import DDSweep
@testable import DDTheory
import Foundation
import XCTest

/// The closed forms against an independent high-precision evaluation of docs/MATH.md's formulas
/// (scripts/reference/theory_reference.py, mpmath; `TheoryReferenceTable`), and their exact scale
/// equivariance (docs/MATH.md, "Scale equivariance", "Validated ranges").
final class TheoryReferenceTests: XCTestCase {
    /// The model of a reference case: its eigenvalues and weights exactly, sigma = 1.
    static func model(_ c: TheoryReferenceTable.Case, sigma: Double = 1) -> RegressionModel {
        RegressionModel(eigenvalues: c.eigenvalues, wEigen: c.weights, sigma: sigma, features: .gaussian,
                        spec: .file(c.name), wstar: .isotropic, wnorm: 1)
    }

    /// |a - b| / |b| (0 when equal; infinite when only one of them exists).
    static func relativeError(_ a: Double?, _ b: Double?) -> Double {
        switch (a, b) {
        case (nil, nil): return 0
        case (let a?, let b?): return a == b ? 0 : abs(a - b) / abs(b)
        default: return .infinity
        }
    }

    /// Every closed form within 1e-13 of the reference, for condition numbers up to
    /// `ValidatedRange.closedFormCondition` and eigenvalues from 1e-300 to 1e300; alpha_n = exp(-L)
    /// within 1e-13 max(1, L), its condition number (absolutely, 1e-310, where it is subnormal).
    func testClosedFormsMatchTheHighPrecisionReference() throws {
        var checked = 0
        for c in TheoryReferenceTable.cases {
            let model = Self.model(c)
            guard ValidatedRange.conditionNumber(model) <= ValidatedRange.closedFormCondition else { continue }
            let calculator = ClosedFormCalculator(model: model)
            for p in c.points {
                let v = try calculator.evaluate(n: p.n)
                let what = "\(c.name), n = \(p.n)"
                for (key, a, b) in [("lambda", v.lambda, p.lambda), ("bias", v.bias, p.bias),
                                    ("variance", v.variance, p.variance), ("de_mse", v.deRisk, p.deMSE),
                                    ("iid_exact_mse", v.iidExactRisk, p.iidExactMSE)] {
                    XCTAssertLessThanOrEqual(Self.relativeError(a, b), 1e-13, "\(what): \(key) \(String(describing: a)) vs \(String(describing: b))")
                }
                if p.alpha < Double.leastNormalMagnitude {
                    XCTAssertEqual(v.alpha, p.alpha, accuracy: 1e-310, what)
                } else {
                    let l = max(1, -Foundation.log(p.alpha))
                    XCTAssertLessThanOrEqual(Self.relativeError(v.alpha, p.alpha), 1e-13 * l, "\(what): alpha \(v.alpha) vs \(p.alpha)")
                }
                XCTAssert(ValidatedRange.warnings(model: model, points: [v], monteCarlo: false).isEmpty, what)
                checked += 1
            }
        }
        XCTAssertGreaterThan(checked, 400)
    }

    /// Beyond the validated condition number (the file spectrum 1e300, 1, 1e-300: 1e600) every
    /// result still carries a warning; lambda_n there is right anyway (the split residual).
    func testBeyondTheValidatedRangeEveryPointIsFlagged() throws {
        let c = try XCTUnwrap(TheoryReferenceTable.cases.first { $0.name.hasPrefix("issue 13") })
        let model = Self.model(c)
        let points = try c.points.map { try ClosedFormCalculator(model: model).evaluate(n: $0.n) }
        let warnings = ValidatedRange.warnings(model: model, points: points, monteCarlo: true)
        XCTAssert(warnings.contains { $0.contains("closed forms are validated") && $0.contains("theory_*") }, "\(warnings)")
        XCTAssert(warnings.contains { $0.contains("mc_*") }, "\(warnings)")
        // n = 1: lambda = 1e150 (it was 2.7e16).
        XCTAssertLessThanOrEqual(Self.relativeError(points[0].lambda, c.points[0].lambda), 1e-13)
    }

    /// Sigma -> 4^k Sigma multiplies lambda_n by 4^k and the variance by 4^-k, and leaves alpha and
    /// the bias unchanged, bit for bit, at any scale double precision holds: the calculator works on
    /// the same normalised spectrum. Before, eigenvalues near 1e162 lost 1e-9 in lambda_n and
    /// de_mse was null below about 1e-103 or above 1e154.
    func testScaleEquivarianceIsExact() throws {
        let base = try TestModels.model(.geometric(1e3), d: 30, wstar: .random(seed: 2), sigma: 0.5)
        let reference = ClosedFormCalculator(model: base)
        for k in [-480, -250, -170, -1, 1, 90, 130, 270, 490] {
            let c = Double(sign: .plus, exponent: 2 * k, significand: 1)
            let scaled = RegressionModel(eigenvalues: base.eigenvalues.map { $0 * c }, wEigen: base.wEigen, sigma: base.sigma,
                                         features: .gaussian, spec: .isotropic, wstar: .isotropic, wnorm: 1)
            let calculator = ClosedFormCalculator(model: scaled)
            for n in [0.5, 7, 15, 29, 29.999, 30, 31, 45] {
                let a = try reference.evaluate(n: n), b = try calculator.evaluate(n: n)
                let what = "scale 4^\(k), n = \(n)"
                XCTAssertEqual(b.lambda, a.lambda.map { $0 * c }, what)
                XCTAssertEqual(b.alpha, a.alpha, what)
                XCTAssertEqual(b.bias, a.bias, what)
                XCTAssertEqual(b.variance!, a.variance! / c, what)
                XCTAssertEqual(b.predictionRisk, a.predictionRisk, what)
                XCTAssertEqual(b.deBias, a.deBias, what)
                XCTAssertEqual(b.deVariance, a.deVariance.map { $0 / c }, what)
                XCTAssertEqual(b.iidExactRisk, a.iidExactRisk.map { $0 / c }, what)
            }
        }
    }

    /// A single wide gap: s = (1, 1e-12), n = 1 has lambda_n = sqrt(s_2) exactly (lambda^2 = s_1 s_2);
    /// the unsplit residual left an error of about 5e-11.
    func testGapInTheSpectrum() throws {
        let model = RegressionModel(eigenvalues: [1, 1e-12], wEigen: [0, 1], sigma: 1, features: .gaussian,
                                    spec: .isotropic, wstar: .isotropic, wnorm: 1)
        let lambda = try ClosedFormCalculator(model: model).evaluate(n: 1).lambda!
        XCTAssertLessThanOrEqual(Self.relativeError(lambda, (1e-12).squareRoot()), 4 * Double.ulpOfOne)
        XCTAssertEqual(LambdaSolver(eigenvalues: [1, 1e-12]).solve(n: 1), lambda)
    }
}
