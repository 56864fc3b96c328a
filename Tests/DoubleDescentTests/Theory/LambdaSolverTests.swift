@testable import DDModel
@testable import DDSampling
@testable import DDTheory
import XCTest

/// lambda_n against closed-form roots and against an independent extended
/// precision (Float80) Newton correction.
final class LambdaSolverTests: XCTestCase {
    /// Isotropic Sigma: d/(1 + lambda) = n, so lambda_n = d/n - 1.
    func testIsotropicRootIsExact() {
        for d in [1, 2, 7, 100, 1000] {
            let solver = LambdaSolver(eigenvalues: [Double](repeating: 1, count: d))
            for fraction in [1e-9, 0.01, 0.3, 0.5, 0.77, 0.999, 1 - 1e-9] {
                let n = fraction * Double(d)
                // (d - n)/n: d - n is exact here, so the reference does not cancel.
                assertRelative(solver.solve(n: n), (Double(d) - n) / n, 1e-13, "d=\(d) n=\(n)")
            }
        }
    }

    /// For a geometric spectrum s_i s_{d+1-i} = 1/K, so pairs of terms add to 1
    /// at lambda = 1/sqrt(K): lambda_{d/2} = 1/sqrt(K) exactly.
    func testGeometricMidpointRoot() throws {
        for (d, k) in [(100, 100.0), (1000, 1e12), (10, 4.0)] {
            let model = try TestModels.model(.geometric(k), d: d)
            let solver = LambdaSolver(eigenvalues: model.eigenvalues)
            assertRelative(solver.solve(n: Double(d) / 2), 1 / k.squareRoot(), 1e-13, "d=\(d) K=\(k)")
        }
    }

    /// The Newton correction computed independently in Float80 is below
    /// 1e-13 relative, for d from 1 to 10^6, condition numbers to 1e12 and n
    /// within 1e-9 of both ends.
    func testRelativeAccuracyAgainstExtendedPrecision() throws {
        let cases: [(SpectrumSpec, Int)] = [
            (.isotropic, 1), (.linear(10), 3), (.geometric(1e12), 50), (.powerlaw(1.5), 1000),
            (.geometric(1e12), 1_000_000), (.linear(1e12), 100_000),
        ]
        for (spectrum, d) in cases {
            let model = try TestModels.model(spectrum, d: d)
            let solver = LambdaSolver(eigenvalues: model.eigenvalues)
            let dd = Double(d)
            var ns = [1e-9, 0.5 * dd, dd - 1e-9, 0.999 * dd, 1e-3 * dd]
            if d > 1 { ns += [1, dd - 1] }
            for n in ns where n > 0 && n < dd {
                let lambda = solver.solve(n: n)
                let correction = Self.float80NewtonCorrection(model.eigenvalues, n: n, lambda: lambda)
                XCTAssertLessThan(abs(correction / lambda), 1e-13, "\(spectrum) d=\(d) n=\(n) lambda=\(lambda)")
            }
        }
    }

    /// Warm starts change the work, not the answer.
    func testWarmStartsAgreeWithColdStarts() throws {
        let model = try TestModels.model(.geometric(1e6), d: 500)
        let solver = LambdaSolver(eigenvalues: model.eigenvalues)
        for n in [3.0, 100, 250, 499.5] {
            let cold = solver.solve(n: n)
            for guess in [cold * 1e6, cold * 1.01, cold * 0.99, cold * 1e-6] {
                assertRelative(solver.solve(n: n, guess: guess), cold, 4e-16 * 8, "n=\(n) guess=\(guess)")
            }
        }
    }

    /// One Newton step in 64-bit extended precision from `lambda`, using the
    /// non-cancelling residual for n > d/2.
    static func float80NewtonCorrection(_ s: [Double], n: Double, lambda: Double) -> Double {
        let l = Float80(lambda)
        var df1: Float80 = 0, complement: Float80 = 0, derivative: Float80 = 0
        for value in s {
            let si = Float80(value)
            df1 += si / (si + l)
            complement += l / (si + l)
            derivative += si / ((si + l) * (si + l))
        }
        let residual = n > 0.5 * Double(s.count) ? complement - (Float80(s.count) - Float80(n)) : Float80(n) - df1
        return Double(-residual / derivative)
    }
}
