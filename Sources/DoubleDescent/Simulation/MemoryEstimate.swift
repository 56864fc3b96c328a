import DDInput
import DDModel
import DDSampling

/// An estimate of the peak memory of a whole command, to refuse hopeless runs up front
/// (`--max-memory`) instead of failing on allocation halfway through. Computed in `Double` from the
/// inputs alone, so that even an absurd n or d gives a (huge) number rather than a trap.
///
/// Terms, in bytes:
/// - `baseline`: the process before any work (runtime, libraries, BLAS), measured;
/// - the model: d x d eigenvectors for a covariance file, or a data set's matrices;
/// - the Monte Carlo, per thread: the buffers for the largest row count K (the Poisson tail of the
///   surrogate for n > d), `MonteCarloSimulator.workerDoubles`; per batch: the per-trial errors and row counts of every job in it, twice
///   when a checkpoint keeps copies;
/// - the output: `outputRecords` records of the closed forms and estimates, their rendered text and the
///   bookkeeping per grid point, at `bytesPerRecord` each (the CLI measures that per format).
package struct MemoryEstimate: Sendable {
    public let bytes: Double
    /// The largest row count a draw is expected to need.
    public let maximumRows: Int
    /// Threads that actually run (never more than the units of work).
    public let threads: Int

    /// The resident size of `ddcalc` before any work: 25 MiB measured (peak RSS of `point --d 3`,
    /// Linux x86_64, static Swift runtime), rounded up.
    package static let baseline = 26.0 * 1024 * 1024

    package init(bytes: Double, maximumRows: Int, threads: Int) {
        self.bytes = bytes
        self.maximumRows = maximumRows
        self.threads = threads
    }

    /// A sweep's Monte Carlo (the jobs in `selected`, all when nil) and its output of `outputRecords` rows.
    public init(work: MonteCarloWork, selected: Set<Int>?, simulator: MonteCarloSimulator, threads: Int,
                keepsCopies: Bool, outputRecords: Int = 0, bytesPerRecord: Double = 0) {
        let d = simulator.model.d
        let jobs = work.jobs.filter { selected?.contains($0.index) ?? true }
        let k = jobs.map { $0.maximumRows(d: d) }.max() ?? 0
        let wide = jobs.contains { $0.n < Double(d) }
        let units = jobs.count * MonteCarloSimulator.unitsPerJob(trials: work.trials)
        let workers = jobs.isEmpty ? 0 : max(1, min(threads, units))
        let batchJobs = min(jobs.count, MonteCarloSimulator.jobsPerBatch(trials: work.trials))
        let perBatch = Double(batchJobs) * Double(work.trials) * 2 * (keepsCopies ? 2 : 1)
        self.init(bytes: Self.baseline + Self.modelBytes(simulator.model)
                      + 8 * (Double(workers) * simulator.workerDoubles(maxRows: k, wide: wide) + perBatch)
                      + Double(outputRecords) * bytesPerRecord,
                  maximumRows: k, threads: workers)
    }

    /// `ddcalc sample`: `draws` designs of up to K rows each, drawn one at a time. The last one is held
    /// as the design, its copy in original coordinates, the printed rows and their text, the earlier
    /// ones only as text. Measured (the text reserved at once, as `ddcalc sample` does): about 46 bytes
    /// per printed number plus 104 per row for one draw printed as CSV, over d = 3 ... 100 (`csvBytesPerNumber` of it the text), and 16 per number more for a covariance
    /// with eigenvectors (the change of basis); the text of every draw, `textBytesPerNumber` per
    /// printed number (d + 4 per row: features, y, y_clean, draw and row).
    public init(sampleOf model: RegressionModel, design: DesignKind, n: Double, draws: Int = 1,
                textBytesPerNumber: Double = MemoryEstimate.csvBytesPerNumber) {
        let d = Double(model.d), k = Self.typicalRows(model, design: design, n: n)
        let basis = model.covariance.eigenvectors != nil ? 16 * k * d : 0
        let text = k * (d + 4) * (Double(draws) * textBytesPerNumber - Self.csvBytesPerNumber)
        self.init(bytes: Self.baseline + Self.modelBytes(model) + k * (46 * (d + 1) + 104) + basis + text,
                  maximumRows: Int(min(k, 0x1p62)), threads: 1)
    }

    /// Peak bytes per number of `ddcalc sample`'s CSV text (the string as it grows, then its copy as
    /// bytes): the slope of peak RSS over 20 draws at d = 3 and d = 50.
    public static let csvBytesPerNumber = 30.0

    /// The rows one draw at n is sized for: n for the i.i.d. design, `SurrogatePlan.typicalMaximumRows`
    /// for the surrogate (d for n < d).
    package static func typicalRows(_ model: RegressionModel, design: DesignKind, n: Double) -> Double {
        let d = Double(model.d)
        if design == .iid { return n }
        if n < d { return d }
        return Double(SurrogatePlan.volumePlusPoisson(extraMean: n - d).typicalMaximumRows(d: model.d))
    }

    /// The model itself: the eigenvectors of a covariance file (and two working copies while it was
    /// built), or a data set's rows as read, its left vectors and its rows in the eigenbasis.
    package static func modelBytes(_ model: RegressionModel) -> Double {
        let d = Double(model.d)
        if let population = model.population {
            return 8 * Double(population.count) * (4 * d + 4) + 24 * d * d
        }
        return (model.covariance.eigenvectors != nil ? 24 * d * d : 0) + 64 * d
    }

    /// "1.5 GiB", "300 MiB" and the like.
    public static func describe(_ bytes: Double) -> String { ByteCountText.describe(bytes) }
}
