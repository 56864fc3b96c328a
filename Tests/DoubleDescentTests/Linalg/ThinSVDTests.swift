import DDLAPACKReference
@testable import DDLinearAlgebra
import XCTest

/// `ThinSVD` (Householder QR, then one-sided Jacobi on R) against LAPACK's dgesdd and against
/// identities that need no LAPACK. Tolerances come from the stated bound
/// |sv_hat_i - sv_i| <= p(d) eps sv_1, p(d) = 2 d + 8 (`SymmetricEigen.errorFactor`; docs/MATH.md,
/// "Accuracy of computed spectra"): two solvers within it agree to 2 p(d) eps sv_1; the entries of
/// U diag(sv) W^T - A, U^T U - I and W^T W - I are at most p(d) eps sv_1 (p(d) eps) from the
/// decomposition plus as much again from rounding the sums that form them in the test.
final class ThinSVDTests: XCTestCase {
    let eps = Double.ulpOfOne

    /// Tall Gaussian, rank-deficient (a product through r = d / 2 columns) and with repeated rows
    /// (every row twice), N x d for d = 1 ... 120.
    func testAgreesWithLAPACKAndItsOwnIdentities() throws {
        var random = MatrixRandom(seed: 5)
        for (n, d) in [(1, 1), (3, 1), (2, 2), (7, 3), (30, 8), (50, 40), (400, 120)] {
            let tall = random.normals(n * d)
            let r = max(1, d / 2)
            let deficient = scaledProduct(random.normals(n * r), rows: n, [Double](repeating: 1, count: r), random.normals(d * r), columns: d)
            let half = (n + 1) / 2, rows = random.normals(half * d)
            let repeatedRows = (0..<(n * d)).map { rows[($0 / n) * half + ($0 % n) % half] }
            for (name, a, fullRank) in [("tall", tall, true), ("rank-deficient", deficient, d == 1), ("repeated rows", repeatedRows, half >= d)] {
                let svd = try ThinSVD(columnMajor: a, rows: n, columns: d)
                let reference = try XCTUnwrap(LAPACKDecompositionReference.thinSVD(a, rows: n, columns: d))
                let p = SymmetricEigen.errorFactor(dimension: d)
                let bound = p * eps * svd.values[0]
                let label = "\(name), \(n) x \(d)"
                XCTAssertEqual(svd.values, svd.values.sorted(by: >), label)
                XCTAssertLessThanOrEqual(maxAbsDifference(svd.values, reference.values), 2 * bound, label)
                let rebuilt = scaledProduct(svd.left, rows: n, svd.values, svd.right, columns: d)
                XCTAssertLessThanOrEqual(maxAbsDifference(rebuilt, a), 2 * bound, label)
                XCTAssertLessThanOrEqual(orthogonalityError(svd.right, svd.right, rows: d, columns: d), 2 * p * eps, label)
                if fullRank {
                    XCTAssertLessThanOrEqual(orthogonalityError(svd.left, svd.left, rows: n, columns: d), 2 * p * eps, label)
                }
                let values = try ThinSVD.singularValues(columnMajor: a, rows: n, columns: d)
                XCTAssertEqual(values, values.sorted(by: >), "values alone, \(label)")
                XCTAssertLessThanOrEqual(maxAbsDifference(values, reference.values), 2 * bound, "values alone, \(label)")
            }
        }
    }

    /// A = U_0 diag(sv) W_0^T with orthonormal U_0 (N x d), W_0 (d x d) from Householder products and a
    /// geometric sv (sv_1 = 1, sv_d = 1 / kappa), kappa = 1e2 ... 1e12: every sv_i is recovered to
    /// relative error 2 p(d) eps sv_1 / sv_i (the bound, plus as much for rounding A when forming it).
    func testRecoversKnownSingularValuesToTheStatedBound() throws {
        var random = MatrixRandom(seed: 11)
        for (n, d) in [(20, 12), (150, 60)] {
            let u = random.orthonormalColumns(rows: n, columns: d), w = random.orthonormalColumns(rows: d, columns: d)
            for decades in stride(from: 2, through: 12, by: 2) {
                let kappa = pow(10, Double(decades))
                let sv = (0..<d).map { pow(kappa, -Double($0) / Double(d - 1)) }
                let a = scaledProduct(u, rows: n, sv, w, columns: d)
                for values in [try ThinSVD(columnMajor: a, rows: n, columns: d).values,
                               try ThinSVD.singularValues(columnMajor: a, rows: n, columns: d)] {
                    for i in 0..<d {
                        XCTAssertLessThanOrEqual(abs(values[i] - sv[i]) / sv[i], 2 * SymmetricEigen.errorFactor(dimension: d) * eps * sv[0] / sv[i],
                                                 "\(n) x \(d), kappa = \(kappa), i = \(i)")
                    }
                }
            }
        }
    }

    /// A wide matrix has the singular values of its transpose; repeated calls give the same bits;
    /// each right singular vector's largest entry is positive.
    func testWideShapesDeterminismAndSigns() throws {
        var random = MatrixRandom(seed: 13)
        let n = 30, d = 9
        let a = random.normals(n * d)
        let transposed = (0..<(n * d)).map { a[($0 % d) * n + $0 / d] }
        XCTAssertEqual(try ThinSVD.singularValues(columnMajor: transposed, rows: d, columns: n),
                       try ThinSVD.singularValues(columnMajor: a, rows: n, columns: d))
        let first = try ThinSVD(columnMajor: a, rows: n, columns: d), second = try ThinSVD(columnMajor: a, rows: n, columns: d)
        XCTAssertEqual(first.left.map(\.bitPattern), second.left.map(\.bitPattern))
        XCTAssertEqual(first.right.map(\.bitPattern), second.right.map(\.bitPattern))
        for j in 0..<d {
            let column = first.right[(j * d)..<(j * d + d)]
            XCTAssertEqual(column.max { abs($0) < abs($1) }!.sign, .plus, "column \(j)")
        }
    }
}
