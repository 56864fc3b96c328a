@testable import DDModel
@testable import DDSampling
@testable import DDTheory
import Foundation
import XCTest

/// Theorem 1 (surrogate MSE) against hand derivations, identities and limits.
final class SurrogateTheoryTests: XCTestCase {
    /// Isotropic Sigma: variance = sigma^2 n (1 - (n/d)^d) / (d - n), bias = (1 - n/d) ||w*||^2.
    func testIsotropicClosedForm() throws {
        for d in [1, 3, 10, 100] {
            for sigma in [0.0, 0.5, 2.0] {
                let model = try TestModels.model(.isotropic, d: d, wnorm: 1.7, sigma: sigma)
                let calculator = ClosedFormCalculator(model: model)
                for fraction in [0.05, 0.5, 0.9, 0.99] {
                    let n = fraction * Double(d)
                    let point = try calculator.evaluate(n: n)
                    let variance = sigma * sigma * n * (1 - pow(n / Double(d), Double(d))) / (Double(d) - n)
                    assertRelative(point.variance!, variance, 1e-13, "variance d=\(d) n=\(n)")
                    assertRelative(point.bias!, 1.7 * 1.7 * (1 - fraction), 1e-13, "bias d=\(d) n=\(n)")
                    // alpha = exp(-L) turns an error of a few ulps in L = -log alpha
                    // into a relative error of a few L ulps.
                    let alpha = pow(fraction, Double(d))
                    assertRelative(point.alpha, alpha, 8 * Double.ulpOfOne * max(1, -log(alpha)), "alpha d=\(d) n=\(n)")
                }
            }
        }
    }

    /// Isotropic w* (equal coordinates in the eigenbasis) gives bias
    /// ||w*||^2 (1 - n/d) for any spectrum, since lambda sum 1/(s_i + lambda) = d - n.
    func testIsotropicWeightsBiasForAnySpectrum() throws {
        for spectrum in [SpectrumSpec.linear(50), .geometric(1e8), .powerlaw(2)] {
            let model = try TestModels.model(spectrum, d: 200, wnorm: 3)
            let calculator = ClosedFormCalculator(model: model)
            for n in [0.5, 20, 100, 199.9] {
                assertRelative(try calculator.evaluate(n: n).bias!, 9 * (1 - n / 200), 1e-12, "\(spectrum) n=\(n)")
            }
        }
    }

    /// A d = 3 case worked independently: lambda by bisection, alpha as a
    /// product, bias and variance straight from Theorem 1's first forms.
    func testSmallCaseByDirectComputation() throws {
        let s = [4.0, 1.0, 0.25]
        let path = try TestModels.temporaryFile(s.map { "\($0)" }.joined(separator: "\n"), suffix: ".txt")
        let weights = try TestModels.temporaryFile("0.3, -1.2, 0.5")
        let model = try TestModels.model(.file(path), d: nil, wstar: .file(weights), sigma: 0.7)
        let w = [0.3, -1.2, 0.5]
        for n in [0.2, 1.0, 1.5, 2.9] {
            var lo = 0.0, hi = 1e6
            for _ in 0..<200 {
                let mid = 0.5 * (lo + hi)
                if s.reduce(0, { $0 + $1 / ($1 + mid) }) > n { lo = mid } else { hi = mid }
            }
            let lambda = 0.5 * (lo + hi)
            let alpha = s.reduce(1) { $0 * $1 / ($1 + lambda) }
            let bias = lambda * zip(s, w).reduce(0) { $0 + $1.1 * $1.1 / ($1.0 + lambda) }
            let trace = s.reduce(0) { $0 + 1 / ($1 + lambda) }
            let variance = 0.49 * trace * (1 - alpha) / (3 - n)
            let point = try ClosedFormCalculator(model: model).evaluate(n: n)
            assertRelative(point.lambda!, lambda, 1e-13, "lambda n=\(n)")
            assertRelative(point.alpha, alpha, 1e-12, "alpha n=\(n)")
            assertRelative(point.bias!, bias, 1e-12, "bias n=\(n)")
            assertRelative(point.variance!, variance, 1e-12, "variance n=\(n)")
        }
        // n >= d: sigma^2 tr(Sigma^-1) (1 - e^-(n-d)) / (n - d), and sigma^2 tr(Sigma^-1) at n = d.
        let traceInverse = 0.25 + 1 + 4
        for n in [3.0, 3.5, 10] {
            let g = n - 3
            let factor = g == 0 ? 1 : (1 - exp(-g)) / g
            let point = try ClosedFormCalculator(model: model).evaluate(n: n)
            assertRelative(point.surrogateRisk!, 0.49 * traceInverse * factor, 1e-14, "n=\(n)")
            assertRelative(point.predictionRisk!, 0.49 * 3 * factor, 1e-14, "risk n=\(n)")
            XCTAssertEqual(point.bias, 0)
        }
    }

