@testable import DDSimulation
import Foundation
import XCTest

/// The engine on its own (`MonteCarloEngine`), with kernels whose values are known functions of
/// (job, trial): values come back in trial order for any thread count and batching, saved units are
/// not run again, progress reaches the total, and cancellation throws.
final class MonteCarloEngineTests: XCTestCase {
    /// Trial t of job j writes (1000 j + t, -t); counts the trials it runs and the workers it makes,
    /// and sets `cancellation` when it reaches trial `cancelAt`.
    final class IndexKernel: TrialKernel, @unchecked Sendable {
        let valuesPerTrial = 2
        private let lock = NSLock()
        private(set) var ran: [Int: Set<Int>] = [:]
        private(set) var workers = 0
        var cancellation: Cancellation?
        var cancelAt = Int.max

        func makeWorker(jobs: Range<Int>) -> Int {
            lock.lock(); workers += 1; lock.unlock()
            return 0
        }

        func run(job: Int, trial: Int, worker: inout Int, into values: UnsafeMutableBufferPointer<Double>) {
            if trial >= cancelAt { cancellation?.cancel() }
            lock.lock(); ran[job, default: []].insert(trial); lock.unlock()
            worker += 1
            values[0] = Double(1000 * job + trial)
            values[1] = -Double(trial)
        }

        static func expected(job: Int, trials: Range<Int>) -> [Double] {
            trials.flatMap { [Double(1000 * job + $0), -Double($0)] }
        }
    }

    /// What `reduce` saw, in the order it saw it.
    struct Reduced {
        var blocks: [MonteCarloEngine.Block] = []
        var values: [Double] = []
    }

    private func run(_ engine: MonteCarloEngine, _ kernel: IndexKernel, jobs: Int, trials: Int,
                     resume: ((Int, Int, UnsafeMutableBufferPointer<Double>) -> Bool)? = nil,
                     progress: ((Int, Int) -> Void)? = nil, cancellation: Cancellation? = nil) throws -> Reduced {
        var reduced = Reduced()
        try engine.run(kernel, jobs: jobs, trials: trials, resume: resume, progress: progress,
                       cancellation: cancellation) { block, values in
            reduced.blocks.append(block)
            reduced.values += Array(values)
        }
        return reduced
    }

    func testValuesComeBackInTrialOrderForAnyThreadsAndBatching() throws {
        let jobs = 3, trials = 100   // 4 units per job, the last one of 4 trials
        let expected = (0..<jobs).flatMap { IndexKernel.expected(job: $0, trials: 0..<trials) }
        for threads in [1, 4] {
            // Whole jobs, two per batch (400 values each).
            let whole = try run(MonteCarloEngine(threads: threads, valuesPerBatch: 400, splitsJobs: false),
                                IndexKernel(), jobs: jobs, trials: trials)
            XCTAssertEqual(whole.values, expected, "threads = \(threads)")
            XCTAssertEqual(whole.blocks, (0..<jobs).map { MonteCarloEngine.Block(job: $0, trials: 0..<trials) })
            // A job too large for a batch is still handed over whole when it may not be split.
            let large = try run(MonteCarloEngine(threads: threads, valuesPerBatch: 10, splitsJobs: false),
                                IndexKernel(), jobs: jobs, trials: trials)
            XCTAssertEqual(large.values, expected, "threads = \(threads)")
            XCTAssertEqual(large.blocks.count, jobs)
            // Split into blocks of whole units (64 trials hold 128 values).
            let split = try run(MonteCarloEngine(threads: threads, valuesPerBatch: 130, splitsJobs: true),
                                IndexKernel(), jobs: jobs, trials: trials)
            XCTAssertEqual(split.values, expected, "threads = \(threads)")
            XCTAssertEqual(split.blocks, (0..<jobs).flatMap { job in
                [MonteCarloEngine.Block(job: job, trials: 0..<64), MonteCarloEngine.Block(job: job, trials: 64..<100)]
            })
        }
    }

    func testBatchesHoldWholeJobsUnderTheBoundAndAtLeastOneBlock() {
        let engine = MonteCarloEngine(threads: 1, valuesPerBatch: 1000, splitsJobs: false)
        XCTAssertEqual(engine.batches(jobs: 5, trials: 200, valuesPerTrial: 2).map(\.count), [2, 2, 1])
        XCTAssertEqual(engine.batches(jobs: 2, trials: 600, valuesPerTrial: 2).map(\.count), [1, 1])
        XCTAssertEqual(engine.batches(jobs: 0, trials: 600, valuesPerTrial: 2).count, 0)
        // The MSE Monte Carlo's batches are the ones the CLI's `MemoryBound` counts on.
        let mse = MonteCarloEngine(threads: 1, valuesPerBatch: 2 * MonteCarloSimulator.valuesPerBatch, splitsJobs: false)
        for trials in [1, 1000, 12_345, 3_000_000] {
            XCTAssertEqual(mse.batches(jobs: 400, trials: trials, valuesPerTrial: 2)[0].count,
                           min(400, MonteCarloSimulator.jobsPerBatch(trials: trials)), "trials = \(trials)")
        }
    }

