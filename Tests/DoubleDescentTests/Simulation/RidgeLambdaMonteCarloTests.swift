@testable import DDModel
@testable import DDSimulation
@testable import DDTheory
import Foundation
import XCTest

/// The Monte Carlo at a ridge penalty lambda > 0 (docs/MATH.md, "Ridge at any lambda") against the
/// exact expectations on a 4-row data set, by enumeration: the regularized surrogate design through
/// its definition (independent Poisson(gamma / N) row counts reweighted by det(lambda I + X^T X)) and
/// the i.i.d. design of n rows (multinomial counts); the per-design error lambda^2 ||M^-1 w*||^2 +
/// sigma^2 tr(M^-2 X^T X), or with Sigma weights. |z| < 4 with the Monte Carlo's own standard error.
final class RidgeLambdaMonteCarloTests: XCTestCase {
    typealias E = RegularizedSurrogateTests

    static let rows = E.sets[0].rows

    /// The error of the design with these row counts (original coordinates; Sigma = A^T A / N).
    static func error(counts: [Int], lambda: Double, w: [Double], sigma: Double, prediction: Bool) -> (error: Double, det: Double) {
        let d = rows[0].count, covariance = E.sigma(E.sets[0])
        var gram = E.identity(d, 0)
        for (j, c) in counts.enumerated() where c > 0 {
            for r in 0..<d { for s in 0..<d { gram[r][s] += Double(c) * rows[j][r] * rows[j][s] } }
        }
        let (det, inverse) = E.determinantAndInverse(E.add(E.identity(d, lambda), gram))
        let weight = prediction ? covariance : E.identity(d)
        let b = E.apply(inverse, w).map { lambda * $0 }
        let bias = zip(b, E.apply(weight, b)).reduce(0) { $0 + $1.0 * $1.1 }
        // tr(W M^-1 G M^-1)
        let variance = E.trace(E.multiply(weight, E.multiply(E.multiply(inverse, gram), inverse)))
        return (bias + sigma * sigma * variance, det)
    }

    /// All count vectors of N rows summing to k, with their multinomial probabilities.
    static func compositions(_ k: Int, rows: Int, _ body: ([Int], Double) -> Void) {
        func recurse(_ prefix: [Int], _ left: Int, _ logWeight: Double) {
            if prefix.count == rows - 1 {
                let counts = prefix + [left]
                let log = logWeight - Foundation.lgamma(Double(left) + 1) + Foundation.lgamma(Double(k) + 1)
                    - Double(k) * Foundation.log(Double(rows))
                body(counts, Foundation.exp(log))
                return
            }
            for c in 0...left { recurse(prefix + [c], left - c, logWeight - Foundation.lgamma(Double(c) + 1)) }
        }
        recurse([], k, 0)
    }

    func testMonteCarloMatchesExactEnumerationOnADataSet() throws {
        let population = try FinitePopulation(rows: Self.rows, spec: .data("tiny"))
        let lambda = 0.5, sigma = 0.7
        for risk in Risk.allCases {
            let model = try RegressionModel(population: population, wstar: .random(seed: 3), wnorm: 1, sigma: sigma)
            var calculator = ClosedFormCalculator(model: model)
            calculator.risk = risk
            let points = try [1.0, 3.0].map { try calculator.evaluate(n: $0) }
            var settings = MonteCarloSettings(trials: 6000, seed: 91, designs: [.surrogate, .iid], threads: 2)
            settings.risk = risk
            settings.ridgeLambda = lambda
            let results = try MonteCarloSimulator(model: model, settings: settings).run(points)
            for (point, result) in zip(points, results) {
                let ridge = try calculator.ridgeEquivalent(n: point.n, lambda: lambda)
                // The regularized surrogate by its definition.
                var weighted = 0.0, total = 0.0
                E.forEachCounts(rows: Self.rows.count, rate: ridge.gamma / Double(Self.rows.count)) { counts, p in
                    let (e, det) = Self.error(counts: counts, lambda: lambda, w: model.wOriginal, sigma: sigma,
                                              prediction: risk == .prediction)
                    weighted += p * det * e
                    total += p * det
                }
                let surrogate = weighted / total
                var iid = 0.0
                Self.compositions(Int(point.n), rows: Self.rows.count) { counts, p in
                    iid += p * Self.error(counts: counts, lambda: lambda, w: model.wOriginal, sigma: sigma,
                                          prediction: risk == .prediction).error
                }
                let what = "\(risk), n = \(point.n)"
                let mcSurrogate = try XCTUnwrap(result.surrogate), mcIID = try XCTUnwrap(result.iid)
                XCTAssertLessThan(abs(mcSurrogate.mean! - surrogate) / mcSurrogate.standardError!, 4,
                                  "\(what): surrogate \(mcSurrogate.mean!) +- \(mcSurrogate.standardError!) vs \(surrogate)")
                XCTAssertLessThan(abs(mcIID.mean! - iid) / mcIID.standardError!, 4,
                                  "\(what): iid \(mcIID.mean!) +- \(mcIID.standardError!) vs \(iid)")
                XCTAssertEqual(mcSurrogate.meanRows!, point.n, accuracy: 5 * (3 * point.n / 6000).squareRoot())
                XCTAssertFalse(mcSurrogate.heavyTail)
            }
        }
    }

    /// lambda < 0: nothing is simulated (every estimate nil); lambda = 0 keeps today's bits.
    func testNegativeLambdaIsNotSimulatedAndZeroIsToday() throws {
        let model = try TestModels.model(.geometric(10), d: 5)
        let points = try [2.0, 8.0].map { try ClosedFormCalculator(model: model).evaluate(n: $0) }
        var settings = MonteCarloSettings(trials: 64, seed: 5, designs: [.surrogate, .iid], threads: 1)
        let today = try MonteCarloSimulator(model: model, settings: settings).run(points)
        settings.ridgeLambda = 0
        XCTAssertEqual(try MonteCarloSimulator(model: model, settings: settings).run(points).map { $0.surrogate?.mean },
                       today.map { $0.surrogate?.mean })
        settings.ridgeLambda = -0.01
        for result in try MonteCarloSimulator(model: model, settings: settings).run(points) {
            XCTAssertNil(result.surrogate)
            XCTAssertNil(result.iid)
        }
    }
}