    /// The variance identity: surrogate variance = sigma^2/lambda - sigma^2 alpha/lambda,
    /// with alpha computed independently as the product of p_i (d small: no underflow).
    func testVarianceIdentityWithProductAlpha() throws {
        let model = try TestModels.model(.geometric(1e4), d: 30, wstar: .random(seed: 3), sigma: 1.3)
        let calculator = ClosedFormCalculator(model: model)
        for n in [1.0, 10, 25, 29.5, 29.999] {
            let point = try calculator.evaluate(n: n)
            let lambda = point.lambda!
            let alpha = model.eigenvalues.reduce(1) { $0 * $1 / ($1 + lambda) }
            assertRelative(point.variance!, 1.69 / lambda - 1.69 * alpha / lambda, 1e-11, "n=\(n)")
        }
    }

    /// Continuity at n = d from both sides, the n -> 0 limit ||w*||^2, and the
    /// large-n behaviour MSE (n - d) / (sigma^2 tr Sigma^-1) -> 1.
    func testLimits() throws {
        let model = try TestModels.model(.linear(20), d: 40, wstar: .random(seed: 9), wnorm: 2, sigma: 0.8)
        let calculator = ClosedFormCalculator(model: model)
        let atD = try calculator.evaluate(n: 40).surrogateRisk!
        assertRelative(atD, 0.64 * calculator.solver.traceInverse, 1e-15, "n = d")
        for epsilon in [1e-9, 1e-6] {
            assertRelative(try calculator.evaluate(n: 40 - epsilon).surrogateRisk!, atD, 10 * epsilon, "from below, eps=\(epsilon)")
            assertRelative(try calculator.evaluate(n: 40 + epsilon).surrogateRisk!, atD, 10 * epsilon, "from above, eps=\(epsilon)")
        }
        assertRelative(try calculator.evaluate(n: 1e-9).surrogateRisk!, 4, 1e-9, "n -> 0")
        let large = try calculator.evaluate(n: 140)
        assertRelative(large.surrogateRisk! * 100 / (0.64 * calculator.solver.traceInverse), 1, 1e-15, "n - d = 100")
    }

    /// d = 10^6 with condition number 1e12: everything finite, alpha underflows to 0.
    func testExtremeSpectrumHasNoNaN() throws {
        let model = try TestModels.model(.geometric(1e12), d: 1_000_000, wstar: .bottom)
        let calculator = ClosedFormCalculator(model: model)
        for n in [1e-9, 1, 5e5, 999_000, 999_999.999_999, 1_000_000, 1_000_000.5, 2e6] {
            let point = try calculator.evaluate(n: n)
            for value in [point.surrogateRisk!, point.bias!, point.variance!, point.alpha] {
                XCTAssert(value.isFinite && value >= 0, "n=\(n): \(point)")
            }
            if n < 999_000 { XCTAssertEqual(point.alpha, 0, "alpha underflows gracefully at n=\(n)") }
        }
    }
}
