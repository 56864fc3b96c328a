@testable import DDModel
@testable import DDTheory
import Foundation
import XCTest

/// The prediction-risk closed forms (docs/MATH.md, "Prediction risk") against independent values: a
/// Poisson series, hand formulas, the literal deterministic equivalent in Float80, its limit at n = d,
/// and exact scale equivariance.
final class PredictionRiskTheoryTests: XCTestCase {
    private func prediction(_ model: RegressionModel) -> ClosedFormCalculator {
        var calculator = ClosedFormCalculator(model: model)
        calculator.risk = .prediction
        return calculator
    }

    /// A file spectrum (isotropic when all values are equal).
    private func fileModel(_ values: [Double], wstar: WStarSpec = .random(seed: 4), wnorm: Double = 1.5,
                           sigma: Double = 0.8) throws -> RegressionModel {
        let path = try TestModels.temporaryFile(values.map { "\($0)" }.joined(separator: "\n") + "\n")
        return try TestModels.model(.file(path), d: nil, wstar: wstar, wnorm: wnorm, sigma: sigma)
    }

    /// n >= d: sigma^2 d E[1/(P + 1)] with P ~ Poisson(n - d), the mean summed term by term in Float80
    /// (no expm1; e^-893 is a normal Float80), from n = d to far above it; bias 0; the same value as
    /// `predictionRisk`.
    func testSurrogateAboveInterpolationIsThePoissonMean() throws {
        let model = try TestModels.model(.geometric(1e6), d: 7, wstar: .random(seed: 2), sigma: 0.6)
        let calculator = prediction(model)
        for n in [7.0, 7 + 1e-12, 7 + 1e-7, 7.5, 8, 13.25, 40, 900] {
            let g = n - 7
            var mean: Float80 = 0, term = expl(-Float80(g)), k: Float80 = 0
            while k <= Float80(g + 40 * g.squareRoot() + 60) {
                mean += term / (k + 1)
                k += 1
                term *= Float80(g) / k
            }
            let point = try calculator.evaluate(n: n)
            assertRelative(point.surrogateRisk!, 0.36 * 7 * Double(mean), 1e-13, "n = \(n)")
            XCTAssertEqual(point.bias, 0)
            assertRelative(point.surrogateRisk!, point.predictionRisk!, 1e-15, "n = \(n): Theorem 1's risk column")
            XCTAssertEqual(point.risk, .prediction)
            XCTAssertNotNil(point.bias)
        }
        XCTAssertEqual(try calculator.evaluate(n: 7).surrogateRisk, 0.36 * 7, "sigma^2 d at n = d")
    }

    /// i.i.d. Gaussian rows: sigma^2 d/(n - d - 1) for integer n >= d + 2 (hand values), none at d - 1, d,
    /// d + 1 (infinite), at non-integer n, for other feature laws, and below d without isotropy.
    func testIIDGaussianAboveInterpolation() throws {
        let model = try TestModels.model(.geometric(1e6), d: 7, wstar: .random(seed: 2), sigma: 0.6)
        let calculator = prediction(model)
        XCTAssertEqual(try calculator.evaluate(n: 9).iidExactRisk!, 2.52, accuracy: 1e-15)
        XCTAssertEqual(try calculator.evaluate(n: 19).iidExactRisk!, 0.36 * 7 / 11, accuracy: 1e-15)
        for n in [3.0, 6, 7, 8, 9.5] { XCTAssertNil(try calculator.evaluate(n: n).iidExactRisk, "n = \(n)") }
        let uniform = try RegressionModel(covariance: model.covariance, wstar: .random(seed: 2), wnorm: 1, sigma: 0.6,
                                          features: .uniform)
        XCTAssertNil(try prediction(uniform).evaluate(n: 19).iidExactRisk, "exact i.i.d. values are Gaussian results")
    }

    /// Sigma = s I: s times every estimation value, and the hand formulas: bias s (1 - n/d) ||w*||^2,
    /// variance sigma^2 n (1 - (n/d)^d)/(d - n) (s cancels), DE variance sigma^2 n/(d - n) (through the
    /// general DE formula), i.i.d. s (1 - n/d) ||w*||^2 + sigma^2 n/(d - n - 1).
    func testIsotropicIsScaledEstimation() throws {
        let s = 2.5, d = 8.0, w2 = 2.25, sigma2 = 0.64
        let model = try fileModel(Array(repeating: s, count: 8))
        let estimation = ClosedFormCalculator(model: model), calculator = prediction(model)
        for n in [0.25, 1, 3, 5.5, 6, 7.5, 8 - 1e-6, 8, 11, 20] {
            let p = try calculator.evaluate(n: n), e = try estimation.evaluate(n: n)
            let what = "n = \(n)"
            if n < d {
                assertRelative(p.bias!, s * (1 - n / d) * w2, 1e-13, what)
                let oneMinusAlpha = -expm1(d * log1p(-(d - n) / d))
                assertRelative(p.variance!, sigma2 * n * oneMinusAlpha / (d - n), 1e-12, what)
                assertRelative(p.deVariance!, sigma2 * n / (d - n), 1e-12, what)
                assertRelative(p.deBias!, s * (1 - n / d) * w2, 1e-12, what)
                if n == n.rounded(), n <= d - 2 {
                    assertRelative(p.iidExactRisk!, s * (1 - n / d) * w2 + sigma2 * n / (d - n - 1), 1e-13, what)
                }
            }
            assertRelative(p.surrogateRisk!, s * e.surrogateRisk!, 1e-13, what)
            if let de = e.deRisk { assertRelative(p.deRisk!, s * de, 1e-12, what) } else { XCTAssertNil(p.deRisk, what) }
            XCTAssertEqual(p.iidExactRisk == nil, e.iidExactRisk == nil, what)
        }
    }

