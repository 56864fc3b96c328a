/// The thin singular value decomposition A = U diag(sv) W^T of a tall N x d matrix (N >= d), in Swift
/// with a fixed operation order, so that its bits depend only on the input: a Householder QR
/// A = Q [R; 0] (`TallQR`), then one-sided Jacobi (Hestenes) on the d x d R: plane rotations of
/// column pairs, R W = U_R diag(sv), until every pair is orthogonal to sqrt(d) eps relative, and
/// U = Q [U_R; 0]. Both steps are orthogonal transformations, so the values are backward stable:
/// |sv_hat_i - sv_i| <= p(d) eps sv_1 with p(d) = 2 d + 8 (`SymmetricEigen.errorFactor`; docs/MATH.md,
/// "Accuracy of computed spectra"). LAPACK's dgesdd is only a test and benchmark reference
/// (`LAPACKDecompositionReference`).
///
/// Signs are fixed: column j of W has its entry of largest magnitude (the first such) positive, and
/// column j of U has the matching sign, so U diag(sv) W^T is unchanged.
package struct ThinSVD {
    /// Singular values in descending order, length d.
    package let values: [Double]
    /// Column-major N x d with orthonormal columns: column j pairs with `values[j]` (a zero column
    /// for a zero singular value).
    package let left: [Double]
    /// Column-major d x d orthogonal W: column j pairs with `values[j]`.
    package let right: [Double]

    /// - Parameter matrix: column-major `rows` x `columns`, rows >= columns >= 1, finite.
    /// Throws `NumericalError` if the Jacobi sweeps do not converge.
    package init(columnMajor matrix: [Double], rows: Int, columns d: Int) throws {
        precondition(rows >= d && d >= 1 && matrix.count == rows * d)
        let qr = TallQR(columnMajor: matrix, rows: rows, columns: d)
        var g = qr.r
        var w = [Double](repeating: 0, count: d * d)
        for i in 0..<d { w[i * d + i] = 1 }
        try Self.orthogonalizeColumns(&g, size: d, accumulating: &w)
        let norms = Self.columnNorms(g, size: d)
        let order = SpectralOrder.descending(norms)
        values = order.map { norms[$0] }
        var top = [Double](repeating: 0, count: d * d), right = [Double](repeating: 0, count: d * d)
        for (j, source) in order.enumerated() {
            let column = w[(source * d)..<(source * d + d)]
            let sign = SpectralOrder.sign(makingLargestPositive: column)
            for (i, x) in column.enumerated() { right[j * d + i] = sign * x }
            let scale = norms[source] > 0 ? sign / norms[source] : 0
            for i in 0..<d { top[j * d + i] = scale * g[source * d + i] }
        }
        self.right = right
        left = qr.applyQ(toTop: top, columns: d)
    }

    /// The bound on the relative error of the smallest computed singular value, p(d) eps sv_1 / sv_d
    /// (`SymmetricEigen.errorFactor`), the largest over all of them. `values` descending and positive.
    package static func relativeErrorBound(_ values: [Double]) -> Double {
        SymmetricEigen.relativeErrorBound(values)
    }

    /// One-sided Jacobi on the columns of the column-major n x n g: cyclic sweeps over the pairs
    /// (p, q), p < q, by rows, rotating a pair (and the same columns of `w`) when
    /// |g_p . g_q| > sqrt(n) eps ||g_p|| ||g_q||, until a sweep rotates none. The rotation is the one
    /// that makes the pair orthogonal (Demmel, Applied Numerical Linear Algebra, 1997, Algorithm 5.12).
    static func orthogonalizeColumns(_ g: inout [Double], size n: Int, accumulating w: UnsafeMutablePointer<Double>) throws {
        let tolerance = Double(n).squareRoot() * Double.ulpOfOne
        try g.withUnsafeMutableBufferPointer { g in
            let g = g.baseAddress!
            for _ in 0..<60 {
                var rotated = false
                for p in 0..<n {
                    for q in (p + 1)..<max(n, p + 1) {
                        let x = g + p * n, y = g + q * n
                        let (alpha, beta, gamma) = LaneDot.gram(x, y, count: n)
                        guard gamma != 0, abs(gamma) > tolerance * alpha.squareRoot() * beta.squareRoot() else { continue }
                        rotated = true
                        let zeta = (beta - alpha) / (2 * gamma)
                        let t = Double(signOf: zeta, magnitudeOf: 1 / (abs(zeta) + LaneDot.hypot(1, zeta)))
                        let c = 1 / (1 + t * t).squareRoot(), s = c * t
                        rotate(x, y, c: c, s: s, count: n)
                        rotate(w + p * n, w + q * n, c: c, s: s, count: n)
                    }
                }
                if !rotated { return }
            }
            throw NumericalError(routine: "one-sided Jacobi", reason: "the singular value decomposition did not converge")
        }
    }

    /// (x, y) <- (c x - s y, s x + c y), element by element.
    @inline(__always)
    private static func rotate(_ x: UnsafeMutablePointer<Double>, _ y: UnsafeMutablePointer<Double>, c: Double, s: Double, count: Int) {
        for i in 0..<count {
            let a = x[i], b = y[i]
            x[i] = c * a - s * b
            y[i] = s * a + c * b
        }
    }

    static func columnNorms(_ g: [Double], size n: Int) -> [Double] {
        g.withUnsafeBufferPointer { g in (0..<n).map { LaneDot.of(g.baseAddress! + $0 * n, g.baseAddress! + $0 * n, count: n).squareRoot() } }
    }
}

extension ThinSVD {
    /// The singular values alone, in descending order (min(rows, columns) of them), of a column-major
    /// `rows` x `columns` matrix of any shape: the QR of `init`, then the singular values of R by
    /// bidiagonalization (`BidiagonalSingularValues`; Jacobi without vectors is 10 times slower at
    /// d = 1500). A wide matrix is transposed first.
    package static func singularValues(columnMajor matrix: [Double], rows: Int, columns: Int) throws -> [Double] {
        precondition(rows >= 1 && columns >= 1 && matrix.count == rows * columns)
        var tall = matrix, n = rows, d = columns
        if rows < columns {
            tall = [Double](repeating: 0, count: rows * columns)
            for j in 0..<columns {
                for i in 0..<rows { tall[i * columns + j] = matrix[j * rows + i] }
            }
            (n, d) = (columns, rows)
        }
        return try BidiagonalSingularValues.of(square: TallQR(columnMajor: tall, rows: n, columns: d).r, size: d)
    }
}
