import DDLAPACKReference
@testable import DDLinearAlgebra
@testable import DDRandom
import XCTest

/// `JacobiSVD`, `Cholesky` and `TridiagonalEigenvalues` (our own code) against identities and
/// against LAPACK (dgesvd, dpotrf/dpotrs, dstev).
final class SmallFactorizationTests: XCTestCase {
    /// U diag(sigma) V^T = A and U^T U = V^T V = I to 4 m eps (one-sided Jacobi is backward stable
    /// columnwise: Demmel and Veselic 1992, Thm 4.1, with a sweep count far below m); sigma within
    /// 4 m eps sigma_1 of dgesvd's (each is within a few m eps ||A|| of the truth, Weyl), exact zeros
    /// for exactly repeated columns in rank.
    func testJacobiSVD() {
        var rng = RandomStream(seed: 61)
        for (m, grading, repeats) in [(1, 1.0, false), (2, 1, false), (5, 1e12, false), (17, 1, true), (40, 1e12, false),
                                      (64, 1e6, true), (100, 1, false), (100, 1e12, true)] {
            var a = TestMatrix.gaussian(rows: m, columns: m, grading: grading, &rng)
            if repeats { for j in stride(from: 1, to: m, by: 3) { for i in 0..<m { a[i, j] = a[i, j - 1] } } }
            var work = a.entries
            var u = [Double](repeating: 0, count: m * m), v = u, sigma = [Double](repeating: 0, count: m)
            JacobiSVD.decompose(&work, order: m, u: &u, singularValues: &sigma, v: &v)
            let reference = LAPACKReference.svd(a.entries, rows: m, columns: m).sigma
            let label = "m \(m), grading \(grading), repeats \(repeats)"
            let bound = 4 * Double(m) * eps
            for i in 0..<m {
                XCTAssertLessThanOrEqual(abs(sigma[i] - reference[i]), bound * reference[0], label)
                if i > 0 { XCTAssertLessThanOrEqual(sigma[i], sigma[i - 1], "decreasing, " + label) }
            }
            var us = TestMatrix(rows: m, columns: m, entries: u)
            for j in 0..<m { for i in 0..<m { us[i, j] *= sigma[j] } }
            let vm = TestMatrix(rows: m, columns: m, entries: v)
            XCTAssertLessThanOrEqual((us.times(vm.transposed).product - a).frobenius, bound * a.frobenius, label)
            XCTAssertLessThanOrEqual((vm.transposed.times(vm).product - .identity(m)).frobenius, bound * Double(m).squareRoot(),
                                     label)
            // U's columns with sigma above the rank tolerance are orthonormal to bound * sigma_1 / sigma_j.
            let r = sigma.prefix { $0 > PseudoInverseFactorization.rankTolerance(m) * sigma[0] }.count
            let um = TestMatrix(rows: m, columns: m, entries: u)
            let gram = um.transposed.times(um).product
            for i in 0..<r {
                for j in 0..<r {
                    XCTAssertLessThanOrEqual(abs(gram[i, j] - (i == j ? 1 : 0)), bound * sigma[0] / sigma[max(i, j)], label)
                }
            }
        }
    }

    /// ||S x - b|| <= 4 d eps ||S||_F ||x|| (Cholesky is backward stable: Higham Thm 10.4, gamma_(3d+1)
    /// with eps = 2u covered by 4 d), agreement with dpotrs to 8 d eps kappa_F ||x||, and nil for a
    /// singular or indefinite S.
    func testCholesky() {
        var rng = RandomStream(seed: 62)
        for (d, grading) in [(1, 1.0), (2, 1), (7, 1e3), (30, 1), (60, 1e4)] {
            let g = TestMatrix.gaussian(rows: 2 * d, columns: d, grading: grading, &rng)
            let s = g.transposed.times(g).product
            let b = (0..<d).map { _ in rng.normal() }
            guard let x = Cholesky.solve(s.entries, b, relativePivotFloor: 1e-12),
                  let want = LAPACKReference.choleskySolve(s.entries, b) else { return XCTFail("d \(d): not positive definite") }
            let xm = TestMatrix(rows: d, columns: 1, entries: x)
            let residual = (s.times(xm).product - TestMatrix(rows: d, columns: 1, entries: b)).frobenius
            XCTAssertLessThanOrEqual(residual, 4 * Double(d) * eps * s.frobenius * xm.frobenius, "d \(d)")
            let inverse = (0..<d).map { i -> [Double] in
                var e = [Double](repeating: 0, count: d)
                e[i] = 1
                return Cholesky.solve(s.entries, e, relativePivotFloor: 0)!
            }
            let kappa = s.frobenius * TestMatrix(rows: d, columns: d, entries: inverse.flatMap { $0 }).frobenius
            let difference = (xm - TestMatrix(rows: d, columns: 1, entries: want)).frobenius
            XCTAssertLessThanOrEqual(difference, 8 * Double(d) * eps * kappa * xm.frobenius, "d \(d)")
        }
        XCTAssertNil(Cholesky.solve([1, 1, 1, 1], [1, 1], relativePivotFloor: 1e-7), "singular")
        XCTAssertNil(Cholesky.solve([1, 2, 2, 1], [1, 1], relativePivotFloor: 1e-7), "indefinite")
        XCTAssertNil(Cholesky.solve([1, 0, 0, 1e-20], [1, 1], relativePivotFloor: 1e-7), "below the pivot floor")
    }

    /// Eigenvalues within 4 n eps ||T||_F of dstev's (both backward stable, Weyl), on random and
    /// graded matrices and the Laguerre matrices of the Gauss-Hermite rule; the sum equals the trace.
    func testTridiagonalEigenvalues() {
        var rng = RandomStream(seed: 63)
        var cases: [(diagonal: [Double], off: [Double])] = [([3], []), ([1, 1], [1]), ([0, 0, 0], [0, 0])]
        for n in [2, 5, 30, 100] {
            cases.append(((0..<n).map { _ in rng.normal() }, (1..<n).map { _ in rng.normal() }))
            cases.append(((0..<n).map { pow(10, 12 * Double($0) / Double(n)) }, (1..<n).map { pow(10, 6 * Double($0) / Double(n)) }))
            let a = 0.5
            cases.append(((0..<n).map { 2 * Double($0) + a + 1 }, (1..<n).map { (Double($0) * (Double($0) + a)).squareRoot() }))
        }
        for (diagonal, off) in cases {
            guard let got = TridiagonalEigenvalues.of(diagonal: diagonal, offDiagonal: off),
                  let want = LAPACKReference.tridiagonalEigenvalues(diagonal: diagonal, offDiagonal: off) else {
                return XCTFail("no convergence, n \(diagonal.count)")
            }
            let n = diagonal.count
            let norm = (diagonal.reduce(0) { $0 + $1 * $1 } + 2 * off.reduce(0) { $0 + $1 * $1 }).squareRoot()
            for i in 0..<n {
                XCTAssertLessThanOrEqual(abs(got[i] - want[i]), 4 * Double(n) * eps * norm, "n \(n), value \(i)")
            }
            XCTAssertLessThanOrEqual(abs(got.reduce(0, +) - diagonal.reduce(0, +)), 4 * Double(n) * eps * norm, "trace, n \(n)")
        }
    }
}
