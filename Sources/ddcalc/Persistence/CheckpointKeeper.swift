import DoubleDescent
import Foundation

/// Keeps a sweep's `--checkpoint` file: loads it at the start (refusing one from other inputs or a
/// damaged one), follows the simulator as units and jobs finish, and saves atomically after every
/// finished job, at most `interval` seconds after the last save while units finish, and when the
/// run is interrupted. The file is removed once the sweep's output is written.
final class CheckpointKeeper: MonteCarloObserver {
    let path: String
    /// What the run starts from (empty for a new checkpoint).
    let resumed: MonteCarloState
    /// The `--check-ridge` points the run starts with (empty for a new checkpoint).
    let resumedRidge: [Int: RidgeColumns]
    /// The first save that failed; the run is cancelled and the command reports it.
    private(set) var failure: InputError?

    private var checkpoint: Checkpoint
    private let interval: TimeInterval
    private let cancellation: Cancellation
    private var lastSave = Date()
    private var dirty = false

    static let flag = "--checkpoint"

    /// Loads `path` when it exists; `fingerprint` identifies the run, `selected` its jobs.
    init(path: String, fingerprint: UInt64, work: MonteCarloWork, selected: Set<Int>?, interval: TimeInterval,
         cancellation: Cancellation) throws {
        self.path = path
        self.interval = interval
        self.cancellation = cancellation
        let source = "\(Self.flag) '\(path)'"
        if let data = try AtomicFile.readIfPresent(path, flag: Self.flag) {
            let saved = try Checkpoint(decoding: data, source: source)
            guard saved.fingerprint == fingerprint, saved.jobCount == work.jobs.count, saved.trials == work.trials else {
                throw InputError("\(source): written by a sweep with other inputs (model, grid, trials, design, seed or shard); "
                    + "delete it or choose another file")
            }
            let outside = Set(saved.state.finished.keys).union(saved.state.units.keys).subtracting(selected ?? Set(0..<work.jobs.count))
            guard outside.isEmpty else { throw InputError("\(source): corrupted (it holds jobs of another shard)") }
            checkpoint = saved
        } else {
            checkpoint = Checkpoint(fingerprint: fingerprint, jobCount: work.jobs.count, trials: work.trials, state: MonteCarloState())
        }
        resumed = checkpoint.state
        resumedRidge = checkpoint.ridge
    }

    func unitFinished(job: Int, unit: Int, values: TrialValues) {
        checkpoint.state.record(job: job, unit: unit, values: values)
        dirty = true
        if Date().timeIntervalSince(lastSave) >= interval { saveReportingFailure() }
    }


    /// A `--check-ridge` point is done: saved at once (each one is a whole Monte Carlo run).
    func ridgeFinished(point: Int, columns: RidgeColumns) {
        checkpoint.ridge[point] = columns
        dirty = true
        saveReportingFailure()
    }

    func jobFinished(job: Int, estimate: MonteCarloEstimate) {
        checkpoint.state.record(job: job, estimate: estimate)
        dirty = true
        saveReportingFailure()
    }

    /// Saves now if anything changed since the last save.
    func save() throws {
        guard dirty else { return }
        try AtomicFile.write(checkpoint.encoded(), to: path, flag: Self.flag)
        dirty = false
        lastSave = Date()
    }

    /// Removes the file after a successful run (a regular file only: `RunControlOptions` refuses
    /// links and special files as checkpoints, and this never removes one).
    func finish() {
        var info = stat()
        if lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG { try? FileManager.default.removeItem(atPath: path) }
        AtomicFile.removeStaleTemporaries(of: URL(fileURLWithPath: path))
    }

    private func saveReportingFailure() {
        guard failure == nil else { return }
        do {
            try save()
        } catch {
            failure = error as? InputError ?? InputError("\(Self.flag): cannot write '\(path)' (\(error))")
            cancellation.cancel()
        }
    }
}
