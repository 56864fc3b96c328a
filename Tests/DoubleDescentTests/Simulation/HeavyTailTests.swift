@testable import DDRandom
@testable import DDSampling
@testable import DDSimulation
@testable import DDTheory
import Foundation
import XCTest

final class HeavyTailTests: XCTestCase {
    /// P(K in {d-1, d}) against the Poisson-binomial law computed by enumerating all 2^d selections.
    func testSurrogateHeavyProbabilityByEnumeration() throws {
        let model = try TestModels.model(.powerlaw(1.5), d: 7)
        let s = model.eigenvalues
        for n in [1.0, 3.3, 6.5] {
            let lambda = try ClosedFormCalculator(model: model).evaluate(n: n).lambda!
            var exact = 0.0
            for mask in 0..<(1 << 7) where mask.nonzeroBitCount >= 6 {
                exact += (0..<7).reduce(1.0) { $0 * (mask >> $1 & 1 == 1 ? s[$1] / (s[$1] + lambda) : lambda / (s[$1] + lambda)) }
            }
            assertRelative(HeavyTail.surrogateHeavyProbability(n: n, lambda: lambda, eigenvalues: s), exact, 1e-12, "n = \(n)")
        }
        // n > d: P(K - d in {0, 1}) for K - d ~ Poisson(m).
        assertRelative(HeavyTail.surrogateHeavyProbability(n: 9.5, lambda: nil, eigenvalues: s), exp(-2.5) * 3.5, 1e-14, "n > d")
        // No underflow where alpha_n does: d = 10^5, n = d/2 has alpha ~ 1e-30103 but the probability stays finite (0).
        let big = try TestModels.model(.isotropic, d: 100_000)
        let p = HeavyTail.surrogateHeavyProbability(n: 50_000, lambda: 1, eigenvalues: big.eigenvalues)
        XCTAssertEqual(p, 0)
        XCTAssertFalse(p.isNaN)
    }

    func testIIDRules() {
        XCTAssertEqual((90...110).filter { HeavyTail.iidIsHeavy(n: Double($0), d: 100, sigma: 1) }, Array(97...103))
        XCTAssertEqual((90...110).filter { HeavyTail.iidHasInfiniteMean(n: Double($0), d: 100, sigma: 1) }, [99, 100, 101])
        XCTAssertFalse(HeavyTail.iidHasInfiniteMean(n: 100, d: 100, sigma: 0))
    }

    /// Hill's estimator flags a Pareto law of index 1.5 and not an exponential one (fixed seeds; at
    /// these sizes the estimate's relative standard error is 1/sqrt(k) = 0.03, k = 1000).
    func testTailIndexEstimate() {
        var rng = RandomStream(seed: 1)
        let pareto = (0..<1_000_000).map { _ in pow(rng.uniform(), -1 / 1.5) }
        let exponential = (0..<1_000_000).map { _ in -log(rng.uniform()) }
        pareto.withUnsafeBufferPointer { values in
            let (alpha, k) = TailIndex.hill(values)!
            XCTAssertEqual(k, 1000)
            XCTAssertEqual(alpha, 1.5, accuracy: 4 * 1.5 / 1000.0.squareRoot())
            XCTAssertTrue(TailIndex.showsInfiniteVariance(values))
        }
        exponential.withUnsafeBufferPointer { XCTAssertFalse(TailIndex.showsInfiniteVariance($0)) }
    }
}
