@testable import DDModel
@testable import DDRandom
import Foundation

/// Small data sets and plain-Swift dense algebra for the finite-population tests: independent of
/// LAPACK, so the enumeration checks the library against a separate computation.
enum DataSetTestSupport {
    /// N rows of d features: uniform on [-1, 1] plus a shift of the first column, from a fixed seed
    /// (continuous entries, so the rows are distinct and in general position almost surely).
    static func rows(n: Int, d: Int, seed: UInt64) -> [[Double]] {
        var rng = RandomStream(seed: seed)
        return (0..<n).map { _ in (0..<d).map { j in 2 * rng.uniform() - 1 + (j == 0 ? 0.5 : 0) } }
    }

    static func population(n: Int, d: Int, seed: UInt64) throws -> FinitePopulation {
        try FinitePopulation(rows: rows(n: n, d: d, seed: seed), spec: .data("test"))
    }

    /// Determinant by Gaussian elimination with partial pivoting (1 for the empty matrix).
    static func determinant(_ matrix: [[Double]]) -> Double {
        var a = matrix
        let n = a.count
        var det = 1.0
        for c in 0..<n {
            let p = (c..<n).max { abs(a[$0][c]) < abs(a[$1][c]) }!
            if a[p][c] == 0 { return 0 }
            if p != c { a.swapAt(p, c); det = -det }
            det *= a[c][c]
            for r in (c + 1)..<max(n, c + 1) {
                let f = a[r][c] / a[c][c]
                for k in c..<n { a[r][k] -= f * a[c][k] }
            }
        }
        return det
    }

    /// The inverse by Gauss-Jordan elimination with partial pivoting.
    static func inverse(_ matrix: [[Double]]) -> [[Double]] {
        let n = matrix.count
        var a = matrix.enumerated().map { i, row in row + (0..<n).map { $0 == i ? 1.0 : 0.0 } }
        for c in 0..<n {
            let p = (c..<n).max { abs(a[$0][c]) < abs(a[$1][c]) }!
            a.swapAt(p, c)
            let pivot = a[c][c]
            for k in 0..<(2 * n) { a[c][k] /= pivot }
            for r in 0..<n where r != c {
                let f = a[r][c]
                if f != 0 { for k in 0..<(2 * n) { a[r][k] -= f * a[c][k] } }
            }
        }
        return a.map { Array($0[n...]) }
    }

    static func dot(_ a: [Double], _ b: [Double]) -> Double { zip(a, b).reduce(0) { $0 + $1.0 * $1.1 } }

    /// Gram matrix X X^T of the given rows.
    static func gram(_ rows: [[Double]]) -> [[Double]] { rows.map { a in rows.map { dot(a, $0) } } }

    /// Every subset of 0..<n with at most `maxSize` elements, as sorted index lists.
    static func subsets(of n: Int, maxSize: Int) -> [[Int]] {
        (0..<(1 << n)).compactMap { mask in
            guard mask.nonzeroBitCount <= maxSize else { return nil }
            return (0..<n).filter { mask & (1 << $0) != 0 }
        }
    }

    /// (probability, subset) for every subset with nonzero probability (|S| <= d), in plain Swift.
    static func lEnsemble(_ rows: [[Double]], lambda: Double) -> [(p: Double, subset: [Int])] {
        let n = rows.count, d = rows[0].count
        let scale = 1 / (lambda * Double(n))
        let l = gram(rows).map { $0.map { $0 * scale } }
        let identityPlusL = l.enumerated().map { i, row in row.enumerated().map { j, x in x + (i == j ? 1 : 0) } }
        let normaliser = determinant(identityPlusL)
        return subsets(of: n, maxSize: d).map { s in
            (determinant(s.map { i in s.map { l[i][$0] } }) / normaliser, s)
        }
    }
}
