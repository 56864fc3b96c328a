import DDRandom

/// The Gram matrix X^T X of a Gaussian design at a ridge penalty, drawn as a triangular factor
/// (docs/MATH.md, "Ridge at any lambda", "Gaussian ridge draws through a tilted Bartlett factor").
///
/// Given its row count K and the surrogate's kept set T (t = |T| directions; t = 0 for i.i.d. rows),
/// the rows of the regularized surrogate design (the det^2-weighted block on T and the Poisson(gamma)
/// i.i.d. rows) give X^T X the law of R^T R with, in the coordinate order [T; the rest]
/// (`order`), R = R_0 D^(1/2) and R_0 the min(K, d) x d upper-trapezoidal matrix of independent
/// entries
///
///     (R_0)_jj ~ chi(K - j + 2 [j < t])   (0-based j),    (R_0)_ij ~ N(0, 1) for i < j,
///
/// the Bartlett factor of a Gaussian K x d matrix with its first t diagonal entries tilted by
/// det((X^T X)_TT). The ridge error depends on the design only through X^T X, so R is handed to
/// `RidgeSolver` as a min(K, d)-row design: min(K, d) (min(K, d) + 1) / 2 + min(K, d) (d - K)^+ variates
/// instead of K d, and a third of the Gram products when K >= d.
enum TiltedBartlettDraw {
    /// Writes `order` (T, then the other coordinates in increasing order) and R (p x d column-major,
    /// leading dimension p = min(K, d), its entries below the diagonal zero) into `design`.
    /// `selected` holds T in increasing order; `root` = sqrt(s) in the eigenbasis.
    static func draw(rows k: Int, kept t: Int, selected: UnsafePointer<Int>, root: UnsafePointer<Double>, d: Int,
                     order: UnsafeMutablePointer<Int>, design x: UnsafeMutablePointer<Double>, using rng: inout RandomStream) {
        precondition(k > 0 && t <= min(k, d), "a tilted Bartlett factor needs 0 <= t <= min(K, d) and K > 0")
        CoordinateOrder.keptFirst(t, of: selected, d: d, into: order)
        let p = min(k, d)
        for c in 0..<d {
            let column = x + c * p
            if c < p {
                rng.fillNormal(UnsafeMutableBufferPointer(start: column, count: c))
                column[c] = rng.chi(degreesOfFreedom: Double(k - c + (c < t ? 2 : 0)))
                (column + c + 1).update(repeating: 0, count: p - c - 1)
            } else {
                rng.fillNormal(UnsafeMutableBufferPointer(start: column, count: p))
            }
            let scale = root[order[c]]
            for i in 0..<min(c + 1, p) { column[i] *= scale }
        }
    }
}
