@testable import DDModel
@testable import DDRidge
@testable import DDTheory
import Foundation
import XCTest

/// Theorem 2 at a ridge penalty lambda > 0 (docs/MATH.md, "Ridge at any lambda"): under the regularized
/// surrogate design the mean of w_lambda = (X^T X + lambda I)^-1 X^T y is (Sigma + kappa I)^-1 E[x y] for
/// any response, on Gaussian and uniform features and on a data set with its own non-linear responses.
/// The check (Hotelling, fixed seeds) accepts it and rejects the min-norm target lambda_n and the
/// population ridge at lambda itself.
final class RidgeLambdaCheckTests: XCTestCase {
    func testTheCheckAcceptsTheRidgeTargetAtKappa() throws {
        let gaussian = try RegressionModel(covariance: CovarianceModel(spec: .geometric(10), d: 5), wstar: .random(seed: 4), sigma: 0.5)
        let uniform = try RegressionModel(covariance: CovarianceModel(spec: .geometric(10), d: 5), wstar: .random(seed: 4), sigma: 0.5,
                                          features: .uniform)
        let rows = DataSetTestSupport.rows(n: 40, d: 5, seed: 61)
        var population = try FinitePopulation(rows: rows, spec: .data("test"))
        population.responses = rows.map { a in exp(a[0]) - 2 * abs(a[2]) + a[1] * a[4] }
        let data = try RegressionModel(population: population, wstar: .random(seed: 62), sigma: 0.3)
        for (label, model, response) in [("gaussian", gaussian, RidgeResponse.linear), ("gaussian tanh", gaussian, .tanh),
                                         ("uniform", uniform, .linear), ("data set", data, .linear)] {
            for (n, lambda) in [(2.5, 0.6), (8.0, 1.5)] {
                let check = try RidgeCheck.run(model: model, response: response, design: .surrogate, n: n, trials: 4000,
                                               seed: 71, threads: 2, ridgeLambda: lambda)
                let kappa = try ClosedFormCalculator(model: model).ridgeEquivalent(n: n, lambda: lambda).kappa
                XCTAssertEqual(check.target.lambda, kappa)
                XCTAssertEqual(check.consistent, true, "\(label), n = \(n), lambda = \(lambda): p = \(String(describing: check.pValue))")
                XCTAssertEqual(check.meanRows, n, accuracy: 5 * (2 * n / 4000).squareRoot())
                XCTAssertFalse(check.heavyTail)
            }
        }
    }

    /// The same draws tested against lambda_n (today's target) and against the population ridge at lambda
    /// itself are rejected: the test has power, and kappa is not lambda.
    func testTheCheckRejectsOtherLevels() throws {
        let model = try RegressionModel(covariance: CovarianceModel(spec: .geometric(10), d: 5), wstar: .random(seed: 4), sigma: 0.5)
        let n = 2.5, lambda = 0.6
        let ridge = try ClosedFormCalculator(model: model).ridgeEquivalent(n: n, lambda: lambda)
        let lambdaN = try XCTUnwrap(try ClosedFormCalculator(model: model).evaluate(n: n).lambda)
        let monteCarlo = RidgeMonteCarlo(model: model, response: .linear, design: .surrogate, seed: 72, threads: 2)
        let result = try monteCarlo.run(n: n, lambda: nil, trials: 4000, ridge: ridge)
        for wrong in [lambdaN, lambda] {
            let check = RidgeCheck(n: n, monteCarlo: monteCarlo, result: result,
                                   target: try RidgeTarget(model: model, response: .linear, ridge: wrong))
            XCTAssertEqual(check.consistent, false, "level \(wrong) (kappa \(ridge.kappa)): p = \(String(describing: check.pValue))")
        }
    }
}
