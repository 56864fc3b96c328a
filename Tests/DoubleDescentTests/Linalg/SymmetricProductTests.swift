@testable import DDLinearAlgebra
import XCTest

/// `SymmetricProduct` gives, bit for bit, each entry's running sum over its terms (the definition in
/// its doc comment), whatever the tiling: sizes around multiples of four, term ranges per entry wider
/// than the entry's nonzeros (the extra terms exact zeros), and the subtracting form. `RidgeSolver`'s
/// Cholesky built on it reproduces A = L L^T.
final class SymmetricProductTests: XCTestCase {
    private var state: UInt64 = 11
    private func uniform() -> Double {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Double(state >> 11) / Double(1 << 53) * 2 - 1
    }

    func testEveryEntryIsItsOwnRunningSum() {
        for n in [1, 3, 4, 5, 8, 11, 13] {
            let m = n + 2, lda = n + 1
            // A lower triangular in its first n columns (zeros above the diagonal), dense after.
            var a = [Double](repeating: 0, count: lda * m)
            for q in 0..<m { for i in 0..<n where q >= n || i >= q { a[i + q * lda] = uniform() } }
            // Every column for every entry: a superset of its nonzero terms (past column j, A[j, q] = 0).
            let terms = { (_: Int, j: Int) in 0..<m }
            var s = [Double](repeating: .nan, count: n * n)
            a.withUnsafeBufferPointer { a in
                s.withUnsafeMutableBufferPointer { s in
                    SymmetricProduct.lowerTriangle(of: a.baseAddress!, lda: lda, n: n, into: s.baseAddress!, lds: n, terms: terms)
                }
            }
            for j in 0..<n {
                for i in j..<n {
                    // The entry's own nonzero terms only: q <= j and the dense columns.
                    var sum = 0.0
                    for q in Array(0...j) + Array(n..<m) { sum = sum + a[i + q * lda] * a[j + q * lda] }
                    XCTAssertEqual(s[i + j * n].bitPattern, sum.bitPattern, "n = \(n), entry (\(i), \(j))")
                }
                for i in 0..<j { XCTAssertTrue(s[i + j * n].isNaN, "n = \(n): the upper triangle is not written") }
            }
            // Subtracting the products of a column range from what the target holds.
            var t = [Double](repeating: 1.5, count: n * n)
            a.withUnsafeBufferPointer { a in
                t.withUnsafeMutableBufferPointer { t in
                    SymmetricProduct.lowerTriangle(of: a.baseAddress!, lda: lda, n: n, into: t.baseAddress!, lds: n,
                                                   columns: (n / 2)..<n, subtract: true, terms: terms)
                }
            }
            for j in 0..<n {
                for i in j..<n {
                    let expected = j >= n / 2 ? 1.5 - s[i + j * n] : 1.5
                    XCTAssertEqual(t[i + j * n].bitPattern, expected.bitPattern, "n = \(n), subtracted (\(i), \(j))")
                }
            }
        }
    }

    func testCholeskyReproducesTheMatrix() {
        for n in [1, 4, 6, 13, 30] {
            // A = B B^T + I, well conditioned.
            let b = (0..<(n * n)).map { _ in uniform() }
            var a = [Double](repeating: 0, count: n * n)
            for j in 0..<n {
                for i in 0..<n {
                    var sum = i == j ? 1.0 : 0
                    for q in 0..<n { sum += b[i + q * n] * b[j + q * n] }
                    a[i + j * n] = sum
                }
            }
            var l = a
            XCTAssertTrue(l.withUnsafeMutableBufferPointer { RidgeSolver.cholesky($0.baseAddress!, n) })
            let scale = a.reduce(0) { max($0, abs($1)) }
            for j in 0..<n {
                for i in j..<n {
                    var sum = 0.0
                    for q in 0...j { sum += l[i + q * n] * l[j + q * n] }
                    XCTAssertEqual(sum, a[i + j * n], accuracy: 1e-14 * Double(n) * scale, "n = \(n), (\(i), \(j))")
                }
            }
            var indefinite = a
            indefinite[(n - 1) * (n + 1)] = -1
            XCTAssertFalse(indefinite.withUnsafeMutableBufferPointer { RidgeSolver.cholesky($0.baseAddress!, n) })
        }
    }
}
