/// The singular values alone of a square matrix, in Swift with a fixed operation order
/// (`ThinSVD.singularValues`): Golub and Kahan's Householder bidiagonalization B = U^T R W, then the
/// eigenvalues of the 2n x 2n symmetric tridiagonal matrix with zero diagonal and off-diagonal
/// (a_1, b_1, a_2, b_2, ..., a_n), B's diagonal a and superdiagonal b interleaved, which are
/// +-sv_i (Golub and Van Loan, Matrix Computations, 4th ed., 2013, section 8.6.1), by
/// `SymmetricEigen.diagonalize` without vectors. Backward stable like `ThinSVD` (docs/MATH.md,
/// "Accuracy of computed spectra"); cost 8 n^3 / 3 flops, against about 12 n^3 per sweep of
/// one-sided Jacobi without vectors (8 to 10 sweeps).
enum BidiagonalSingularValues {
    /// The n singular values, descending, of the column-major n x n `r`.
    static func of(square r: [Double], size n: Int) throws -> [Double] {
        var a = r
        var diagonal = [Double](repeating: 0, count: n), superdiagonal = [Double](repeating: 0, count: n)
        a.withUnsafeMutableBufferPointer { a in
            let a = a.baseAddress!
            var row = [Double](repeating: 0, count: n), w = [Double](repeating: 0, count: n)
            for k in 0..<n {
                // Left: column k's rows k..n-1 to (a_k, 0, ...), applied to columns k+1..n-1.
                let tau = TallQR.reflector(a + k * n + k, count: n - k)
                diagonal[k] = a[k * n + k]
                for j in (k + 1)..<max(n, k + 1) { TallQR.reflect(a + k * n + k, tau, a + j * n + k, count: n - k) }
                guard k + 1 < n else { break }
                // Right: row k's columns k+1..n-1 to (b_k, 0, ...), applied to rows k+1..n-1 of
                // those columns as A <- A - tau (A v) v^T, column by column.
                let m = n - k - 1
                for j in 0..<m { row[j] = a[(k + 1 + j) * n + k] }
                let sigma = row.withUnsafeMutableBufferPointer { TallQR.reflector($0.baseAddress!, count: m) }
                superdiagonal[k] = row[0]
                row[0] = 1
                guard sigma != 0, k + 1 < n - 1 else { continue }
                let rows = n - k - 1
                for i in 0..<rows { w[i] = 0 }
                w.withUnsafeMutableBufferPointer { w in
                    for j in 0..<m { LaneDot.axpy(row[j], a + (k + 1 + j) * n + k + 1, w.baseAddress!, count: rows) }
                    for j in 0..<m { LaneDot.axpy(-sigma * row[j], w.baseAddress!, a + (k + 1 + j) * n + k + 1, count: rows) }
                }
            }
        }
        // The Golub-Kahan tridiagonal: zero diagonal, off-diagonal a_1, b_1, ..., a_n in e[1..<2n].
        var d = [Double](repeating: 0, count: 2 * n), e = [Double](repeating: 0, count: 2 * n)
        for k in 0..<n {
            e[2 * k + 1] = diagonal[k]
            if k + 1 < n { e[2 * k + 2] = superdiagonal[k] }
        }
        try SymmetricEigen.diagonalize(vectors: nil, n: 2 * n, d: &d, e: &e)
        // The n largest of the +-sv_i are the sv_i (an exactly zero sv_i may come out as -0 or a
        // rounding-level negative: its magnitude is kept).
        return d.sorted(by: >).prefix(n).map(abs).sorted(by: >)
    }
}
