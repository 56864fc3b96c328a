@testable import DDModel
@testable import DDSimulation
@testable import DDTheory
import Foundation
import XCTest

/// The Monte Carlo on a data set agrees with the exact finite-population closed form (|z| < 4, z
/// from the Monte Carlo's own standard error; the ridge side is in `DataSetRidgeCheckTests`). With N rows the per-draw error takes finitely many values, so the standard
/// error is meaningful; the points are chosen away from n = d, where it is large.
final class FinitePopulationMonteCarloTests: XCTestCase {
    typealias T = DataSetTestSupport

    func testMonteCarloMatchesTheFinitePopulationClosedForm() throws {
        // N small enough that the correction (n - d alpha)/N matters: Theorem 1 itself would fail.
        let population = try T.population(n: 30, d: 8, seed: 51)
        for sigma in [0.0, 0.6] {
            let model = try RegressionModel(population: population, wstar: .random(seed: 52), wnorm: 1, sigma: sigma)
            let calculator = ClosedFormCalculator(model: model)
            let points = try [0.7, 2, 3.5, 5].map { try calculator.evaluate(n: $0) }
            let settings = MonteCarloSettings(trials: 6000, seed: 53, designs: [.surrogate], threads: 2)
            let simulated = try MonteCarloSimulator(model: model, settings: settings).run(points)
            for (point, result) in zip(points, simulated) {
                let mc = try XCTUnwrap(result.surrogate)
                let z = (mc.mean! - point.surrogateRisk!) / mc.standardError!
                XCTAssertLessThan(abs(z), 4, "sigma = \(sigma), n = \(point.n): MC \(mc.mean!) +- \(mc.standardError!) vs \(point.surrogateRisk)")
                XCTAssertEqual(mc.meanRows!, point.n, accuracy: 5 * (point.n / 6000).squareRoot())
            }
        }
    }

    /// The correction is not negligible here: the Monte Carlo tells the two forms apart.
    func testTheoremOneAloneIsDistinguishablyWrongOnASmallPopulation() throws {
        let population = try T.population(n: 12, d: 6, seed: 54)
        let model = try RegressionModel(population: population, wstar: .isotropic, sigma: 1)
        let point = try ClosedFormCalculator(model: model).evaluate(n: 3)
        let continuousVariance = (1 - point.alpha) / point.lambda!
        let settings = MonteCarloSettings(trials: 8000, seed: 55, designs: [.surrogate], threads: 2)
        let mc = try XCTUnwrap(try MonteCarloSimulator(model: model, settings: settings).run([point])[0].surrogate)
        XCTAssertLessThan(abs(mc.mean! - point.surrogateRisk!) / mc.standardError!, 4)
        XCTAssertGreaterThan(abs(mc.mean! - (point.bias! + continuousVariance)) / mc.standardError!, 6)
    }

    func testDataSetModelMarksTheContinuousApproximation() throws {
        let model = try RegressionModel(population: T.population(n: 20, d: 4, seed: 58), wstar: .isotropic)
        let calculator = ClosedFormCalculator(model: model)
        XCTAssertTrue(try calculator.evaluate(n: 3.9).theoryExact)
        XCTAssertFalse(try calculator.evaluate(n: 4).theoryExact)
        XCTAssertFalse(try calculator.evaluate(n: 9).theoryExact)
        XCTAssertNil(try calculator.evaluate(n: 9).iidExactRisk)
        XCTAssertTrue(try ClosedFormCalculator(model: TestModels.model(.isotropic, d: 4)).evaluate(n: 9).theoryExact)
    }
}
