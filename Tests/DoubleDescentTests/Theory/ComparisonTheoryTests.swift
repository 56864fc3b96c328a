@testable import DDSampling
@testable import DDTheory
import XCTest

/// The deterministic equivalent and the exact i.i.d. Gaussian values.
final class ComparisonTheoryTests: XCTestCase {
    /// The DE written literally (n - df2 from its two sums, at n away from d
    /// where that does not cancel); its bias equals Theorem 1's bias and its
    /// variance exceeds Theorem 1's by sigma^2 alpha / lambda.
    func testDeterministicEquivalentLiteralFormula() throws {
        let model = try TestModels.model(.powerlaw(1), d: 60, wstar: .random(seed: 5), sigma: 0.9)
        let calculator = ClosedFormCalculator(model: model)
        let s = model.eigenvalues, w = model.wEigen
        for n in [2.0, 15, 30, 45] {
            let point = try calculator.evaluate(n: n)
            let k = point.lambda!
            var df2 = 0.0, t = 0.0, a = 0.0, b = 0.0
            for i in s.indices {
                let r = 1 / (s[i] + k)
                df2 += s[i] * s[i] * r * r
                t += s[i] * r * r
                a += w[i] * w[i] * r * r
                b += s[i] * w[i] * w[i] * r * r
            }
            let bias = k * k * a + k * k * b * t / (n - df2)
            let variance = 0.81 * t / (n - df2)
            assertRelative(point.deBias!, bias, 1e-11, "DE bias n=\(n)")
            assertRelative(point.deVariance!, variance, 1e-11, "DE variance n=\(n)")
            assertRelative(point.deBias!, point.bias!, 1e-12, "DE bias = surrogate bias, n=\(n)")
            assertRelative(point.variance! + 0.81 * point.alpha / k, point.deVariance!, 1e-12, "gap n=\(n)")
        }
        XCTAssertNil(try calculator.evaluate(n: 60).deRisk, "DE is infinite at n = d")
        assertRelative(try calculator.evaluate(n: 70).deRisk!, 0.81 * calculator.solver.traceInverse / 10, 1e-15, "n > d")
    }

    func testIIDExactValues() throws {
        let model = try TestModels.model(.geometric(10), d: 20, sigma: 2)
        let calculator = ClosedFormCalculator(model: model)
        for n in [19.0, 20, 21, 22.5, 10] { XCTAssertNil(try calculator.evaluate(n: n).iidExactRisk, "n=\(n)") }
        assertRelative(try calculator.evaluate(n: 22).iidExactRisk!, 4 * calculator.solver.traceInverse, 1e-15, "n = d + 2")
        assertRelative(try calculator.evaluate(n: 31).iidExactRisk!, 4 * calculator.solver.traceInverse / 10, 1e-15, "n = d + 11")

        let isotropic = try TestModels.model(.isotropic, d: 20, wnorm: 1.5, sigma: 2)
        let iso = ClosedFormCalculator(model: isotropic)
        assertRelative(try iso.evaluate(n: 18).iidExactRisk!, (1 - 18.0 / 20) * 2.25 + 4 * 18 / (1 * 1), 1e-14, "n = d - 2")
        assertRelative(try iso.evaluate(n: 5).iidExactRisk!, 0.75 * 2.25 + 4 * 5 / 14, 1e-14, "n = 5")
        XCTAssertNil(try iso.evaluate(n: 19).iidExactRisk)
    }
}
