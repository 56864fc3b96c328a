import CLapack

/// Threading of the BLAS underneath LAPACK.
///
/// ddcalc parallelises over draws and points itself, one `MinNormSolver` per worker thread. If
/// OpenBLAS also ran its own threads, the workers would oversubscribe the cores and the per-draw
/// kernels (d around 100) would pay thread synchronisation on every call. Worse, OpenBLAS starts its
/// thread pool when the library loads, and idle pool threads spin (sched_yield) for about 10^8
/// cycles before they sleep: in a run of a fraction of a second they take a core from the workers.
/// (Measured with perf on a 68 ms closed-form sweep at d = 10^5: a third of the samples were the
/// pool's sched_yield.)
package enum BLASThreads {
    /// Makes every later BLAS/LAPACK call run on its calling thread only, whatever thread count was
    /// set before, and stops OpenBLAS's pool (the first time only). Call it before starting parallel
    /// work (ddcalc does at start-up, the Monte Carlo engines at every run).
    public static func useSingleThread() {
        openblas_set_num_threads(1)
        _ = poolStopped
    }

    /// With one thread OpenBLAS never hands work to the pool, so its threads can go.
    private static let poolStopped: Void = {
        _ = blas_thread_shutdown_()
    }()
}
