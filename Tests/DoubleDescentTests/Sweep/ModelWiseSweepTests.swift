@testable import DDModel
@testable import DDRandom
@testable import DDSampling
@testable import DDSimulation
@testable import DDSweep
@testable import DDTheory
import Foundation
import XCTest

/// Model-wise double descent (docs/MATH.md, "Model-wise double descent"): the totals against an
/// independent evaluation on explicitly truncated models, the dimension grid, and the Monte Carlo
/// against its closed form.
final class ModelWiseSweepTests: XCTestCase {
    /// Each total equals Theorem 1 (and the i.i.d. and DE values) of a model built from files holding
    /// the first d eigenvalues and weights, with sigma^2 + sum_{j > d} s_j w_j^2 as its noise, plus
    /// sum_{j > d} w_j^2; to 1e-12 relative.
    func testClosedFormsMatchExplicitlyTruncatedModel() throws {
        let full = try TestModels.model(.powerlaw(1), d: 30, wstar: .random(seed: 12), wnorm: 2, sigma: 0.3)
        let s = full.eigenvalues, w = full.wEigen
        let dimensions = [1, 2, 7, 12, 20, 29, 30]
        let truncations = try ModelWiseSweep.truncations(full, dimensions: dimensions)
        for n in [5.0, 12, 19.5] {
            let forms = try ModelWiseSweep.closedForms(truncations, n: n, threads: 2)
            for (truncation, sub) in zip(truncations, forms) {
                let d = truncation.dimension
                let omittedWeight = (d..<30).reduce(0.0) { $0 + w[$1] * w[$1] }
                let omittedRisk = (d..<30).reduce(0.0) { $0 + s[$1] * w[$1] * w[$1] }
                let eigenFile = try TestModels.temporaryFile(s[..<d].map { "\($0)" }.joined(separator: "\n"), suffix: ".txt")
                let weightFile = try TestModels.temporaryFile(w[..<d].map { "\($0)" }.joined(separator: "\n"), suffix: ".txt")
                let explicit = try TestModels.model(.file(eigenFile), d: d, wstar: .file(weightFile),
                                                    sigma: (0.09 + omittedRisk).squareRoot())
                let reference = try ClosedFormCalculator(model: explicit).evaluate(n: n)
                let total = truncation.total(sub)
                let what = "d = \(d), n = \(n)"
                assertRelative(total.surrogateRisk!, reference.surrogateRisk! + omittedWeight, 1e-12, what)
                assertRelative(total.bias!, reference.bias! + omittedWeight, 1e-12, what)
                assertRelative(total.variance!, reference.variance!, 1e-12, what)
                assertRelative(total.alpha, reference.alpha, 1e-12, what)
                XCTAssertEqual(total.lambda == nil, reference.lambda == nil, what)
                if let a = total.lambda, let b = reference.lambda { assertRelative(a, b, 1e-12, what) }
                XCTAssertEqual(total.iidExactRisk == nil, reference.iidExactRisk == nil, what)
                if let a = total.iidExactRisk, let b = reference.iidExactRisk { assertRelative(a, b + omittedWeight, 1e-12, what) }
                if let a = total.deRisk, let b = reference.deRisk { assertRelative(a, b + omittedWeight, 1e-12, what) }
                if let a = total.predictionRisk, let b = reference.predictionRisk { assertRelative(a, b + omittedRisk, 1e-12, what) }
                XCTAssertEqual(total.d, d)
            }
        }
        // At d = D_total nothing is omitted: the model-wise point is the ordinary one.
        let whole = truncations.last!.total(try ModelWiseSweep.closedForms([truncations.last!], n: 12, threads: 1)[0])
        assertRelative(whole.surrogateRisk!, try ClosedFormCalculator(model: full).evaluate(n: 12).surrogateRisk!, 1e-14, "d = D_total")
    }

    /// The Monte Carlo of the d-feature model with sigma_eff, plus the omitted weight, agrees with the
    /// model-wise closed form within |z| < 4 where light tailed; Gaussian and uniform features.
    func testMonteCarloMatchesClosedForm() throws {
        for law in [FeatureLaw.gaussian, .uniform] {
            let full = try RegressionModel(covariance: CovarianceModel(spec: .powerlaw(1), d: 40), wstar: .random(seed: 3),
                                           wnorm: 1, sigma: 0.3, features: law)
            for (n, dimensions) in [(5.0, [20, 30, 40]), (30.0, [3, 8])] {
                let truncations = try ModelWiseSweep.truncations(full, dimensions: dimensions)
                let points = try ModelWiseSweep.closedForms(truncations, n: n, threads: 2)
                let settings = MonteCarloSettings(trials: 3000, seed: 9, designs: [.surrogate], threads: 2)
                let simulated = try ModelWiseSweep.simulate(truncations, points: points, settings: settings)
                for (truncation, (point, mc)) in zip(truncations, zip(points, simulated)) {
                    let expected = truncation.total(point).surrogateRisk!
                    let estimate = mc.surrogate!
                    let what = "\(law) d = \(truncation.dimension) of 40, n = \(n)"
                    XCTAssertFalse(estimate.heavyTail, what)
                    let z = (estimate.mean! - expected) / estimate.standardError!
                    print("  model-wise \(what): MC \(estimate.mean!) +- \(estimate.standardError!) vs \(expected), z = \(z)")
                    XCTAssertLessThan(abs(z), 4, what)
                }
            }
        }
    }

    func testSphereIsRejected() throws {
        let sphere = try RegressionModel(covariance: CovarianceModel(spec: .isotropic, d: 5), wstar: .isotropic, features: .sphere)
        XCTAssertThrowsError(try ModelWiseSweep.truncations(sphere, dimensions: [2]))
    }

    func testDimensionGrid() throws {
        XCTAssertEqual(try DimensionGrid.values(total: 5, dMin: nil, dMax: nil, points: nil), [1, 2, 3, 4, 5])
        XCTAssertEqual(try DimensionGrid.values(total: 400, dMin: nil, dMax: nil, points: nil).count, 400)
        let large = try DimensionGrid.values(total: 1000, dMin: nil, dMax: nil, points: nil)
        XCTAssertEqual(large.count, 200)
        XCTAssertEqual(large.first, 1)
        XCTAssertEqual(large.last, 1000)
        XCTAssertEqual(Set(large).count, 200)
        XCTAssertEqual(try DimensionGrid.values(total: 50, dMin: 10, dMax: 20, points: 3), [10, 15, 20])
        XCTAssertEqual(try DimensionGrid.values(total: 50, dMin: 10, dMax: 20, points: 11), Array(10...20))
        XCTAssertEqual(try DimensionGrid.values(total: 50, dMin: 7, dMax: nil, points: 1), [7])
        XCTAssertThrowsError(try DimensionGrid.values(total: 50, dMin: 10, dMax: 20, points: 12))
        XCTAssertThrowsError(try DimensionGrid.values(total: 50, dMin: nil, dMax: 51, points: nil))
        XCTAssertThrowsError(try DimensionGrid.values(total: 50, dMin: 30, dMax: 20, points: nil))
        XCTAssertThrowsError(try DimensionGrid.values(total: 50, dMin: 0, dMax: nil, points: nil))
    }
}
