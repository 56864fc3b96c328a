@testable import DDSimulation
@testable import DDTheory
import XCTest

/// Resuming from a saved `MonteCarloState`, and splitting the jobs into shards, give the same bits
/// as one uninterrupted run.
final class MonteCarloResumeTests: XCTestCase {
    /// Collects what the simulator reports, as a checkpoint would.
    final class Recorder: MonteCarloObserver {
        var state = MonteCarloState()
        var units = 0
        func unitFinished(job: Int, unit: Int, values: TrialValues) { state.record(job: job, unit: unit, values: values); units += 1 }
        func jobFinished(job: Int, estimate: MonteCarloEstimate) { state.record(job: job, estimate: estimate) }
    }

    func testResumedAndShardedRunsGiveTheSameBits() throws {
        try checkResumedAndShardedRuns(sampler: .exactLaw)
    }

    /// The same with every design drawn as rows (`--sampler rows`).
    func testResumedAndShardedRowsSamplerRunsGiveTheSameBits() throws {
        try checkResumedAndShardedRuns(sampler: .rows)
    }

    private func checkResumedAndShardedRuns(sampler: MonteCarloSampler) throws {
        let model = try TestModels.model(.geometric(10), d: 8, wstar: .random(seed: 2))
        let calculator = ClosedFormCalculator(model: model)
        let points = try [1.5, 4, 7, 8, 9, 12, 20].map { try calculator.evaluate(n: $0) }
        let simulator = MonteCarloSimulator(model: model, settings: MonteCarloSettings(trials: 150, seed: 42, designs: [.surrogate, .iid],
                                                                                       threads: 3, sampler: sampler))
        let work = simulator.plan(points)
        let recorder = Recorder()
        let full = try simulator.run(work, observer: recorder)
        XCTAssertEqual(recorder.state.finished, full, "the observer heard of every job")
        XCTAssertEqual(recorder.units, work.jobs.count * MonteCarloEngine.unitsPerJob(trials: 150))

        // A state with some jobs finished and some units of others: as a run killed halfway leaves it.
        var partial = MonteCarloState()
        for job in work.jobs where job.index % 3 == 0 { partial.record(job: job.index, estimate: full[job.index]!) }
        let unitRecorder = UnitKeeper()
        _ = try simulator.run(work, observer: unitRecorder)
        for (job, units) in unitRecorder.units where job % 3 == 1 {
            for (unit, values) in units where unit % 2 == 0 { partial.record(job: job, unit: unit, values: values) }
        }
        let resumed = try simulator.run(work, resume: partial)
        XCTAssertEqual(resumed, full, "resuming changed a bit")

        // Shards of the jobs, put together.
        var union: [Int: MonteCarloEstimate] = [:]
        for shard in 0..<3 {
            let selected = ShardPartition.jobs(of: work, shard: shard, count: 3, d: model.d)
            let part = try simulator.run(work, selected: selected)
            XCTAssertEqual(Set(part.keys), selected)
            union.merge(part) { a, _ in a }
        }
        XCTAssertEqual(union, full, "the shards changed a bit")
        XCTAssertEqual(work.assemble(union), try simulator.run(points))
    }

    /// Keeps every unit, finished jobs included.
    final class UnitKeeper: MonteCarloObserver {
        var units: [Int: [Int: TrialValues]] = [:]
        func unitFinished(job: Int, unit: Int, values: TrialValues) { units[job, default: [:]][unit] = values }
        func jobFinished(job: Int, estimate: MonteCarloEstimate) {}
    }
}
