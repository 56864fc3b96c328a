@testable import DDModel
@testable import DDRandom
@testable import DDSampling
@testable import DDTheory
import Foundation
import XCTest

/// The data-set sampler draws the right point processes (fixed seeds): the spectral algorithm's
/// subsets follow the L-ensemble exactly (chi-square over every subset) with inclusion
/// probabilities diag(L (I + L)^-1) and pair inclusions from the same kernel (z-tests); volume
/// sampling includes row j with its leverage score; the i.i.d. design is uniform.
final class FinitePopulationSamplerTests: XCTestCase {
    typealias T = DataSetTestSupport

    private func draws(_ population: FinitePopulation, n: Double, trials: Int, seed: UInt64) throws -> [[Int]] {
        let model = try! RegressionModel(population: population, wstar: .isotropic)
        let lambda = try ClosedFormCalculator(model: model).evaluate(n: n).lambda
        let plan = SurrogatePlan(n: n, lambda: lambda, eigenvalues: population.covariance.eigenvalues)
        let sampler = FinitePopulationSampler(population: population)
        return (0..<trials).map { t in
            var rng = RandomStream(seed: seed, keys: [UInt64(t)])
            return sampler.surrogateRows(plan, shuffled: false, using: &rng)
        }
    }

    /// z of an observed count against a binomial(trials, p) expectation.
    private func z(_ count: Int, _ p: Double, _ trials: Int) -> Double {
        (Double(count) - Double(trials) * p) / (Double(trials) * p * (1 - p)).squareRoot()
    }

    /// The marginal kernel of the L-ensemble, K = L (I + L)^-1 = U diag(p) U^T, p_i = s_i/(s_i + lambda);
    /// for volume sampling (lambda = 0) K = U U^T.
    private func marginalKernel(_ population: FinitePopulation, lambda: Double) -> [[Double]] {
        let n = population.count, s = population.covariance.eigenvalues, u = population.leftVectors
        return (0..<n).map { a in
            (0..<n).map { b in
                (0..<population.d).reduce(0) { $0 + s[$1] / (s[$1] + lambda) * u[a + $1 * n] * u[b + $1 * n] }
            }
        }
    }

    private func checkInclusions(_ samples: [[Int]], kernel: [[Double]], label: String) {
        let n = kernel.count, trials = samples.count
        var single = [Int](repeating: 0, count: n)
        var pairs = [[Int]](repeating: [Int](repeating: 0, count: n), count: n)
        for s in samples {
            XCTAssertEqual(Set(s).count, s.count, "\(label): a row drawn twice by the DPP")
            for a in s {
                single[a] += 1
                for b in s where b > a { pairs[a][b] += 1 }
            }
        }
        for a in 0..<n {
            XCTAssertLessThan(abs(z(single[a], kernel[a][a], trials)), 4, "\(label): P(row \(a) in S) = \(kernel[a][a])")
            for b in (a + 1)..<n {
                let p = kernel[a][a] * kernel[b][b] - kernel[a][b] * kernel[a][b]
                XCTAssertLessThan(abs(z(pairs[a][b], p, trials)), 4, "\(label): P(rows \(a), \(b) in S) = \(p)")
            }
        }
    }

    func testSpectralSamplerInclusionProbabilities() throws {
        let population = try T.population(n: 10, d: 4, seed: 41)
        for n in [1.2, 2.5, 3.6] {
            let model = try RegressionModel(population: population, wstar: .isotropic)
            let lambda = try ClosedFormCalculator(model: model).evaluate(n: n).lambda!
            checkInclusions(try draws(population, n: n, trials: 20_000, seed: 42), kernel: marginalKernel(population, lambda: lambda),
                            label: "L-ensemble, n = \(n)")
        }
    }

    func testVolumeSamplingIncludesRowsByLeverage() throws {
        let population = try T.population(n: 9, d: 3, seed: 43)
        for n in [3.0, 4.5] {
            let samples = try draws(population, n: n, trials: 20_000, seed: 44).map { Array($0.prefix(3)) }
            checkInclusions(samples, kernel: marginalKernel(population, lambda: 0), label: "volume sampling, n = \(n)")
        }
    }

    /// The whole law of the spectral sampler's subsets against det(L_S)/det(I + L), by chi-square
    /// (cells with expected count below 5 pooled), at the 1e-4 level.
    func testSpectralSamplerSubsetLawChiSquare() throws {
        let rows = T.rows(n: 6, d: 3, seed: 45)
        let population = try FinitePopulation(rows: rows, spec: .data("test"))
        let model = try RegressionModel(population: population, wstar: .isotropic)
        let trials = 40_000
        for n in [0.8, 1.7, 2.6] {
            let lambda = try ClosedFormCalculator(model: model).evaluate(n: n).lambda!
            var observed: [[Int]: Int] = [:]
            for s in try draws(population, n: n, trials: trials, seed: 46) { observed[s.sorted(), default: 0] += 1 }
            var statistic = 0.0, cells = 0, pooledExpected = 0.0, pooledObserved = 0
            for (p, s) in T.lEnsemble(rows, lambda: lambda) {
                let expected = p * Double(trials), count = observed[s] ?? 0
                if expected < 5 {
                    pooledExpected += expected
                    pooledObserved += count
                    continue
                }
                statistic += (Double(count) - expected) * (Double(count) - expected) / expected
                cells += 1
            }
            if pooledExpected > 0 {
                statistic += (Double(pooledObserved) - pooledExpected) * (Double(pooledObserved) - pooledExpected) / pooledExpected
                cells += 1
            }
            // Wilson-Hilferty: the chi-square quantile at 1 - 1e-4 (z = 3.719).
            let df = Double(cells - 1), h = 2 / (9 * df)
            let critical = df * pow(1 - h + 3.719 * h.squareRoot(), 3)
            XCTAssertLessThan(statistic, critical, "n = \(n): chi-square \(statistic) on \(Int(df)) df")
        }
    }

    func testIIDRowsAreUniformWithReplacement() throws {
        let population = try T.population(n: 7, d: 2, seed: 47)
        let sampler = FinitePopulationSampler(population: population)
        var counts = [Int](repeating: 0, count: 7)
        var rng = RandomStream(seed: 48)
        for _ in 0..<10_000 { for row in sampler.iidRows(5, using: &rng) { counts[row] += 1 } }
        for count in counts { XCTAssertLessThan(abs(z(count, 1 / 7, 50_000)), 4) }
    }
}
