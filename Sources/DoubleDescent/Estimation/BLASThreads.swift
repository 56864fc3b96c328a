import CLapack

/// Threading of the BLAS underneath LAPACK.
///
/// The Monte Carlo runs one `MinNormSolver` per worker thread; if OpenBLAS also
/// spawned its own threads inside each call, the workers would oversubscribe
/// the cores and the per-draw kernels (d around 100) would pay thread
/// synchronisation on every call.
public enum BLASThreads {
    /// Makes every later BLAS/LAPACK call run on its calling thread only.
    /// Call once, before starting parallel work.
    public static func useSingleThread() {
        openblas_set_num_threads(1)
    }
}
