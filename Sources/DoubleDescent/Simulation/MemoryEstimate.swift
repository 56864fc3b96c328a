/// An upper estimate of the memory a Monte Carlo run needs, to refuse hopeless runs up front
/// (`--max-memory`) instead of failing on allocation halfway through.
///
/// Per thread: the buffers for the largest row count K (the Poisson tail of the surrogate for
/// n > d), `MonteCarloSimulator.workerDoubles`. Per batch: the per-trial errors and row counts of
/// every job in it, twice when a checkpoint keeps copies. Plus the model (d x d eigenvectors for a
/// covariance file) and a fixed allowance for the runtime.
public struct MemoryEstimate: Sendable {
    public let bytes: Double
    /// The largest row count a draw is expected to need.
    public let maximumRows: Int
    /// Threads that actually run (never more than the units of work).
    public let threads: Int

    /// A fixed allowance for the runtime, the closed forms and the output.
    static let baseline = 64.0 * 1024 * 1024

    public init(work: MonteCarloWork, selected: Set<Int>?, simulator: MonteCarloSimulator, threads: Int,
                keepsCopies: Bool) {
        let d = simulator.model.d
        let jobs = work.jobs.filter { selected?.contains($0.index) ?? true }
        let k = jobs.map { $0.maximumRows(d: d) }.max() ?? 0
        let units = jobs.count * MonteCarloSimulator.unitsPerJob(trials: work.trials)
        let workers = jobs.isEmpty ? 0 : max(1, min(threads, units))
        let dd = Double(d)
        let batchJobs = min(jobs.count, MonteCarloSimulator.jobsPerBatch(trials: work.trials))
        let perBatch = Double(batchJobs) * Double(work.trials) * 2 * (keepsCopies ? 2 : 1)
        let model = (simulator.model.covariance.eigenvectors != nil ? 3 * dd * dd : 0) + 8 * dd
        bytes = Self.baseline + 8 * (Double(workers) * simulator.workerDoubles(maxRows: k) + perBatch + model)
        maximumRows = k
        self.threads = workers
    }

    /// "1.5 GiB", "300 MiB" and the like.
    public static func describe(_ bytes: Double) -> String {
        let units = ["bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"]
        var value = bytes, unit = 0
        while value >= 1024 && unit < units.count - 1 { value /= 1024; unit += 1 }
        if unit == 0 { return "\(Int(value)) bytes" }
        let rounded = (value * 10).rounded() / 10
        return (rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)) + " " + units[unit]
    }
}
