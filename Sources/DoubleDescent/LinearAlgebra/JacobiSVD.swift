/// The SVD of a small square matrix by one-sided Jacobi rotations (Hestenes; Demmel and Veselic,
/// "Jacobi's method is more accurate than QR", SIAM J. Matrix Anal. Appl. 13, 1992), in our own code
/// with a fixed operation order (README.md, "Own kernels, fixed order"). Used for the m x m factor
/// T of a rank-deficient design (`PseudoInverseFactorization`), where only the singular values
/// above the rank tolerance and their vectors are used.
///
/// A = T is rotated from the right, A <- A J, V <- V J, one pair of columns (p, q) at a time in
/// cyclic order (p < q, row by row), until every pair is orthogonal to
/// |a_p . a_q| <= sqrt(m) eps ||a_p|| ||a_q|| (the test of LAPACK's dgesvj) or 60 sweeps have run.
/// Then A = U diag(sigma) with sigma_j = ||a_j||, and T = U diag(sigma) V^T. The rotation that
/// makes a pair orthogonal is Rutishauser's: zeta = (||a_q||^2 - ||a_p||^2) / (2 a_p . a_q),
/// t = sign(zeta) / (|zeta| + sqrt(1 + zeta^2)), c = 1 / sqrt(1 + t^2), s = c t. One-sided Jacobi
/// computes every singular value to high relative accuracy when T is a well-conditioned matrix
/// times a diagonal scaling (a graded spectrum), as accurately as LAPACK's bidiagonal QR otherwise.
/// Cost: about 10 m^3 flops per sweep; a sweep count of 6 to 10 is typical.
package enum JacobiSVD {
    static let maximumSweeps = 60

    /// Decomposes the m x m `a` (column-major, leading dimension m; overwritten) into U (columns of
    /// `u`), the singular values in decreasing order (`singularValues`, ties by column index) and V
    /// (columns of `v`), each m x m with leading dimension m. A column of U whose singular value is
    /// 0 is 0.
    package static func decompose(_ a: UnsafeMutablePointer<Double>, order m: Int, u: UnsafeMutablePointer<Double>,
                                  singularValues sigma: UnsafeMutablePointer<Double>, v: UnsafeMutablePointer<Double>) {
        guard m > 0 else { return }
        withUnsafeTemporaryAllocation(of: Double.self, capacity: m * m) { rotations in
            let w = rotations.baseAddress!
            w.update(repeating: 0, count: m * m)
            for i in 0..<m { w[i + i * m] = 1 }
            let tolerance = Double(m).squareRoot() * .ulpOfOne
            for _ in 0..<maximumSweeps {
                var rotated = false
                for p in 0..<m {
                    for q in (p + 1)..<max(p + 1, m) {
                        let ap = a + p * m, aq = a + q * m
                        let gamma = Householder.dot(ap, aq, count: m)
                        guard gamma != 0 else { continue }
                        let alpha = Householder.dot(ap, ap, count: m), beta = Householder.dot(aq, aq, count: m)
                        guard abs(gamma) > tolerance * alpha.squareRoot() * beta.squareRoot() else { continue }
                        rotated = true
                        let zeta = (beta - alpha) / (2 * gamma), size = abs(zeta)
                        // For |zeta| > 1e150, sqrt(1 + zeta^2) is |zeta| to working precision.
                        let root = size > 1e150 ? size : (1 + zeta * zeta).squareRoot()
                        let t = (zeta >= 0 ? 1 : -1) / (size + root)
                        let c = 1 / (1 + t * t).squareRoot(), s = c * t
                        rotate(ap, aq, count: m, c: c, s: s)
                        rotate(w + p * m, w + q * m, count: m, c: c, s: s)
                    }
                }
                if !rotated { break }
            }
            withUnsafeTemporaryAllocation(of: Double.self, capacity: m) { norms in
                withUnsafeTemporaryAllocation(of: Int.self, capacity: m) { indices in
                    let norm = norms.baseAddress!, order = indices.baseAddress!
                    for j in 0..<m { norm[j] = Householder.dot(a + j * m, a + j * m, count: m).squareRoot() }
                    // Insertion sort by decreasing norm, stable (ties keep column order): no allocation.
                    for j in 0..<m {
                        var i = j
                        while i > 0 && norm[order[i - 1]] < norm[j] {
                            order[i] = order[i - 1]
                            i -= 1
                        }
                        order[i] = j
                    }
                    for j in 0..<m {
                        let source = order[j], s = norm[source]
                        sigma[j] = s
                        for i in 0..<m {
                            u[i + j * m] = s > 0 ? a[i + source * m] / s : 0
                            v[i + j * m] = w[i + source * m]
                        }
                    }
                }
            }
        }
    }

    /// [x, y] <- [c x - s y, s x + c y], entry by entry.
    @inline(__always)
    private static func rotate(_ x: UnsafeMutablePointer<Double>, _ y: UnsafeMutablePointer<Double>, count n: Int,
                               c: Double, s: Double) {
        for i in 0..<n {
            let xi = x[i], yi = y[i]
            x[i] = c * xi - s * yi
            y[i] = s * xi + c * yi
        }
    }
}
