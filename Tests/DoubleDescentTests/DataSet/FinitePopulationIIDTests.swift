@testable import DDLinearAlgebra
@testable import DDModel
@testable import DDSampling
@testable import DDSimulation
@testable import DDTheory
import XCTest

/// On a data set the i.i.d. design draws rows uniformly with replacement: finitely many designs, so
/// the MSE is finite even at n in {d - 1, d, d + 1}, where it is infinite for continuous features.
/// The Monte Carlo reports it there and agrees with the exact value, an average over all N^n
/// ordered row tuples (duplicated rows give rank-deficient designs, handled by the pseudo-inverse).
final class FinitePopulationIIDTests: XCTestCase {
    func testIIDNearInterpolationAgreesWithEnumeration() throws {
        let rows = DataSetTestSupport.rows(n: 6, d: 3, seed: 21)
        let population = try FinitePopulation(rows: rows, spec: .data("test"))
        let model = try RegressionModel(population: population, wstar: .random(seed: 2), sigma: 0.7)
        let calculator = ClosedFormCalculator(model: model)
        let solver = MinNormSolver(d: 3, maxRows: 4)
        for k in [2, 3, 4] {
            var exact = 0.0, tuples = 0
            var index = [Int](repeating: 0, count: k)
            repeat {
                var design = [Double](repeating: 0, count: k * 3)  // column-major, original coordinates
                for (i, row) in index.enumerated() { for j in 0..<3 { design[i + j * k] = rows[row][j] } }
                exact += solver.conditionalError(design: design, rows: k, wstar: model.wOriginal,
                                                 eigenvalues: [1, 1, 1], sigma: 0.7).parameterError
                tuples += 1
            } while Self.advance(&index, base: 6)
            exact /= Double(tuples)
            let settings = MonteCarloSettings(trials: 20000, seed: 3, designs: [.iid], threads: 2)
            let mc = try XCTUnwrap(try MonteCarloSimulator(model: model, settings: settings)
                .run([try calculator.evaluate(n: Double(k))])[0].iid)
            let z = (try XCTUnwrap(mc.mean) - exact) / (try XCTUnwrap(mc.standardError))
            XCTAssertLessThan(abs(z), 4, "n = \(k): MC \(mc.mean!) +- \(mc.standardError!) vs exact \(exact)")
        }
    }

    /// The next tuple in lexicographic order; false after the last.
    private static func advance(_ index: inout [Int], base: Int) -> Bool {
        for position in index.indices.reversed() {
            index[position] += 1
            if index[position] < base { return true }
            index[position] = 0
        }
        return false
    }
}
