@testable import DDModel
@testable import DDRidge
@testable import DDTheory
import Foundation
import XCTest

/// `ddcalc ridge --data --target` in the library: `RidgeCheck` on a data set compares the Monte Carlo
/// mean of X^+ y, y the data's own (non-linear) responses plus noise, with the exact ridge solution
/// (Sigma + lambda_n I)^-1 A^T y / N; the test accepts it and rejects a wrong ridge level.
final class DataSetRidgeCheckTests: XCTestCase {
    typealias T = DataSetTestSupport

    private func model(responses: Bool) throws -> RegressionModel {
        let rows = T.rows(n: 40, d: 5, seed: 61)
        var population = try FinitePopulation(rows: rows, spec: .data("test"))
        if responses { population.responses = rows.map { a in exp(a[0]) - 2 * abs(a[2]) + a[1] * a[4] } }
        return try RegressionModel(population: population, wstar: .random(seed: 62), sigma: 0.3)
    }

    func testTheCheckAcceptsTheExactRidgeSolution() throws {
        for responses in [true, false] {
            let model = try model(responses: responses)
            for (n, response) in [(2.5, RidgeResponse.linear), (7.0, .linear), (1.5, .tanh)] {
                let check = try RidgeCheck.run(model: model, response: response, design: .surrogate, n: n,
                                               trials: 4000, seed: 63, threads: 2)
                let label = "data responses \(responses), n = \(n), \(response)"
                XCTAssertEqual(check.consistent, true, "\(label): p = \(String(describing: check.pValue))")
                let y = try XCTUnwrap(response.rowValues(for: model))
                XCTAssertEqual(check.target.original, PopulationRidge.solution(model.population!, response: y, lambda: check.target.lambda),
                               accuracy: 1e-12, label)
                XCTAssertTrue(check.target.steinFactor.isNaN, "\(label): no Stein factor for a data set")
            }
        }
    }

    func testTheCheckRejectsAWrongRidgeLevel() throws {
        let model = try model(responses: true)
        let n = 2.5
        let lambda = try XCTUnwrap(try ClosedFormCalculator(model: model).evaluate(n: n).lambda)
        let monteCarlo = RidgeMonteCarlo(model: model, response: .linear, design: .surrogate, seed: 64, threads: 2)
        let result = try monteCarlo.run(n: n, lambda: lambda, trials: 4000)
        let wrong = try RidgeTarget(model: model, response: .linear, ridge: 3 * lambda)
        let check = RidgeCheck(n: n, monteCarlo: monteCarlo, result: result, target: wrong)
        XCTAssertEqual(check.consistent, false, "p = \(String(describing: check.pValue))")
    }
}
