@testable import DDModel
@testable import DDSampling
@testable import DDSimulation
@testable import DDTheory
import Foundation
import XCTest

/// The Monte Carlo of the prediction risk (docs/MATH.md, "Prediction risk") against the exact closed
/// forms within |z| < 4, at fixed seeds, at points where the per-draw risk has finite variance
/// (`heavy_tail` false, asserted): below and above d, real n, surrogate and i.i.d. designs, isotropic
/// and non-isotropic spectra, Gaussian (exact-law kernels) and uniform features (explicit rows).
final class PredictionRiskMonteCarloTests: XCTestCase {
    /// Sigma = 2.5 I in a file spectrum (so the risk differs from the estimation error).
    private func isotropicModel(d: Int, features: FeatureLaw = .gaussian, sigma: Double) throws -> RegressionModel {
        let path = try TestModels.temporaryFile(Array(repeating: "2.5", count: d).joined(separator: "\n") + "\n")
        let covariance = try CovarianceModel(spec: .file(path), d: nil)
        return try RegressionModel(covariance: covariance, wstar: .random(seed: 3), wnorm: 2, sigma: sigma, features: features)
    }

    /// Isotropic (singular-value kernel): s times Theorem 1 below d, sigma^2 d (1 - e^-(n-d))/(n - d)
    /// above; i.i.d. rows: s times the isotropic exact value below d, sigma^2 d/(n - d - 1) above.
    func testIsotropicGaussian() throws {
        let model = try isotropicModel(d: 20, sigma: 0.7)
        for (point, mc) in try simulate(model, ns: [1.5, 4, 7.5, 36.5, 50], design: .surrogate, trials: 4000) {
            assertAgrees(mc, point.surrogateRisk!, "isotropic s = 2.5 surrogate d = 20, n = \(point.n)")
        }
        for (point, mc) in try simulate(model, ns: [3, 10, 16, 24, 40], design: .iid, trials: 4000) {
            assertAgrees(mc, point.iidExactRisk!, "isotropic s = 2.5 iid d = 20, n = \(point.n)")
        }
    }

    /// A non-isotropic spectrum above d: the tall draws' Gram matrices (`WishartGramDraw`) give
    /// sigma^2 tr(W^-1), whose mean is the closed form for both designs.
    func testNonIsotropicGaussianAboveInterpolation() throws {
        let model = try TestModels.model(.geometric(100), d: 20, wstar: .random(seed: 4), sigma: 1)
        for (point, mc) in try simulate(model, ns: [36.5, 50, 81.25], design: .surrogate, trials: 4000) {
            assertAgrees(mc, point.surrogateRisk!, "geometric:100 surrogate d = 20, n = \(point.n)")
        }
        for (point, mc) in try simulate(model, ns: [24, 31, 60], design: .iid, trials: 4000) {
            assertAgrees(mc, point.iidExactRisk!, "geometric:100 iid d = 20, n = \(point.n)")
        }
    }

    /// Explicit rows (`DesignRowsKernel`, the solver's prediction risk): uniform features, where
    /// Theorem 1 holds as for every law. Above d with noise; below d isotropic and noiseless (the
    /// bounded bias, s (1 - n/d) ||w*||^2, so no heavy tail at any n < d).
    func testUniformFeaturesByRows() throws {
        let geometric = try RegressionModel(covariance: CovarianceModel(spec: .geometric(10), d: 6), wstar: .random(seed: 5),
                                            wnorm: 1, sigma: 0.9, features: .uniform)
        for (point, mc) in try simulate(geometric, ns: [21.5, 30], design: .surrogate, trials: 2000) {
            assertAgrees(mc, point.surrogateRisk!, "uniform geometric:10 surrogate d = 6, n = \(point.n)")
        }
        let isotropic = try isotropicModel(d: 6, features: .uniform, sigma: 0)
        for (point, mc) in try simulate(isotropic, ns: [0.5, 1.5, 3, 4.5, 5.9], design: .surrogate, trials: 2000) {
            assertAgrees(mc, point.surrogateRisk!, "uniform isotropic noiseless surrogate d = 6, n = \(point.n)")
        }
    }

