/// The triangular-pentagonal QR with a zero-row pentagon (LAPACK's dtpqrt with l = 0, unblocked):
/// [A; V] = Q R for an upper-triangular k x k block A over a dense m x k block V, in 2 m k^2 flops,
/// in our own code with a fixed operation order (README.md, "Own kernels, fixed order"). Used by the
/// wide Gaussian draws of the Monte Carlo (Simulation/README.md, "Wide Gaussian draws").
///
/// Q = H_0 H_1 ... H_(k-1), H_j = I - tau_j u_j u_j^T with u_j = e_j (in the top block) plus
/// column j of the reflectors in the bottom block: reflector j touches row j of the top block and
/// every row of the bottom one, never the other rows of A, so R stays upper triangular in place.
/// Each step is `Householder.generate` on column j, then `Householder.reflect` on the columns to its
/// right (four at a time).
package enum TriangularPentagonalQR {
    /// Factors [A; V] in place: R overwrites A (leading dimension k), the reflectors V (leading
    /// dimension m), and their scalars go to `tau` (k entries).
    package static func factor(triangle a: UnsafeMutablePointer<Double>, dense v: UnsafeMutablePointer<Double>,
                               m: Int, k: Int, tau: UnsafeMutablePointer<Double>) {
        for j in 0..<k {
            let column = v + j * m
            let (beta, t) = Householder.generate(alpha: a[j + j * k], x: column, count: m)
            a[j + j * k] = beta
            tau[j] = t
            Householder.reflect(tau: t, v: column, count: m, top: a + j + (j + 1) * k, topStride: k,
                                bottom: v + (j + 1) * m, bottomStride: m, columns: k - j - 1)
        }
    }

    /// Replaces the vector [b_top; b_bottom] (k then m entries, contiguous from `b`) by
    /// Q^T [b_top; b_bottom] = H_(k-1) ... H_0 [b_top; b_bottom], with the factors left by `factor`.
    package static func applyTranspose(to b: UnsafeMutablePointer<Double>, dense v: UnsafePointer<Double>,
                                       m: Int, k: Int, tau: UnsafePointer<Double>) {
        for j in 0..<k {
            Householder.reflect(tau: tau[j], v: v + j * m, count: m, top: b + j, topStride: 1,
                                bottom: b + k, bottomStride: m, columns: 1)
        }
    }

    /// Replaces the `columns` columns of [top; bottom] (top k x columns, leading dimension k; bottom
    /// m x columns, leading dimension m) by Q [top; bottom] = H_0 ... H_(k-1) [top; bottom].
    package static func apply(toTop top: UnsafeMutablePointer<Double>, bottom: UnsafeMutablePointer<Double>, columns: Int,
                              dense v: UnsafePointer<Double>, m: Int, k: Int, tau: UnsafePointer<Double>) {
        for j in stride(from: k - 1, through: 0, by: -1) {
            Householder.reflect(tau: tau[j], v: v + j * m, count: m, top: top + j, topStride: k,
                                bottom: bottom, bottomStride: m, columns: columns)
        }
    }
}
