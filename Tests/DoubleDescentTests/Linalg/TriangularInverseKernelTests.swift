import DDLAPACKReference
@testable import DDLinearAlgebra
@testable import DDRandom
import XCTest

/// `TriangularInverse` (our own code): its bits are those of the entrywise definition, its residual
/// meets the forward-substitution bound, and it agrees with LAPACK's dtrtri route.
final class TriangularInverseKernelTests: XCTestCase {
    static let sizes = [1, 2, 3, 4, 5, 7, 8, 9, 12, 13, 17, 31, 32, 33, 64, 100, 101, 150]

    /// A random lower-triangular n x n (leading dimension ld), diagonal graded from 1 down to
    /// 1/grading, the other triangle filled with NaN (it must never be read or written).
    func lower(_ n: Int, ld: Int, grading: Double, _ rng: inout RandomStream) -> [Double] {
        var a = [Double](repeating: .nan, count: ld * n)
        for j in 0..<n {
            let scale = n > 1 ? pow(grading, -Double(j) / Double(n - 1)) : 1
            a[j + j * ld] = (1 + abs(rng.normal())) * scale
            for i in (j + 1)..<max(j + 1, n) { a[i + j * ld] = rng.normal() * scale }
        }
        return a
    }

    /// X[i, c] = (delta_ic - sum_{k=c}^{i-1} L[i, k] X[k, c]) * (1 / L[i, i]), one entry at a time.
    func entrywise(_ l: [Double], n: Int, ld: Int) -> [Double] {
        var x = l
        for c in 0..<n {
            for i in c..<n {
                var sum = 0.0
                for k in c..<i { sum = sum + l[i + k * ld] * x[k + c * ld] }
                x[i + c * ld] = ((i == c ? 1 : 0) - sum) * (1 / l[i + i * ld])
            }
        }
        return x
    }

    func transpose(_ a: [Double], n: Int, ld: Int) -> [Double] {
        var t = a
        for j in 0..<n {
            for i in 0..<n { t[i + j * ld] = a[j + i * ld] }
        }
        return t
    }

    /// Bit for bit the entrywise definition (so the blocking changes nothing), for both triangles,
    /// sizes around every tile boundary, a leading dimension above n; the other triangle untouched.
    func testBitsAreTheEntrywiseForwardSubstitution() {
        var rng = RandomStream(seed: 31)
        for n in Self.sizes {
            let ld = n + 3
            let l = lower(n, ld: ld, grading: 1e6, &rng)
            var got = l
            got.withUnsafeMutableBufferPointer { TriangularInverse.invert($0.baseAddress!, n: n, ld: ld, upper: false) }
            XCTAssertEqual(got.map(\.bitPattern), entrywise(l, n: n, ld: ld).map(\.bitPattern), "lower n = \(n)")
            // Upper: U = L^T, U^-1 = ((U^T)^-1)^T.
            let u = transpose(l, n: n, ld: ld)
            var upper = u
            upper.withUnsafeMutableBufferPointer { TriangularInverse.invert($0.baseAddress!, n: n, ld: ld, upper: true) }
            XCTAssertEqual(upper.map(\.bitPattern), transpose(entrywise(l, n: n, ld: ld), n: n, ld: ld).map(\.bitPattern),
                           "upper n = \(n)")
            for j in 0..<n {
                for i in 0..<j {
                    XCTAssertTrue(got[i + j * ld].isNaN && upper[j + i * ld].isNaN, "other triangle written, n = \(n)")
                }
            }
        }
    }

    /// |L X - I| <= (n + 2) eps |L| |X| entrywise: forward substitution's backward error bound
    /// (Higham, Accuracy and Stability, Thm 8.5: (L + dL) x_c = e_c, |dL| <= gamma_n |L|), with one
    /// more rounding for multiplying by 1 / L_ii instead of dividing (eps = 2u, so (n + 2) eps
    /// covers gamma_(n+2)). Holds at any grading; checked with diagonals graded to 1e12.
    func testResidualMeetsTheForwardSubstitutionBound() {
        var rng = RandomStream(seed: 32)
        for n in Self.sizes {
            for grading in [1.0, 1e12] {
                var l = lower(n, ld: n, grading: grading, &rng)
                for j in 0..<n { for i in 0..<j { l[i + j * n] = 0 } }
                var x = l
                x.withUnsafeMutableBufferPointer { TriangularInverse.invert($0.baseAddress!, n: n, ld: n, upper: false) }
                let (product, magnitude) = TestMatrix(rows: n, columns: n, entries: l)
                    .times(TestMatrix(rows: n, columns: n, entries: x))
                let residual = product - .identity(n)
                for i in 0..<(n * n) {
                    XCTAssertLessThanOrEqual(abs(residual.entries[i]), Double(n + 2) * eps * magnitude.entries[i],
                                             "n = \(n), grading \(grading), entry \(i)")
                }
            }
        }
    }

    /// Against LAPACK (dtrtri and dtrmm): both are backward stable in the sense above, so each is
    /// within (n + 2) eps kappa(L) ||X|| of the true inverse (kappa the Frobenius condition number
    /// ||L||_F ||X||_F): they differ by at most twice that.
    func testAgreesWithLAPACK() {
        var rng = RandomStream(seed: 33)
        for n in Self.sizes {
            for (grading, upper) in [(1.0, false), (1e12, false), (1.0, true), (1e6, true)] {
                var l = lower(n, ld: n, grading: grading, &rng)
                for j in 0..<n { for i in 0..<j { l[i + j * n] = 0 } }
                let a = upper ? transpose(l, n: n, ld: n) : l
                var got = a, want = a
                got.withUnsafeMutableBufferPointer { TriangularInverse.invert($0.baseAddress!, n: n, ld: n, upper: upper) }
                want.withUnsafeMutableBufferPointer {
                    LAPACKReference.invertTriangular($0.baseAddress!, n: n, ld: n, upper: upper)
                }
                let x = TestMatrix(rows: n, columns: n, entries: want)
                let kappa = TestMatrix(rows: n, columns: n, entries: a).frobenius * x.frobenius
                let difference = (TestMatrix(rows: n, columns: n, entries: got) - x).frobenius
                XCTAssertLessThanOrEqual(difference, 2 * Double(n + 2) * eps * kappa * x.frobenius,
                                         "n = \(n), grading \(grading), upper \(upper)")
            }
        }
    }
}