    /// Sigma -> 2^600 Sigma, sigma -> 2^300 sigma: the draws run on the same normalised model, so every
    /// estimate is exactly 2^600 times (the risk is mapped back by a power of two), below d too.
    func testScaleEquivarianceIsExact() throws {
        let values = (0..<9).map { pow(3.0, -Double($0)) }
        let c = Double(sign: .plus, exponent: 600, significand: 1)
        func model(_ scale: Double, _ sigma: Double) throws -> RegressionModel {
            let path = try TestModels.temporaryFile(values.map { "\($0 * scale)" }.joined(separator: "\n") + "\n")
            return try TestModels.model(.file(path), d: nil, wstar: .random(seed: 2), sigma: sigma)
        }
        let small = try simulate(model(1, 0.5), ns: [3.5, 14], design: .surrogate, trials: 64)
        let large = try simulate(model(c, 0.5 * Double(sign: .plus, exponent: 300, significand: 1)), ns: [3.5, 14], design: .surrogate, trials: 64)
        for (a, b) in zip(small, large) {
            XCTAssertEqual(b.1.mean!, c * a.1.mean!, "n = \(a.0.n)")
            XCTAssertEqual(b.1.standardError!, c * a.1.standardError!, "n = \(a.0.n)")
        }
    }

    /// The default is the estimation error: the same bits as before the risk existed (the prediction
    /// risk differs, so the two paths really differ).
    func testEstimationIsTheDefaultAndDiffers() throws {
        let model = try TestModels.model(.geometric(100), d: 12, wstar: .random(seed: 4), sigma: 1)
        let points = try [7.5, 30].map { try ClosedFormCalculator(model: model).evaluate(n: $0) }
        let settings = MonteCarloSettings(trials: 64, seed: 3, designs: [.surrogate, .iid], threads: 2)
        XCTAssertEqual(settings.risk, .estimation)
        var prediction = settings
        prediction.risk = .prediction
        let a = try MonteCarloSimulator(model: model, settings: settings).run(points)
        let b = try MonteCarloSimulator(model: model, settings: prediction).run(points)
        for (x, y) in zip(a, b) { XCTAssertNotEqual(x.surrogate!.mean, y.surrogate!.mean) }
    }

    /// The prediction risk's closed forms and Monte Carlo estimates of `design` at `ns`.
    private func simulate(_ model: RegressionModel, ns: [Double], design: DesignKind, trials: Int,
                          seed: UInt64 = 11) throws -> [(ClosedForms, MonteCarloEstimate)] {
        var calculator = ClosedFormCalculator(model: model)
        calculator.risk = .prediction
        var settings = MonteCarloSettings(trials: trials, seed: seed, designs: [design], threads: 2)
        settings.risk = .prediction
        let points = try ns.map { try calculator.evaluate(n: $0) }
        return zip(points, try MonteCarloSimulator(model: model, settings: settings).run(points)).map { ($0, $1.estimate(design)!) }
    }

    /// |z| < 4 for the estimate against `expected`, away from the heavy tail; z is printed for the notes.
    private func assertAgrees(_ mc: MonteCarloEstimate, _ expected: Double, _ what: String,
                              file: StaticString = #filePath, line: UInt = #line) {
        let z = (mc.mean! - expected) / mc.standardError!
        print("prediction risk z = \(String(format: "%+.2f", z)): \(what)")
        XCTAssertLessThan(abs(z), 4, "\(what): MC \(mc.mean!) +- \(mc.standardError!) vs \(expected)", file: file, line: line)
        XCTAssertFalse(mc.heavyTail, "\(what): chosen to be away from the heavy tail", file: file, line: line)
    }
}
