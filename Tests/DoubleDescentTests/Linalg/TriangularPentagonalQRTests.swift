import DDLAPACKReference
@testable import DDLinearAlgebra
@testable import DDRandom
import XCTest

/// `TriangularPentagonalQR` (our own code) on [A; V], A upper triangular k x k, V dense m x k:
/// identities of a QR (Q orthonormal, Q [R; 0] = [A; V]) and agreement with LAPACK's dtpqrt/dtpmqrt.
///
/// Bounds: Householder QR is normwise backward stable, ||[A; V] - Q R||_F <= gamma ||[A; V]||_F and
/// ||Q^T Q - I||_F <= gamma sqrt(k) with gamma = c (m + k) k u (Higham, Accuracy and Stability,
/// Thm 19.4 and its corollaries; we take c = 2, i.e. (m + k) k eps). Two backward-stable R differ
/// by at most about kappa(A) times that (Sun's perturbation bound for the QR factor), hence the
/// comparison with LAPACK scaled by kappa.
final class TriangularPentagonalQRTests: XCTestCase {
    static let shapes = [(1, 1), (1, 5), (5, 1), (3, 4), (4, 3), (10, 90), (50, 50), (90, 10), (7, 143), (120, 30)]

    struct Problem {
        let k: Int, m: Int
        var a: [Double], v: [Double]
        /// [A; V] as one (k + m) x k matrix.
        var stacked: TestMatrix {
            var s = TestMatrix(rows: k + m, columns: k, entries: [Double](repeating: 0, count: (k + m) * k))
            for j in 0..<k {
                for i in 0...j { s[i, j] = a[i + j * k] }
                for i in 0..<m { s[k + i, j] = v[i + j * m] }
            }
            return s
        }
    }

    func problem(k: Int, m: Int, grading: Double, _ rng: inout RandomStream) -> Problem {
        let g = TestMatrix.gaussian(rows: k + m, columns: k, grading: grading, &rng)
        var a = [Double](repeating: 0, count: k * k), v = [Double](repeating: 0, count: m * k)
        for j in 0..<k {
            for i in 0...j { a[i + j * k] = g[i, j] }
            for i in 0..<m { v[i + j * m] = g[k + i, j] }
        }
        return Problem(k: k, m: m, a: a, v: v)
    }

    /// Q [R; 0] = [A; V] and Q^T Q = I (Q applied to the identity's columns, then Q^T to each).
    func testFactorsReconstructAndQIsOrthonormal() {
        var rng = RandomStream(seed: 41)
        for (k, m) in Self.shapes {
            for grading in [1.0, 1e12] {
                let original = problem(k: k, m: m, grading: grading, &rng)
                var p = original, tau = [Double](repeating: 0, count: k)
                TriangularPentagonalQR.factor(triangle: &p.a, dense: &p.v, m: m, k: k, tau: &tau)
                let gamma = Double((m + k) * k) * eps
                // Q [R; 0].
                var top = p.a, bottom = [Double](repeating: 0, count: m * k)
                for j in 0..<k { for i in (j + 1)..<max(j + 1, k) { top[i + j * k] = 0 } }
                TriangularPentagonalQR.apply(toTop: &top, bottom: &bottom, columns: k, dense: p.v, m: m, k: k, tau: tau)
                let rebuilt = Problem(k: k, m: m, a: top, v: bottom).stacked
                // `top` is the full top block of Q [R; 0]; its strictly lower part must vanish as A's does.
                var error = (rebuilt - original.stacked).frobenius
                for j in 0..<k { for i in (j + 1)..<max(j + 1, k) { error = max(error, abs(top[i + j * k])) } }
                XCTAssertLessThanOrEqual(error, gamma * original.stacked.frobenius, "k \(k), m \(m), grading \(grading)")
                // Q^T Q = I, column by column of the identity of order k + m.
                var worst = 0.0
                for c in 0..<(k + m) {
                    var column = [Double](repeating: 0, count: k + m)
                    column[c] = 1
                    var t = Array(column[0..<k]), b = Array(column[k...])
                    TriangularPentagonalQR.apply(toTop: &t, bottom: &b, columns: 1, dense: p.v, m: m, k: k, tau: tau)
                    var q = t + b
                    TriangularPentagonalQR.applyTranspose(to: &q, dense: p.v, m: m, k: k, tau: tau)
                    for i in 0..<(k + m) { worst = max(worst, abs(q[i] - column[i])) }
                }
                XCTAssertLessThanOrEqual(worst, gamma, "Q^T Q, k \(k), m \(m)")
            }
        }
    }

    /// R and Q^T b against LAPACK's dtpqrt and dtpmqrt (same sign convention, so the same R up to
    /// rounding): within 2 gamma kappa ||[A; V]||_F, kappa the 2-norm condition number of [A; V].
    func testAgreesWithLAPACK() {
        var rng = RandomStream(seed: 42)
        for (k, m) in Self.shapes {
            for grading in [1.0, 1e6] {
                let original = problem(k: k, m: m, grading: grading, &rng)
                let b0 = (0..<(k + m)).map { _ in rng.normal() }
                var own = original, tau = [Double](repeating: 0, count: k), bOwn = b0
                TriangularPentagonalQR.factor(triangle: &own.a, dense: &own.v, m: m, k: k, tau: &tau)
                TriangularPentagonalQR.applyTranspose(to: &bOwn, dense: own.v, m: m, k: k, tau: tau)
                var reference = original, bReference = b0
                let lapack = LAPACKReference.PentagonalQR(m: m, k: k)
                lapack.factor(triangle: &reference.a, dense: &reference.v)
                lapack.applyTranspose(to: &bReference, dense: reference.v)
                let scale = original.stacked.frobenius, kappa = original.stacked.conditionNumber
                let bound = 2 * Double((m + k) * k) * eps * kappa
                let r = TestMatrix(rows: k, columns: k, entries: own.a), rRef = TestMatrix(rows: k, columns: k, entries: reference.a)
                XCTAssertLessThanOrEqual((r - rRef).frobenius, bound * scale, "R, k \(k), m \(m), grading \(grading)")
                let bNorm = TestMatrix(rows: k + m, columns: 1, entries: b0).frobenius
                let difference = TestMatrix(rows: k + m, columns: 1, entries: bOwn) - TestMatrix(rows: k + m, columns: 1, entries: bReference)
                XCTAssertLessThanOrEqual(difference.frobenius, bound * bNorm, "Q^T b, k \(k), m \(m), grading \(grading)")
            }
        }
    }
}
