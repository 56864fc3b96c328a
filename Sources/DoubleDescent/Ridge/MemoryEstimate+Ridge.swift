import DDModel
import DDSampling
import DDSimulation

extension MemoryEstimate {
    /// `ddcalc ridge`: `RidgeMonteCarlo` at n, per thread a design of up to K rows with its solver
    /// (as `workerDoubles` for drawn rows), plus one batch of estimates (at most 2^20 numbers), the
    /// per-trial norms and the d x d moments.
    public init(ridgeOf model: RegressionModel, design: DesignKind, n: Double, trials: Int, threads: Int) {
        let d = Double(model.d), k = Self.typicalRows(model, design: design, n: n)
        let m = min(k, d)
        let units = MonteCarloEngine.unitsPerJob(trials: trials)
        let workers = Double(max(1, min(threads, units)))
        let perWorker = 5 * m * m + 3 * k * d + 6 * max(k, d)
        let shared = min(Double(RidgeMonteCarlo.valuesPerBatch), Double(trials) * d) + Double(trials) + 2 * d * d
        self.init(bytes: Self.baseline + Self.modelBytes(model) + 8 * (workers * perWorker + shared),
                  maximumRows: Int(min(k, 0x1p62)), threads: Int(workers))
    }
}
