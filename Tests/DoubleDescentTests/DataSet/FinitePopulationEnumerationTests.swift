@testable import DDModel
@testable import DDRidge
@testable import DDTheory
import Foundation
import XCTest

/// Exhaustive enumeration over every subset S of a tiny data set: the L-ensemble
/// L = (gamma_n / N) A A^T gives S probability det(L_S) / det(I + L), and the exact expectations
/// are finite sums. They reproduce the finite-population MSE (n < d) and Theorem 2 with a
/// non-linear response to 1e-10 (docs/MATH.md, "Finite populations").
final class FinitePopulationEnumerationTests: XCTestCase {
    typealias T = DataSetTestSupport

    func testEnumerationReproducesTheFinitePopulationMSE() throws {
        for (n, d, seed) in [(7, 3, UInt64(11)), (10, 2, 12), (12, 4, 13)] {
            let rows = T.rows(n: n, d: d, seed: seed)
            let population = try FinitePopulation(rows: rows, spec: .data("test"))
            let model = try RegressionModel(population: population, wstar: .random(seed: seed), wnorm: 1.3, sigma: 0.8)
            let calculator = ClosedFormCalculator(model: model)
            let wstar = model.wOriginal
            for expected in [0.3, 1, 0.5 * Double(d), Double(d) - 0.4, Double(d) - 1e-3] {
                let point = try calculator.evaluate(n: expected)
                XCTAssertTrue(point.theoryExact)
                var total = 0.0, mass = 0.0, rowCount = 0.0
                for (p, s) in T.lEnsemble(rows, lambda: point.lambda!) {
                    mass += p
                    rowCount += p * Double(s.count)
                    total += p * subsetError(s.map { rows[$0] }, wstar: wstar, sigma: model.sigma, d: d)
                }
                let label = "N = \(n), d = \(d), n = \(expected)"
                XCTAssertEqual(mass, 1, accuracy: 1e-12, label)
                XCTAssertEqual(rowCount, expected, accuracy: 1e-10 * expected, "\(label): E[K] = n")
                assertRelative(point.surrogateRisk!, total, 1e-10, label)
            }
        }
    }

    /// ||(I - P) w*||^2 + sigma^2 tr((X X^T)^-1) for k <= d rows (X^+ = X^T (X X^T)^-1).
    private func subsetError(_ x: [[Double]], wstar: [Double], sigma: Double, d: Int) -> Double {
        guard !x.isEmpty else { return T.dot(wstar, wstar) }
        let inverse = T.inverse(T.gram(x))
        let xw = x.map { T.dot($0, wstar) }
        let coefficients = inverse.map { T.dot($0, xw) }
        let projected = (0..<d).map { j in zip(x, coefficients).reduce(0) { $0 + $1.0[j] * $1.1 } }
        let residual = zip(wstar, projected).map { $0 - $1 }
        return T.dot(residual, residual) + sigma * sigma * (0..<x.count).reduce(0) { $0 + inverse[$1][$1] }
    }

    func testEnumerationConfirmsTheRidgeCorrespondenceForANonLinearResponse() throws {
        for (n, d, seed) in [(8, 3, UInt64(21)), (12, 4, 22)] {
            let rows = T.rows(n: n, d: d, seed: seed)
            let population = try FinitePopulation(rows: rows, spec: .data("test"))
            // Far from linear in the features: a saturating function, a cosine and a product.
            let y = rows.map { a in tanh(3 * a[0] - a[1]) + cos(4 * a[d - 1]) + a[0] * a[1] }
            let model = try RegressionModel(population: population, wstar: .isotropic)
            let calculator = ClosedFormCalculator(model: model)
            for expected in [0.4, 1.5, Double(d) - 0.5] {
                let lambda = try calculator.evaluate(n: expected).lambda!
                var mean = [Double](repeating: 0, count: d)
                for (p, s) in T.lEnsemble(rows, lambda: lambda) where !s.isEmpty {
                    let x = s.map { rows[$0] }
                    let coefficients = T.inverse(T.gram(x)).map { T.dot($0, s.map { y[$0] }) }
                    for j in 0..<d { mean[j] += p * zip(x, coefficients).reduce(0) { $0 + $1.0[j] * $1.1 } }
                }
                let ridge = PopulationRidge.solution(population, response: y, lambda: lambda)
                let difference = zip(mean, ridge).map { $0 - $1 }
                let relative = T.dot(difference, difference).squareRoot() / T.dot(ridge, ridge).squareRoot()
                XCTAssertLessThan(relative, 1e-10, "N = \(n), d = \(d), n = \(expected): \(mean) vs \(ridge)")
            }
        }
    }

    /// The ridge solution itself, against (Sigma + lambda I)^-1 A^T y / N formed directly.
    func testRidgeSolutionMatchesTheNormalEquations() throws {
        let rows = T.rows(n: 9, d: 3, seed: 31)
        let population = try FinitePopulation(rows: rows, spec: .data("test"))
        let y = rows.map { sin($0[0]) + $0[2] * $0[2] }
        for lambda in [0.0, 0.07, 2.5] {
            let size = Double(rows.count)
            let sigma = (0..<3).map { i in (0..<3).map { j in rows.reduce(0) { $0 + $1[i] * $1[j] } / size + (i == j ? lambda : 0) } }
            let cross = (0..<3).map { j in zip(rows, y).reduce(0) { $0 + $1.0[j] * $1.1 } / size }
            let direct = T.inverse(sigma).map { T.dot($0, cross) }
            let ridge = PopulationRidge.solution(population, response: y, lambda: lambda)
            for j in 0..<3 { assertRelative(ridge[j], direct[j], 1e-12, "lambda = \(lambda), coordinate \(j)") }
            XCTAssertEqual(population.crossMoment(y), cross.map { $0 }, accuracy: 1e-14)
        }
    }
}

/// Element-wise XCTAssertEqual for vectors.
func XCTAssertEqual(_ a: [Double], _ b: [Double], accuracy: Double, _ message: String = "",
                    file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(a.count, b.count, message, file: file, line: line)
    for (x, y) in zip(a, b) { XCTAssertEqual(x, y, accuracy: accuracy, message, file: file, line: line) }
}