    func testSavedUnitsAreNotRunAgainAndProgressReachesTheTotal() throws {
        let jobs = 2, trials = 100
        // Units 0 and 3 of job 1 are saved (with values the kernel would never write).
        let saved: Set<[Int]> = [[1, 0], [1, 3]]
        for threads in [1, 4] {
            let kernel = IndexKernel()
            let lock = NSLock()
            var reports: [(Int, Int)] = []
            let reduced = try run(
                MonteCarloEngine(threads: threads, valuesPerBatch: 1 << 20, splitsJobs: false), kernel, jobs: jobs, trials: trials,
                resume: { job, unit, slot in
                    guard saved.contains([job, unit]) else { return false }
                    for i in slot.indices { slot[i] = 0.5 }
                    return true
                },
                progress: { done, total in lock.lock(); reports.append((done, total)); lock.unlock() })
            var expected = (0..<jobs).flatMap { IndexKernel.expected(job: $0, trials: 0..<trials) }
            for unit in [0, 3] {
                let range = MonteCarloEngine.trialRange(unit: unit, trials: trials)
                for t in range { expected[2 * (trials + t)] = 0.5; expected[2 * (trials + t) + 1] = 0.5 }
            }
            XCTAssertEqual(reduced.values, expected, "threads = \(threads)")
            XCTAssertEqual(kernel.ran[0], Set(0..<trials))
            XCTAssertEqual(kernel.ran[1], Set(32..<96), "saved units ran again")
            // The resumed trials are counted first; then every unit; the last report is the total.
            XCTAssertEqual(reports.first?.0, 32 + 4)
            XCTAssertEqual(reports.last?.0, jobs * trials)
            XCTAssertTrue(reports.allSatisfy { $0.1 == jobs * trials })
            XCTAssertEqual(reports.map(\.0), reports.map(\.0).sorted(), "progress went backwards")
            XCTAssertLessThanOrEqual(kernel.workers, threads, "more workers than threads")
        }
    }

    func testUnitFinishedHearsOfEveryUnitRunOnceWithItsValues() throws {
        let trials = 70
        var heard: [[Int]: [Double]] = [:]
        try MonteCarloEngine(threads: 3, valuesPerBatch: 1 << 20, splitsJobs: false).run(
            IndexKernel(), jobs: 2, trials: trials,
            resume: { job, unit, slot in job == 0 && unit == 1 },
            unitFinished: { job, unit, values in
                XCTAssertNil(heard[[job, unit]], "unit \(unit) of job \(job) reported twice")
                heard[[job, unit]] = Array(values)
            }
        ) { _, _ in }
        XCTAssertEqual(Set(heard.keys), [[0, 0], [0, 2], [1, 0], [1, 1], [1, 2]])
        for (key, values) in heard {
            XCTAssertEqual(values, IndexKernel.expected(job: key[0], trials: MonteCarloEngine.trialRange(unit: key[1], trials: trials)))
        }
    }

    func testCancellationThrowsAndStopsTheRun() throws {
        for threads in [1, 4] {
            // Set before the run: nothing runs, nothing is reduced.
            let cancelled = Cancellation()
            cancelled.cancel()
            let idle = IndexKernel()
            var reducedBefore = 0
            XCTAssertThrowsError(try MonteCarloEngine(threads: threads, valuesPerBatch: 1 << 20, splitsJobs: false).run(
                idle, jobs: 2, trials: 100, cancellation: cancelled) { _, _ in reducedBefore += 1 }) { error in
                XCTAssertTrue(error is CancelledError, "\(error)")
            }
            XCTAssertTrue(idle.ran.isEmpty)
            XCTAssertEqual(reducedBefore, 0)

            // Set by trial 40 of 64 units: the run stops early and throws.
            let cancellation = Cancellation()
            let kernel = IndexKernel()
            kernel.cancellation = cancellation
            kernel.cancelAt = 40
            XCTAssertThrowsError(try run(MonteCarloEngine(threads: threads, valuesPerBatch: 1 << 20, splitsJobs: false),
                                         kernel, jobs: 1, trials: 64 * 32, cancellation: cancellation)) { error in
                XCTAssertTrue(error is CancelledError, "\(error)")
            }
            XCTAssertLessThan(kernel.ran[0]?.count ?? 0, 64 * 32, "threads = \(threads): nothing was skipped")
        }
    }
}
