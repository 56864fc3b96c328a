import Foundation

/// The one Monte Carlo engine: it runs the trials of a `TrialKernel` over threads and hands their
/// values back in trial order, so every reduction, hence every bit of a result, is the same for any
/// thread count (docs/MATH.md, "Monte Carlo").
///
/// The work is `jobs` jobs of `trials` trials each. Trials run in units of `trialsPerUnit`
/// consecutive trials of one job, pulled by the threads in order (`ParallelFor`); a unit is also
/// what a checkpoint saves and a resumed run skips. A job is handed to `reduce` as blocks of
/// consecutive trials, whole jobs unless `splitsJobs` (a reduction that streams, e.g. the ridge
/// check's moments); at most `valuesPerBatch` values (or one block) are held at once. `reduce`,
/// `unitFinished` and `progress` are called one at a time, and `reduce` sees the blocks in order
/// (job by job, trials ascending). Cancellation is polled at the start of every unit.
package struct MonteCarloEngine {
    /// Trials per unit of parallel work: large enough to amortise scheduling, small enough to balance.
    package static let trialsPerUnit = 32

    package let threads: Int
    /// The most per-trial values held at once (8 bytes each); a batch holds at least one block.
    package let valuesPerBatch: Int
    /// Whether a job may be handed over in several blocks (a multiple of `trialsPerUnit` trials each).
    package let splitsJobs: Bool

    package init(threads: Int, valuesPerBatch: Int, splitsJobs: Bool) {
        self.threads = max(1, threads)
        self.valuesPerBatch = valuesPerBatch
        self.splitsJobs = splitsJobs
    }

    /// Units per job (the last one may be shorter).
    package static func unitsPerJob(trials: Int) -> Int { trials <= 0 ? 0 : (trials - 1) / trialsPerUnit + 1 }

    /// The trials of unit `unit`.
    package static func trialRange(unit: Int, trials: Int) -> Range<Int> {
        let first = unit * trialsPerUnit
        return first..<min(first + trialsPerUnit, trials)
    }

    /// Consecutive trials of one job, handed to `reduce` at once.
    package struct Block: Equatable {
        package let job: Int
        package let trials: Range<Int>
    }

    /// The blocks of every job in order, grouped into batches of at most `valuesPerBatch` values
    /// (at least one block each).
    package func batches(jobs: Int, trials: Int, valuesPerTrial: Int) -> [[Block]] {
        let perTrial = max(valuesPerTrial, 1), unit = Self.trialsPerUnit
        let blockTrials = splitsJobs ? max(unit, valuesPerBatch / perTrial / unit * unit) : max(trials, 1)
        var batches: [[Block]] = [], batch: [Block] = [], held = 0
        for job in 0..<jobs {
            for first in stride(from: 0, to: trials, by: blockTrials) {
                let block = Block(job: job, trials: first..<min(first + blockTrials, trials))
                let values = block.trials.count * perTrial
                if !batch.isEmpty && held + values > valuesPerBatch {
                    batches.append(batch)
                    batch = []; held = 0
                }
                batch.append(block); held += values
            }
        }
        if !batch.isEmpty { batches.append(batch) }
        return batches
    }

    /// Runs every trial of `jobs` jobs of `kernel` and hands the values to `reduce`, block by block
    /// in order (values of trial t of the block at [(t - first) v, (t - first + 1) v), v values per trial).
    ///
    /// - `resume(job, unit, slot)` may fill a unit's slot with saved values and return true: that unit is not run.
    /// - `unitFinished(job, unit, values)` hears of every unit run here.
    /// - `progress(done, total)` counts trials, the resumed ones included.
    /// - Throws `CancelledError` soon after `cancellation` is set; the blocks already reduced stay reduced.
    package func run<Kernel: TrialKernel>(
        _ kernel: Kernel, jobs: Int, trials: Int,
        resume: ((_ job: Int, _ unit: Int, _ slot: UnsafeMutableBufferPointer<Double>) -> Bool)? = nil,
        unitFinished: ((_ job: Int, _ unit: Int, _ values: UnsafeBufferPointer<Double>) -> Void)? = nil,
        progress: ((_ done: Int, _ total: Int) -> Void)? = nil,
        cancellation: Cancellation? = nil,
        reduce: (_ block: Block, _ values: UnsafeBufferPointer<Double>) -> Void
    ) throws {
        let perTrial = kernel.valuesPerTrial, total = jobs * trials
        var done = 0
        for batch in batches(jobs: jobs, trials: trials, valuesPerTrial: perTrial) {
            try run(kernel, batch: batch, trials: trials, resume: resume, unitFinished: unitFinished,
                    progress: { progress?(done + $0, total) }, cancellation: cancellation, reduce: reduce)
            done += batch.reduce(0) { $0 + $1.trials.count }
        }
    }

    /// One batch: fills the resumed units, runs the others over the threads, reduces each block as
    /// soon as it and every block before it are complete. `progress` counts this batch's trials.
    private func run<Kernel: TrialKernel>(
        _ kernel: Kernel, batch: [Block], trials: Int,
        resume: ((Int, Int, UnsafeMutableBufferPointer<Double>) -> Bool)?,
        unitFinished: ((Int, Int, UnsafeBufferPointer<Double>) -> Void)?,
        progress: (Int) -> Void, cancellation: Cancellation?,
        reduce: (Block, UnsafeBufferPointer<Double>) -> Void
    ) throws {
        let perTrial = kernel.valuesPerTrial
        var offsets: [Int] = [], held = 0
        for block in batch { offsets.append(held); held += block.trials.count * perTrial }
        var values = [Double](repeating: 0, count: held)
        var remaining = [Int](repeating: 0, count: batch.count)
        var pending: [(block: Int, unit: Int)] = []
        var done = 0, reduced = 0, stopped = false
        let lock = NSLock()
        try values.withUnsafeMutableBufferPointer { values in
            /// The values of unit `unit` of block b.
            func slot(_ b: Int, _ unit: Int) -> UnsafeMutableBufferPointer<Double> {
                let range = Self.trialRange(unit: unit, trials: trials)
                let first = offsets[b] + (range.lowerBound - batch[b].trials.lowerBound) * perTrial
                return UnsafeMutableBufferPointer(rebasing: values[first..<first + range.count * perTrial])
            }
            /// Reduces the complete blocks that follow the last reduced one (under the lock).
            func reduceReady() {
                while reduced < batch.count && remaining[reduced] == 0 {
                    let start = offsets[reduced], count = batch[reduced].trials.count * perTrial
                    reduce(batch[reduced], UnsafeBufferPointer(rebasing: values[start..<start + count]))
                    reduced += 1
                }
            }
            for (b, block) in batch.enumerated() {
                let unit = Self.trialsPerUnit
                for u in block.trials.lowerBound / unit..<(block.trials.upperBound + unit - 1) / unit {
                    if let resume, resume(block.job, u, slot(b, u)) {
                        done += Self.trialRange(unit: u, trials: trials).count
                    } else {
                        pending.append((b, u))
                        remaining[b] += 1
                    }
                }
            }
            if done > 0 { progress(done) }
            reduceReady()
            let firstJob = batch[0].job, lastJob = batch[batch.count - 1].job
            ParallelFor.run(count: pending.count, threads: threads,
                            makeWorker: { kernel.makeWorker(jobs: firstJob..<lastJob + 1) }) { worker, p in
                if cancellation?.isCancelled == true {
                    lock.lock(); stopped = true; lock.unlock()
                    return
                }
                let (b, unit) = pending[p]
                let job = batch[b].job, range = Self.trialRange(unit: unit, trials: trials)
                let output = slot(b, unit)
                for (i, t) in range.enumerated() {
                    kernel.run(job: job, trial: t, worker: &worker,
                               into: UnsafeMutableBufferPointer(rebasing: output[i * perTrial..<(i + 1) * perTrial]))
                }
                lock.lock()
                done += range.count
                progress(done)
                unitFinished?(job, unit, UnsafeBufferPointer(output))
                remaining[b] -= 1
                reduceReady()
                lock.unlock()
            }
            if stopped { throw CancelledError() }
        }
    }
}
