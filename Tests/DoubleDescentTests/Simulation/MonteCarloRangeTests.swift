@testable import DDModel
@testable import DDSampling
@testable import DDSimulation
@testable import DDSweep
@testable import DDTheory
import Foundation
import XCTest

/// The Monte Carlo across condition numbers (docs/MATH.md, "Validated ranges"): Gaussian features up
/// to `ValidatedRange.gaussianMonteCarloCondition`, where the wide draws' rank test is whitened.
final class MonteCarloRangeTests: XCTestCase {
    private func simulate(_ model: RegressionModel, ns: [Double], design: DesignKind, trials: Int) throws -> [(ClosedForms, MonteCarloEstimate)] {
        let calculator = ClosedFormCalculator(model: model)
        let points = try ns.map { try calculator.evaluate(n: $0) }
        let settings = MonteCarloSettings(trials: trials, seed: 11, designs: [design], threads: 2)
        let simulated = try! MonteCarloSimulator(model: model, settings: settings).run(points)
        return zip(points, simulated).map { ($0, $1.estimate(design)!) }
    }

    /// Without noise the error is the bias ||(I - P) w*||^2 <= ||w*||^2, never heavy tailed, and it
    /// shows whether P keeps every direction the design spans: within 4 standard errors of Theorem 1's bias at
    /// d = 20 for condition numbers 1e12, 1e60 and 1e100 (with the unwhitened rank test the
    /// pseudo-inverse dropped the small directions from about 1e25 on).
    func testSurrogateBiasAcrossConditionNumbers() throws {
        for condition in [1e12, 1e60, ValidatedRange.gaussianMonteCarloCondition] {
            for wstar in [WStarSpec.bottom, .isotropic] {
                let model = try TestModels.model(.geometric(condition), d: 20, wstar: wstar, sigma: 0)
                for (point, mc) in try simulate(model, ns: [5, 12.5, 15, 18], design: .surrogate, trials: 2000) {
                    let what = "geometric:\(condition) wstar \(wstar), n = \(point.n)"
                    // Four standard errors, plus the per-draw rounding (about d eps relative) where the
                    // error hardly varies (w* = bottom with s_d far below lambda_n: bias ~ 1 - 1e-14).
                    XCTAssertLessThanOrEqual(abs(mc.mean! - point.surrogateRisk!), 4 * mc.standardError! + 1e-12 * point.surrogateRisk!,
                                             "\(what): MC \(mc.mean!) +- \(mc.standardError!) vs \(point.surrogateRisk)")
                }
            }
        }
    }

    /// The example: d = 20, geometric:1e60, n = 15, surrogate: the Monte Carlo was 1.8e21
    /// against the exact 6.2e45; now the same order (heavy tailed, so only within a factor 3).
    func testIllConditionedVarianceIsNotTruncated() throws {
        let model = try TestModels.model(.geometric(1e60), d: 20, wstar: .isotropic, sigma: 1)
        let (point, mc) = try simulate(model, ns: [15], design: .surrogate, trials: 4000)[0]
        XCTAssertEqual(point.surrogateRisk!, 6.158482110660241e+45, accuracy: 1e-12 * 6.2e45)
        XCTAssertGreaterThan(mc.mean!, point.surrogateRisk! / 3)
        XCTAssertLessThan(mc.mean!, 3 * point.surrogateRisk!)
        XCTAssert(ValidatedRange.warnings(model: model, points: [point], monteCarlo: true).isEmpty)
    }

    /// Condition number 1e12 (the brief's extreme): finite values for both designs at every kind of
    /// point; beyond the validated range the Monte Carlo is flagged.
    func testNoNaNAtConditionNumber1e12AndWarningsBeyond() throws {
        let model = try TestModels.model(.geometric(1e12), d: 20, wstar: .random(seed: 1), sigma: 1)
        // The i.i.d. design at integer n away from d - 1, d, d + 1, where its MSE is infinite.
        for (design, ns) in [(DesignKind.surrogate, [1, 10, 17, 19.5, 20, 23, 40]), (.iid, [1, 10, 17, 23, 40])] {
            for (point, mc) in try simulate(model, ns: ns, design: design, trials: 200) {
                XCTAssert(mc.mean!.isFinite && mc.standardError!.isFinite, "\(design) n = \(point.n)")
                XCTAssert(point.surrogateRisk!.isFinite, "n = \(point.n)")
            }
        }
        let beyond = try TestModels.model(.geometric(1e200), d: 20, wstar: .isotropic, sigma: 1)
        XCTAssert(ValidatedRange.warnings(model: beyond, points: [], monteCarlo: true).contains { $0.contains("mc_*") })
        XCTAssert(ValidatedRange.warnings(model: beyond, points: [], monteCarlo: false).isEmpty)
        let sphere = try RegressionModel(covariance: CovarianceModel(spec: .geometric(1e13), d: 20), wstar: .isotropic,
                                         features: .sphere)
        XCTAssert(ValidatedRange.warnings(model: sphere, points: [], monteCarlo: true).contains { $0.contains("mc_*") })
        // Explicit Gaussian rows go through MinNormSolver: validated to 1e12, like the other laws.
        let gaussian = try TestModels.model(.geometric(1e13), d: 20, wstar: .isotropic, sigma: 1)
        XCTAssert(ValidatedRange.warnings(model: gaussian, points: [], monteCarlo: true).isEmpty)
        XCTAssert(ValidatedRange.warnings(model: gaussian, points: [], monteCarlo: true, sampler: .rows)
            .contains { $0.contains("mc_*") })
    }

    /// The prediction risk's deterministic equivalent below d is validated up to condition number 1e8.
    func testPredictionEquivalentBeyondItsRangeIsFlagged() throws {
        for (condition, flagged) in [(1e7, false), (1e9, true)] {
            var calculator = ClosedFormCalculator(model: try TestModels.model(.geometric(condition), d: 12, wstar: .isotropic, sigma: 1))
            calculator.risk = .prediction
            let below = try calculator.evaluate(n: 6), above = try calculator.evaluate(n: 14)
            let warnings = ValidatedRange.warnings(model: calculator.model, points: [below, above], monteCarlo: false)
            XCTAssertEqual(warnings.contains { $0.contains("de_mse below d") }, flagged, "condition \(condition): \(warnings)")
            XCTAssert(ValidatedRange.warnings(model: calculator.model, points: [above], monteCarlo: false).isEmpty)
            calculator.risk = .estimation
            XCTAssert(ValidatedRange.warnings(model: calculator.model, points: [try calculator.evaluate(n: 6)], monteCarlo: false).isEmpty)
        }
    }
}
