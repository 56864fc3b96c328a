/// One way of drawing a Monte Carlo trial, run by `MonteCarloEngine` (docs/MATH.md, "Monte Carlo").
///
/// A kernel knows its jobs (numbered 0..<jobs from the engine's point of view) and how trial t of job
/// j draws: it makes the trial's random stream itself, from the seed and the trial's keys, so the
/// values are a pure function of (job, trial) and not of the thread or the order of the trials. Each
/// trial writes `valuesPerTrial` numbers into its own slot; the engine keeps them in trial order.
package protocol TrialKernel {
    /// One thread's storage, reused by all the trials the thread runs (so trials do not allocate).
    associatedtype Worker

    /// Numbers each trial writes (e.g. the error and the row count).
    var valuesPerTrial: Int { get }

    /// A worker for the trials of `jobs` (sized for their largest draws), made on the thread that uses it.
    func makeWorker(jobs: Range<Int>) -> Worker

    /// Runs trial `trial` of job `job` and writes its `valuesPerTrial` values to `values`.
    func run(job: Int, trial: Int, worker: inout Worker, into values: UnsafeMutableBufferPointer<Double>)
}
