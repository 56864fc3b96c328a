/// The per-trial results of one unit of trials (`MonteCarloSimulator.trialsPerUnit` consecutive
/// trials of one job), in trial order: what a checkpoint keeps of a job that has not finished.
package struct TrialValues: Equatable, Sendable {
    /// Noise-averaged parameter errors.
    package var errors: [Double]
    /// Row counts of the drawn designs (whole numbers, held as doubles as the simulator does).
    package var rows: [Double]

    package init(errors: [Double], rows: [Double]) {
        self.errors = errors
        self.rows = rows
    }
}

/// How far a Monte Carlo run got: the estimates of finished jobs, and the finished units of the
/// others. A run started from a state skips everything in it and gives the same bits as a run
/// from scratch, because the per-trial values are exact and the reduction runs in trial order.
package struct MonteCarloState: Equatable, Sendable {
    /// Estimates of finished jobs, by job index.
    package var finished: [Int: MonteCarloEstimate] = [:]
    /// Finished units of unfinished jobs: job index -> unit index -> values.
    package var units: [Int: [Int: TrialValues]] = [:]

    package init(finished: [Int: MonteCarloEstimate] = [:], units: [Int: [Int: TrialValues]] = [:]) {
        self.finished = finished
        self.units = units
    }

    /// Records one finished unit.
    package mutating func record(job: Int, unit: Int, values: TrialValues) {
        units[job, default: [:]][unit] = values
    }

    /// Records a finished job; its units are no longer needed.
    package mutating func record(job: Int, estimate: MonteCarloEstimate) {
        finished[job] = estimate
        units[job] = nil
    }
}

/// Told about every unit and job as it finishes, one call at a time (the simulator serialises them),
/// e.g. to save a checkpoint.
package protocol MonteCarloObserver: AnyObject {
    func unitFinished(job: Int, unit: Int, values: TrialValues)
    func jobFinished(job: Int, estimate: MonteCarloEstimate)
}
