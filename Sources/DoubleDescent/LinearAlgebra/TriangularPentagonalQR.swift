import CLapack

/// LAPACK's triangular-pentagonal QR (dtpqrt, dtpmqrt) with a zero-row pentagon: [A; V] = Q R for an
/// upper-triangular k x k block A over a dense m x k block V, in 2 m k^2 flops. Used by the wide
/// Gaussian draws of the Monte Carlo (Simulation/README.md, "Wide Gaussian draws").
package enum TriangularPentagonalQR {
    /// Factors [A; V] in place: R overwrites A (leading dimension k), the reflectors V (leading
    /// dimension m), and the nb x k block reflector factors go to `reflectors` (leading dimension nb).
    /// `work` holds at least nb * k doubles.
    package static func factor(triangle a: UnsafeMutablePointer<Double>, dense v: UnsafeMutablePointer<Double>,
                               m: Int, k: Int, blockSize nb: Int, reflectors: UnsafeMutablePointer<Double>,
                               work: UnsafeMutablePointer<Double>) {
        LAPACK.check(LAPACKE_dtpqrt_work(LAPACK_COL_MAJOR, Int32(m), Int32(k), 0, Int32(nb), a, Int32(k), v, Int32(m),
                                         reflectors, Int32(nb), work), "dtpqrt")
    }

    /// Replaces the vector [b_top; b_bottom] (k then m entries, contiguous from `b`) by Q^T [b_top; b_bottom],
    /// with the factors left by `factor`.
    package static func applyTranspose(to b: UnsafeMutablePointer<Double>, dense v: UnsafePointer<Double>,
                                       m: Int, k: Int, blockSize nb: Int, reflectors: UnsafePointer<Double>,
                                       work: UnsafeMutablePointer<Double>) {
        LAPACK.check(LAPACKE_dtpmqrt_work(LAPACK_COL_MAJOR, LAPACK.option("L"), LAPACK.option("T"), Int32(m), 1,
                                          Int32(k), 0, Int32(nb), v, Int32(m), reflectors, Int32(nb),
                                          b, Int32(k), b + k, Int32(m), work), "dtpmqrt")
    }

    /// Replaces the `columns` columns of [top; bottom] (top k x columns, leading dimension k; bottom
    /// m x columns, leading dimension m) by Q [top; bottom], with the factors left by `factor`.
    /// `work` holds at least nb * columns doubles.
    package static func apply(toTop top: UnsafeMutablePointer<Double>, bottom: UnsafeMutablePointer<Double>, columns: Int,
                              dense v: UnsafePointer<Double>, m: Int, k: Int, blockSize nb: Int,
                              reflectors: UnsafePointer<Double>, work: UnsafeMutablePointer<Double>) {
        LAPACK.check(LAPACKE_dtpmqrt_work(LAPACK_COL_MAJOR, LAPACK.option("L"), LAPACK.option("N"), Int32(m), Int32(columns),
                                          Int32(k), 0, Int32(nb), v, Int32(m), reflectors, Int32(nb),
                                          top, Int32(k), bottom, Int32(m), work), "dtpmqrt")
    }
}
