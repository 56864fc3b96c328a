import DoubleDescent
import Foundation

/// Keeps a sweep's `--checkpoint` file: loads it at the start (refusing one from other inputs or a
/// damaged one), follows the simulator as units and jobs finish, and saves atomically after every
/// finished job, at most `interval` seconds after the last save while units finish, and when the
/// run is interrupted. The file is removed once the sweep's output is written.
///
/// The simulator calls the observer methods one at a time while its workers wait for them, so they
/// only record and take a copy of the state (a copy-on-write value); the copy is encoded and written
/// on `writer`, one save after another, and the workers go on meanwhile. `save()` and `finish()`
/// wait for the writes in flight.
final class CheckpointKeeper: MonteCarloObserver, @unchecked Sendable {
    let path: String
    /// What the run starts from (empty for a new checkpoint).
    let resumed: MonteCarloState
    /// The `--check-ridge` points the run starts with (empty for a new checkpoint).
    let resumedRidge: [Int: RidgeColumns]
    /// The first save that failed, once the saves in flight are written; the run is cancelled and
    /// the command reports it.
    var failure: InputError? {
        writer.sync {}
        return lock.withLock { firstFailure }
    }

    private var checkpoint: Checkpoint
    private let interval: TimeInterval
    private let cancellation: Cancellation
    private var lastSave = Date()
    private var dirty = false
    /// The saves run here, in order.
    private let writer = DispatchQueue(label: "ddcalc.checkpoint")
    /// Guards `latest` and `firstFailure`, shared with `writer`.
    private let lock = NSLock()
    /// The newest copy not yet taken by `writer` (a save asked for while one is written replaces it).
    private var latest: Checkpoint?
    private var firstFailure: InputError?

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

    /// Saves now if anything changed since the last save, and waits until every save is written.
    func save() throws {
        scheduleSave()
        writer.sync {}
        if let failure { throw failure }
    }

    /// Removes the file after a successful run (a regular file only: `RunControlOptions` refuses
    /// links and special files as checkpoints, and this never removes one).
    func finish() {
        writer.sync {}
        var info = stat()
        if lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG { try? FileManager.default.removeItem(atPath: path) }
        AtomicFile.removeStaleTemporaries(of: URL(fileURLWithPath: path))
    }

    /// Hands a copy of the state to `writer` if anything changed since the last save.
    private func saveReportingFailure() {
        guard lock.withLock({ firstFailure == nil }) else { return }
        scheduleSave()
    }

    private func scheduleSave() {
        guard dirty else { return }
        dirty = false
        lastSave = Date()
        let idle = lock.withLock {
            defer { latest = checkpoint }
            return latest == nil
        }
        if idle { writer.async { self.writeLatest() } }
    }

    /// On `writer`: encodes and writes the newest copy; the first failure cancels the run.
    private func writeLatest() {
        guard let snapshot = lock.withLock({ defer { latest = nil }; return latest }) else { return }
        do {
            try AtomicFile.write(snapshot.encoded(), to: path, flag: Self.flag)
        } catch {
            let failure = error as? InputError ?? InputError("\(Self.flag): cannot write '\(path)' (\(error))")
            lock.withLock { if firstFailure == nil { firstFailure = failure } }
            cancellation.cancel()
        }
    }
}