    /// Below d without isotropy no exact form is known: theory nil (printed null);
    /// lambda_n, alpha_n and the Theorem 1 risk column are untouched.
    func testNonIsotropicBelowInterpolationHasNoTheory() throws {
        let model = try TestModels.model(.geometric(100), d: 20, wstar: .random(seed: 3), sigma: 0.5)
        let p = try prediction(model).evaluate(n: 7.5), e = try ClosedFormCalculator(model: model).evaluate(n: 7.5)
        XCTAssertNil(p.surrogateRisk)
        XCTAssertNil(p.bias)
        XCTAssertNil(p.variance)
        XCTAssertEqual(p.lambda, e.lambda)
        XCTAssertEqual(p.alpha, e.alpha)
        XCTAssertNil(p.predictionRisk)
        XCTAssertNil(p.iidExactRisk)
        XCTAssertNotNil(e.bias)
        XCTAssertEqual(e.risk, .estimation)
    }

    /// The deterministic equivalent below d against the literal formula of Hastie et al., evaluated in
    /// Float80 from lambda_n: bias kappa^2 w*^T Sigma (Sigma + kappa)^-2 w* / (1 - df2/n), variance
    /// sigma^2 df2/(n - df2), away from n = d where the literal form is accurate; above d,
    /// sigma^2 d/(n - d), and none at n = d.
    func testDeterministicEquivalentMatchesTheLiteralFormula() throws {
        for (spectrum, d) in [(SpectrumSpec.geometric(100), 20), (.powerlaw(1.5), 40), (.geometric(1e8), 12)] {
            let model = try TestModels.model(spectrum, d: d, wstar: .random(seed: 7), sigma: 0.7)
            let calculator = prediction(model)
            for fraction in [0.01, 0.2, 0.5, 0.9] {
                let n = fraction * Double(d)
                let p = try calculator.evaluate(n: n)
                let kappa = Float80(p.lambda!)
                var df2: Float80 = 0, weighted: Float80 = 0
                for (s, w) in zip(model.eigenvalues, model.wEigen) {
                    let r = 1 / (Float80(s) + kappa)
                    df2 += Float80(s) * Float80(s) * r * r
                    weighted += Float80(s) * Float80(w) * Float80(w) * r * r
                }
                let nn = Float80(n)
                let bias = kappa * kappa * weighted / (1 - df2 / nn), variance = Float80(0.49) * df2 / (nn - df2)
                let what = "\(spectrum) d = \(d), n = \(n)"
                assertRelative(p.deBias!, Double(bias), 1e-11, what)
                assertRelative(p.deVariance!, Double(variance), 1e-11, what)
            }
            XCTAssertNil(try calculator.evaluate(n: Double(d)).deRisk)
            assertRelative(try calculator.evaluate(n: Double(d) + 2.5).deRisk!, 0.49 * Double(d) / 2.5, 1e-15, "above d")
        }
    }

    /// Near n = d the variance is sigma^2 d/(d - n) (1 + O(d - n)): n - df2 = kappa t does not cancel.
    /// The literal n - df2 would lose about eps d/(d - n) relative, 5% at d - n = 1e-13.
    func testDeterministicEquivalentNearInterpolationDoesNotCancel() throws {
        let model = try TestModels.model(.geometric(1e4), d: 20, wstar: .random(seed: 7), sigma: 0.7)
        let calculator = prediction(model)
        for gap in [1e-13, 1e-10] {
            let p = try calculator.evaluate(n: 20 - gap)
            let gapExact = 20 - (20 - gap)
            assertRelative(p.deVariance! * gapExact / (0.49 * 20), 1, 1e-6, "d - n = \(gap)")
            XCTAssertLessThan(p.deBias!, 1e-6, "the bias vanishes like d - n")
        }
    }

    /// Sigma -> c Sigma, sigma -> sqrt(c) sigma with c = 2^600: every prediction value is c times, to
    /// rounding (the closed forms run on the normalised model and map back).
    func testScaleEquivariance() throws {
        let values = (0..<9).map { pow(3.0, -Double($0)) }
        let c = Double(sign: .plus, exponent: 600, significand: 1)
        let small = try fileModel(values, sigma: 0.8), large = try fileModel(values.map { $0 * c }, sigma: 0.8 * Double(sign: .plus, exponent: 300, significand: 1))
        for n in [2.5, 7, 9, 14.5] {
            let a = try prediction(small).evaluate(n: n), b = try prediction(large).evaluate(n: n)
            if let risk = a.surrogateRisk { assertRelative(b.surrogateRisk!, c * risk, 1e-14, "n = \(n)") }
            if let de = a.deRisk { assertRelative(b.deRisk!, c * de, 1e-13, "DE n = \(n)") }
        }
    }
}
