import DDLAPACKReference
@testable import DDLinearAlgebra
import XCTest

/// `SymmetricEigen` (Householder tridiagonalization and implicit QL) against LAPACK's dsyevd and
/// against identities that need no LAPACK. Every tolerance comes from the stated bound
/// |s_hat_i - s_i| <= p(d) eps s_1, p(d) = 2 d + 8 (`SymmetricEigen.errorFactor`; docs/MATH.md,
/// "Accuracy of computed spectra"): two solvers within it agree to 2 p(d) eps ||A||; the entries of
/// A V - V diag(s) and of V^T V - I are at most p(d) eps ||A|| (and p(d) eps) from the solver plus
/// as much again from rounding the d-term sums that form them in the test.
final class SymmetricEigenTests: XCTestCase {
    let eps = Double.ulpOfOne

    /// Random symmetric (Gaussian entries), graded (D G D with D_ii = 10^(-4 i / d)) and repeated
    /// eigenvalues (Q diag(1, 1, 1, 2, 2, ...) Q^T), d = 1 ... 300.
    func testAgreesWithLAPACKAndItsOwnIdentities() throws {
        var random = MatrixRandom(seed: 21)
        for d in [1, 2, 3, 5, 8, 17, 64, 150, 300] {
            let g = random.normals(d * d)
            var symmetric = [Double](repeating: 0, count: d * d), graded = symmetric
            for i in 0..<d {
                for j in 0..<d {
                    let value = 0.5 * (g[j * d + i] + g[i * d + j])
                    symmetric[j * d + i] = value
                    graded[j * d + i] = value * pow(10, -4 * Double(i + j) / Double(d))
                }
            }
            let q = random.orthonormalColumns(rows: d, columns: d)
            let repeated = scaledProduct(q, rows: d, (0..<d).map { Double(1 + $0 / 3) }, q, columns: d)
            for (name, a) in [("random", symmetric), ("graded", graded), ("repeated", repeated)] {
                let eigen = try SymmetricEigen(symmetric: a, dimension: d)
                let reference = try XCTUnwrap(LAPACKDecompositionReference.symmetricEigen(a, dimension: d))
                let norm = max(abs(eigen.values.first!), abs(eigen.values.last!))
                let bound = SymmetricEigen.errorFactor(dimension: d) * eps * norm
                let label = "\(name), d = \(d)"
                XCTAssertEqual(eigen.values, eigen.values.sorted(by: >), label)
                XCTAssertLessThanOrEqual(maxAbsDifference(eigen.values, reference.values), 2 * bound, label)
                let residual = multiply(a, eigen.vectors, d).enumerated().map { index, x in
                    x - eigen.vectors[index] * eigen.values[index / d]
                }
                XCTAssertLessThanOrEqual(residual.map(abs).max()!, 2 * bound, label)
                XCTAssertLessThanOrEqual(orthogonalityError(eigen.vectors, eigen.vectors, rows: d, columns: d),
                                         2 * SymmetricEigen.errorFactor(dimension: d) * eps, label)
            }
        }
    }

    /// Sigma = Q diag(s) Q^T with a known geometric s (s_1 = 1, s_d = 1 / kappa), kappa = 1e2 ... 1e12:
    /// every s_i is recovered to relative error 2 p(d) eps s_1 / s_i (the solver's bound p(d) eps s_1,
    /// plus as much again for rounding Sigma's entries when forming it).
    func testRecoversAKnownSpectrumToTheStatedBound() throws {
        var random = MatrixRandom(seed: 7)
        for d in [12, 60] {
            let q = random.orthonormalColumns(rows: d, columns: d)
            for decades in stride(from: 2, through: 12, by: 2) {
                let kappa = pow(10, Double(decades))
                let s = (0..<d).map { pow(kappa, -Double($0) / Double(d - 1)) }
                let eigen = try SymmetricEigen(symmetric: scaledProduct(q, rows: d, s, q, columns: d), dimension: d)
                for i in 0..<d {
                    XCTAssertLessThanOrEqual(abs(eigen.values[i] - s[i]) / s[i], 2 * SymmetricEigen.errorFactor(dimension: d) * eps * s[0] / s[i],
                                             "d = \(d), kappa = \(kappa), i = \(i)")
                }
                let stated = SymmetricEigen.errorFactor(dimension: d) * eps * kappa
                XCTAssertEqual(SymmetricEigen.relativeErrorBound(s), stated, accuracy: 1e-12 * stated)
            }
        }
    }

    /// Repeated calls give the same bits; each eigenvector's largest entry is positive.
    func testIsDeterministicWithFixedSigns() throws {
        var random = MatrixRandom(seed: 3)
        let d = 40
        let g = random.normals(d * d)
        let a = (0..<(d * d)).map { 0.5 * (g[$0] + g[($0 % d) * d + $0 / d]) }
        let first = try SymmetricEigen(symmetric: a, dimension: d), second = try SymmetricEigen(symmetric: a, dimension: d)
        XCTAssertEqual(first.values.map(\.bitPattern), second.values.map(\.bitPattern))
        XCTAssertEqual(first.vectors.map(\.bitPattern), second.vectors.map(\.bitPattern))
        for j in 0..<d {
            let column = first.vectors[(j * d)..<(j * d + d)]
            XCTAssertEqual(column.max { abs($0) < abs($1) }!.sign, .plus, "column \(j)")
        }
    }

    /// A B for column-major d x d A and B.
    private func multiply(_ a: [Double], _ b: [Double], _ d: Int) -> [Double] {
        scaledProduct(a, rows: d, [Double](repeating: 1, count: d), transpose(b, d), columns: d)
    }

    private func transpose(_ a: [Double], _ d: Int) -> [Double] {
        (0..<(d * d)).map { a[($0 % d) * d + $0 / d] }
    }
}
