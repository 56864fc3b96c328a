@testable import DDRandom
@testable import DDSampling
@testable import DDSimulation
@testable import DDTheory
import Foundation
import XCTest

/// The number of rows K of a surrogate draw follows its exact law: Poisson-binomial with
/// probabilities s_i / (s_i + lambda_n) for n < d, d plus Poisson(n - d) for n > d; E[K] = n.
final class SurrogateRowCountTests: XCTestCase {
    func testRowCountLawBelowAndAboveInterpolation() throws {
        let model = try TestModels.model(.geometric(20), d: 6)
        let sampler = GaussianDesignSampler(eigenvalues: model.eigenvalues)
        let calculator = ClosedFormCalculator(model: model)
        let draws = 20_000
        for n in [0.7, 2.5, 4.0, 5.9, 6.0, 7.25, 13.5] {
            let point = try calculator.evaluate(n: n)
            let plan = SurrogatePlan(n: n, lambda: point.lambda, eigenvalues: model.eigenvalues)
            let (counts, moments) = Self.rowCounts(sampler, plan, seed: 11, n: n, draws: draws)
            let law = exactRowCountLaw(plan, d: 6, cells: 64)
            if n == 6 {
                XCTAssertEqual(counts[6], draws, "K = d exactly at n = d")
                continue
            }
            assertChiSquareFit(observed: counts, probabilities: law, "row count at n = \(n)")
            // Var K is known exactly too: sum p(1 - p), or n - d.
            let variance = law.enumerated().reduce(0) { $0 + $1.element * pow(Double($1.offset) - n, 2) }
            let z = (moments.mean - n) / (variance / Double(draws)).squareRoot()
            XCTAssertLessThan(abs(z), 4, "mean row count \(moments.mean) at n = \(n)")
        }
    }

    /// The row counts of `draws` surrogate draws (the last of 64 cells takes the rest) and their moments.
    static func rowCounts(_ sampler: GaussianDesignSampler, _ plan: SurrogatePlan, seed: UInt64, n: Double,
                          draws: Int) -> ([Int], RunningMoments) {
        let workspace = DesignWorkspace(d: 6, maxRows: 6)
        var counts = [Int](repeating: 0, count: 64)
        var moments = RunningMoments()
        for t in 0..<draws {
            var rng = RandomStream(seed: seed, keys: [n.bitPattern, UInt64(t)])
            sampler.drawSurrogate(plan, rotateRows: false, into: workspace, using: &rng)
            counts[min(workspace.rows, 63)] += 1
            moments.add(Double(workspace.rows))
        }
        return (counts, moments)
    }

    /// The regularized surrogate design at (n, lambda) (docs/MATH.md, "Ridge at any lambda"): K is the
    /// Poisson-binomial at level kappa plus Poisson(gamma), with E[K] = n, for every sampler's plan.
    func testRegularizedRowCountLaw() throws {
        let model = try TestModels.model(.geometric(20), d: 6)
        let sampler = GaussianDesignSampler(eigenvalues: model.eigenvalues)
        let calculator = ClosedFormCalculator(model: model)
        let draws = 20_000
        for (n, lambda) in [(2.5, 0.3), (5.9, 0.01), (7.25, 2.0)] {
            let ridge = try calculator.ridgeEquivalent(n: n, lambda: lambda)
            let plan = SurrogatePlan(kappa: ridge.kappa, gamma: ridge.gamma, eigenvalues: model.eigenvalues)
            let (counts, moments) = Self.rowCounts(sampler, plan, seed: 12, n: n, draws: draws)
            let law = exactRowCountLaw(plan, d: 6, cells: 64)
            assertChiSquareFit(observed: counts, probabilities: law, "row count at n = \(n), lambda = \(lambda)")
            let mean = law.enumerated().reduce(0) { $0 + $1.element * Double($1.offset) }
            XCTAssertEqual(mean, n, accuracy: 1e-9, "E[K] = gamma + df1(kappa) = n")
            let variance = law.enumerated().reduce(0) { $0 + $1.element * pow(Double($1.offset) - n, 2) }
            let z = (moments.mean - n) / (variance / Double(draws)).squareRoot()
            XCTAssertLessThan(abs(z), 4, "mean row count \(moments.mean) at n = \(n), lambda = \(lambda)")
        }
    }

    /// P(K = k) for k < cells (the last cell takes the rest): the Poisson-binomial by the usual
    /// convolution, or d + Poisson(n - d).
    private func exactRowCountLaw(_ plan: SurrogatePlan, d: Int, cells: Int) -> [Double] {
        var law = [Double](repeating: 0, count: cells)
        switch plan {
        case .spectral(let p):
            law[0] = 1
            for pi in p {
                for k in stride(from: cells - 1, through: 1, by: -1) { law[k] = law[k] * (1 - pi) + law[k - 1] * pi }
                law[0] *= 1 - pi
            }
        case .spectralPlusPoisson(let p, let m):
            let binomial = exactRowCountLaw(.spectral(probabilities: p), d: d, cells: cells)
            let poisson = exactRowCountLaw(.volumePlusPoisson(extraMean: m), d: 0, cells: cells)
            for k in 0..<cells - 1 { law[k] = (0...k).reduce(0) { $0 + binomial[$1] * poisson[k - $1] } }
            law[cells - 1] = max(0, 1 - law.dropLast().reduce(0, +))
        case .volumePlusPoisson(let m):
            for k in d..<cells - 1 { law[k] = exp(-m + Double(k - d) * log(max(m, .leastNormalMagnitude)) - lgamma(Double(k - d + 1))) }
            if m == 0 { law[d] = 1 }
            law[cells - 1] = max(0, 1 - law.dropLast().reduce(0, +))
        }
        return law
    }
}
