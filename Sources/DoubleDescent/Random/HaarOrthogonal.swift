/// Haar (uniform) random orthogonal matrices on O(k).
///
/// Stewart ("The efficient generation of random orthogonal matrices with an application to condition
/// estimators", SIAM J. Numer. Anal. 17(3), 1980): Householder QR of a k x k standard Gaussian matrix G
/// reduces column j, after the earlier reflections, to a fresh Gaussian vector x_j in R^(k-j), independent
/// of the past. Hence Q = H_1 H_2 ... H_(k-1) D, where H_j is the reflection taking x_j to -s_j |x_j| e_1
/// (s_j the sign of its first entry) and D = diag(-s_1, ..., -s_(k-1), s_k) makes R's diagonal positive,
/// is exactly Haar: it is G's orthogonal factor with the normalisation that makes the factorisation
/// unique, and G's law is invariant under left multiplication by any orthogonal matrix. Its transpose
/// D H_(k-1) ... H_1, which is also Haar, is what is applied here, so that each reflection is used as soon
/// as it is drawn and only one Householder vector is ever stored.
package enum HaarOrthogonal {
    /// Overwrites the top k rows of `matrix` (column-major, `columns` columns, leading dimension
    /// `leadingDimension`, k by default) with Q times them,
    /// Q ~ Haar on O(k), using k-1 random Householder reflections plus a random sign (Stewart 1980):
    /// O(k^2 * columns) work, no allocation; `scratch` must hold k doubles.
    package static func multiplyLeft(
        _ matrix: UnsafeMutablePointer<Double>, k: Int, columns: Int, leadingDimension: Int? = nil,
        scratch: UnsafeMutablePointer<Double>, using rng: inout RandomStream
    ) {
        precondition(k >= 1 && columns >= 0, "multiplyLeft needs k >= 1 and columns >= 0")
        let ld = leadingDimension ?? k
        precondition(ld >= k, "multiplyLeft needs leadingDimension >= k")
        for j in 0 ..< k - 1 {
            let m = k - j
            let x = UnsafeMutableBufferPointer(start: scratch, count: m)
            var normSquared = 0.0
            repeat {  // x = 0 has probability below 2^-100; redrawing keeps the law exact.
                rng.fillNormal(x)
                normSquared = x.reduce(0) { $0 + $1 * $1 }
            } while normSquared == 0
            let norm = normSquared.squareRoot()
            let s: Double = x[0] < 0 ? -1 : 1
            // H = I - beta w w^T with w = x + s |x| e_1 and beta = 2 / |w|^2 = 1 / (|x| (|x| + |x_1|)).
            let beta = 1 / (norm * (norm + abs(x[0])))
            x[0] += s * norm
            for c in 0 ..< columns {
                let column = matrix + c * ld + j
                var dot = 0.0
                for i in 0 ..< m { dot += x[i] * column[i] }
                let scale = beta * dot
                for i in 0 ..< m { column[i] -= scale * x[i] }
                column[0] *= -s  // row j is final after H_j: apply D_jj = -s_j now.
            }
        }
        let lastSign: Double = rng.next() & 1 == 0 ? 1 : -1  // D_kk: the sign of a 1 x 1 Gaussian.
        for c in 0 ..< columns {
            matrix[c * ld + k - 1] *= lastSign
        }
    }

    /// Convenience: a fresh k x k Haar matrix, column-major (multiplyLeft applied to the identity).
    package static func sample(k: Int, using rng: inout RandomStream) -> [Double] {
        precondition(k >= 1, "sample needs k >= 1")
        var q = [Double](repeating: 0, count: k * k)
        for i in 0 ..< k { q[i * k + i] = 1 }
        var scratch = [Double](repeating: 0, count: k)
        q.withUnsafeMutableBufferPointer { q in
            scratch.withUnsafeMutableBufferPointer { scratch in
                multiplyLeft(q.baseAddress!, k: k, columns: k, scratch: scratch.baseAddress!, using: &rng)
            }
        }
        return q
    }
}
