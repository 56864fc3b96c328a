import DDLAPACKReference
@testable import DDLinearAlgebra
@testable import DDRandom
import XCTest

/// `MinNormSolver` and `PseudoInverseFactorization` (our own Householder QR, triangular solves and
/// Jacobi SVD) on tall, square and wide designs, with exactly repeated rows (the SVD path) and graded
/// columns: the Moore-Penrose identities, agreement with X^+ from LAPACK's dgesvd, the rank, and the
/// same bits whatever was solved before.
///
/// Bounds: the computed X^+ is within c m eps kappa_r ||X^+|| of the true one, kappa_r = sigma_1 /
/// sigma_r over the retained singular values (the QR and the SVD of T are backward stable, and the
/// pseudo-inverse of a rank-r matrix perturbs by kappa_r times the relative backward error; Wedin's
/// theorem, Higham, Accuracy and Stability, section 20.1). We take c = 4 m with m = max(K, d),
/// which covers the gamma_(mn) of the QR; the same bound serves for X X^+ X = X relative to ||X||.
final class PseudoInverseKernelTests: XCTestCase {
    /// X^+ column by column: X^+ e_i from one factorization.
    func pseudoInverse(_ x: TestMatrix) -> TestMatrix {
        let factorization = PseudoInverseFactorization(d: x.columns, maxRows: x.rows)
        factorization.factor(design: x.entries, rows: x.rows)
        var p = TestMatrix(rows: x.columns, columns: x.rows, entries: [Double](repeating: 0, count: x.rows * x.columns))
        for i in 0..<x.rows {
            var e = [Double](repeating: 0, count: x.rows), w = [Double](repeating: .nan, count: x.columns)
            e[i] = 1
            factorization.multiplyByPseudoInverse(e, into: &w)
            for j in 0..<x.columns { p[j, i] = w[j] }
        }
        return p
    }

    /// X^+ = V_r diag(1/sigma_r) U_r^T from dgesvd, r over the solver's rank tolerance.
    func referencePseudoInverse(_ x: TestMatrix) -> (pinv: TestMatrix, rank: Int, kappa: Double) {
        let (u, sigma, vt) = LAPACKReference.svd(x.entries, rows: x.rows, columns: x.columns)
        let p = min(x.rows, x.columns)
        let tolerance = PseudoInverseFactorization.rankTolerance(max(x.rows, x.columns)) * sigma[0]
        let r = sigma.prefix { $0 > tolerance }.count
        var pinv = TestMatrix(rows: x.columns, columns: x.rows, entries: [Double](repeating: 0, count: x.rows * x.columns))
        for i in 0..<x.columns {
            for j in 0..<x.rows {
                var s: Float80 = 0
                for l in 0..<r { s += Float80(vt[l + i * p]) * Float80(u[j + l * x.rows]) / Float80(sigma[l]) }
                pinv[i, j] = Double(s)
            }
        }
        return (pinv, r, r > 0 ? sigma[0] / sigma[r - 1] : 1)
    }

    /// A K x d design: `distinct` Gaussian rows with graded columns, repeated cyclically to K rows.
    func design(rows k: Int, columns d: Int, distinct: Int, grading: Double, _ rng: inout RandomStream) -> TestMatrix {
        let base = TestMatrix.gaussian(rows: distinct, columns: d, grading: grading, &rng)
        var x = TestMatrix(rows: k, columns: d, entries: [Double](repeating: 0, count: k * d))
        for i in 0..<k { for j in 0..<d { x[i, j] = base[i % distinct, j] } }
        return x
    }

    static let cases: [(k: Int, d: Int, distinct: Int, grading: Double)] = [
        (1, 1, 1, 1), (5, 1, 5, 1), (1, 6, 1, 1), (7, 7, 7, 1e6), (12, 5, 3, 1), (5, 12, 3, 1),
        (40, 17, 17, 1e6), (17, 40, 17, 1e6), (90, 60, 60, 1e6), (30, 100, 30, 1e6),
        (90, 60, 35, 1), (60, 90, 45, 1e3), (70, 70, 50, 1), (40, 120, 40, 1e6),
        (150, 100, 100, 1e6), (150, 100, 60, 1), (90, 100, 45, 1e3),
    ]

    func testMoorePenroseIdentitiesAndLAPACKAgreement() {
        var rng = RandomStream(seed: 51)
        for c in Self.cases {
            let x = design(rows: c.k, columns: c.d, distinct: c.distinct, grading: c.grading, &rng)
            let solver = MinNormSolver(d: c.d, maxRows: c.k)
            let pinv = pseudoInverse(x)
            let (want, rank, kappa) = referencePseudoInverse(x)
            let label = "K \(c.k), d \(c.d), distinct \(c.distinct), grading \(c.grading)"
            let s = [Double](repeating: 1, count: c.d), w = [Double](repeating: 0, count: c.d)
            XCTAssertEqual(solver.conditionalError(design: x.entries, rows: c.k, wstar: w, eigenvalues: s, sigma: 1).rank,
                           rank, label)
            let bound = 4 * Double(max(c.k, c.d)) * eps * kappa
            XCTAssertLessThanOrEqual((pinv - want).frobenius, bound * want.frobenius, label)
            // X X^+ X = X and X^+ X X^+ = X^+.
            let xpx = x.times(pinv).product.times(x).product
            XCTAssertLessThanOrEqual((xpx - x).frobenius, bound * x.frobenius, "X X^+ X, " + label)
            let pxp = pinv.times(x).product.times(pinv).product
            XCTAssertLessThanOrEqual((pxp - pinv).frobenius, bound * pinv.frobenius, "X^+ X X^+, " + label)
            // X^+ X and X X^+ symmetric.
            for product in [pinv.times(x).product, x.times(pinv).product] {
                XCTAssertLessThanOrEqual((product - product.transposed).frobenius, bound * Double(rank).squareRoot(), label)
            }
        }
    }

    /// A large problem, then a small one: the small one's bits are those of a fresh solver (d = 100,
    /// both shapes and the SVD path).
    func testSameBitsWhateverWasSolvedBefore() {
        var rng = RandomStream(seed: 52)
        let d = 100, s = (0..<d).map { _ in 0.5 + rng.uniform() }, wstar = (0..<d).map { _ in rng.normal() }
        let reused = MinNormSolver(d: d, maxRows: 10)
        for (k, distinct) in [(300, 300), (150, 150), (30, 30), (120, 70), (40, 20), (100, 100), (7, 7)] {
            let x = design(rows: k, columns: d, distinct: distinct, grading: 1e3, &rng)
            let fresh = MinNormSolver(d: d, maxRows: k)
            let got = reused.conditionalError(design: x.entries, rows: k, wstar: wstar, eigenvalues: s, sigma: 0.7)
            let want = fresh.conditionalError(design: x.entries, rows: k, wstar: wstar, eigenvalues: s, sigma: 0.7)
            XCTAssertEqual(got.parameterError.bitPattern, want.parameterError.bitPattern, "K \(k)")
            XCTAssertEqual(got.predictionRisk?.bitPattern, want.predictionRisk?.bitPattern, "K \(k)")
            XCTAssertEqual(got.rank, want.rank, "K \(k)")
        }
    }
}
