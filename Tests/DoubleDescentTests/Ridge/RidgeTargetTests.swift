@testable import DDRandom
@testable import DDRidge
@testable import DDSampling
import Foundation
import XCTest

/// The ridge target against independent computations in the original coordinates.
final class RidgeTargetTests: XCTestCase {
    /// A rotated covariance Q diag(s) Q^T (Q from a Haar draw) given as a file, w* given in original
    /// coordinates: the target must equal the solution of the dense system (Sigma + lambda I) w = Sigma w*,
    /// solved by Gaussian elimination with partial pivoting, and w* itself for n >= d.
    func testLinearTargetAgainstDenseSolve() throws {
        let s = [3.0, 1.2, 0.5, 0.05]
        let d = s.count
        let sigma = rotatedCovariance(s, seed: 3)
        let wstar = [0.4, -1.1, 0.25, 0.9]
        let covarianceFile = try TestModels.temporaryFile(
            (0..<d).map { i in (0..<d).map { j in "\(sigma[i][j])" }.joined(separator: ",") }.joined(separator: "\n"))
        let wstarFile = try TestModels.temporaryFile(wstar.map { "\($0)" }.joined(separator: ","))
        let model = try TestModels.model(.covariance(covarianceFile), d: nil, wstar: .file(wstarFile))
        XCTAssertNotNil(model.covariance.eigenvectors, "the test needs a non-diagonal Sigma")
        for n in [0.3, 1.0, 2.5, 3.9] {
            let target = try RidgeTarget(model: model, response: .linear, n: n)
            let lambda = try XCTUnwrap(target.lambda)
            // lambda_n independently: bisection on sum s/(s + lambda) = n.
            var lo = 0.0, hi = 1e6
            for _ in 0..<200 {
                let mid = 0.5 * (lo + hi)
                if s.reduce(0, { $0 + $1 / ($1 + mid) }) > n { lo = mid } else { hi = mid }
            }
            assertRelative(lambda, 0.5 * (lo + hi), 1e-12, "lambda n=\(n)")
            var a = sigma
            for i in 0..<d { a[i][i] += lambda }
            let rightSide = (0..<d).map { i in (0..<d).reduce(0.0) { $0 + sigma[i][$1] * wstar[$1] } }
            let expected = GaussianElimination.solve(a, rightSide)
            let scale = expected.map(abs).max()!
            for i in 0..<d { XCTAssertEqual(target.original[i], expected[i], accuracy: 1e-12 * scale, "n=\(n) i=\(i)") }
        }
        let unbiased = try RidgeTarget(model: model, response: .linear, n: 6)
        XCTAssertNil(unbiased.lambda)
        for i in 0..<d { XCTAssertEqual(unbiased.original[i], wstar[i], accuracy: 1e-13) }
    }

    /// tanh: E[x y] = E[x tanh(x^T w*)] by a plain Monte Carlo of 400000 Gaussian draws (no Stein, no
    /// quadrature) agrees with Sigma w* c coordinate by coordinate within 4.5 standard errors
    /// (a Bonferroni-safe bound for d = 3 coordinates), and the target is (Sigma + lambda I)^-1 of it.
    func testTanhCrossMomentAgainstMonteCarlo() throws {
        let model = try TestModels.model(.linear(4), d: 3, wstar: .random(seed: 9), wnorm: 1.5)
        let s = model.eigenvalues, w = model.wEigen
        let n = 1.4
        let target = try RidgeTarget(model: model, response: .tanh, n: n)
        let lambda = try XCTUnwrap(target.lambda)
        var rng = RandomStream(seed: 77, keys: [])
        let draws = 400_000
        var sums = [Double](repeating: 0, count: 3), squares = [Double](repeating: 0, count: 3)
        for _ in 0..<draws {
            let x = (0..<3).map { s[$0].squareRoot() * rng.normal() }
            let y = tanh(zip(x, w).reduce(0) { $0 + $1.0 * $1.1 })
            for i in 0..<3 {
                sums[i] += x[i] * y
                squares[i] += x[i] * y * x[i] * y
            }
        }
        for i in 0..<3 {
            let mean = sums[i] / Double(draws)
            let standardError = ((squares[i] / Double(draws) - mean * mean) / Double(draws - 1)).squareRoot()
            let stein = s[i] * w[i] * target.steinFactor
            XCTAssertEqual(mean, stein, accuracy: 4.5 * standardError, "E[x y]_\(i)")
            XCTAssertEqual(target.eigen[i], stein / (s[i] + lambda), accuracy: 1e-15 * abs(w[i]) + 1e-300)
        }
        XCTAssertLessThan(target.steinFactor, 1)
        XCTAssertGreaterThan(target.steinFactor, 0)
    }

    /// Q diag(s) Q^T with Q a Haar-random orthogonal matrix from Gram-Schmidt on Gaussian columns.
    private func rotatedCovariance(_ s: [Double], seed: UInt64) -> [[Double]] {
        let d = s.count
        var rng = RandomStream(seed: seed, keys: [])
        var q: [[Double]] = []
        while q.count < d {
            var v = (0..<d).map { _ in rng.normal() }
            for u in q {
                let dot = zip(u, v).reduce(0) { $0 + $1.0 * $1.1 }
                v = zip(v, u).map { $0 - dot * $1 }
            }
            let norm = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
            q.append(v.map { $0 / norm })
        }
        var sigma = [[Double]](repeating: [Double](repeating: 0, count: d), count: d)
        for i in 0..<d { for j in 0..<d { for k in 0..<d { sigma[i][j] += q[k][i] * s[k] * q[k][j] } } }
        for i in 0..<d { for j in 0..<i { sigma[i][j] = sigma[j][i] } }  // exactly symmetric
        return sigma
    }

}
