import Foundation

/// What to simulate: trials per point and design, which designs, the master seed and the threads.
public struct MonteCarloSettings: Sendable {
    public var trials: Int
    public var seed: UInt64
    public var designs: [DesignKind]
    public var threads: Int

    public init(trials: Int, seed: UInt64, designs: [DesignKind], threads: Int) {
        self.trials = trials
        self.seed = seed
        self.designs = designs
        self.threads = threads
    }
}

/// The Monte Carlo next to the closed forms: for each point and design, `trials` exact draws of the
/// design, the min-norm estimator's error on each (noise averaged exactly, `MinNormSolver`), and their
/// mean, standard error and mean row count (docs/MATH.md, "Monte Carlo").
///
/// Trial t of design D at n draws from its own stream, keyed by (seed, bits of n, D, t), so each
/// number is a pure function of the inputs and the seed: the same bits for any thread count, grid or
/// sharding. Trials run in fixed units spread over the threads; every per-trial error is stored and
/// the reduction runs in trial order.
public struct MonteCarloSimulator {
    public let model: RegressionModel
    public let settings: MonteCarloSettings
    let sampler: any DesignSampler

    /// Trials per unit of parallel work: large enough to amortise scheduling, small enough to balance.
    static let trialsPerUnit = 32
    /// Per-trial results held at once (8 bytes each): points are simulated in batches under this.
    static let valuesPerBatch = 1 << 21

    public init(model: RegressionModel, settings: MonteCarloSettings) {
        self.model = model
        self.settings = settings
        sampler = model.makeSampler()
    }

    /// Simulates every point; `progress(done, total)` reports trials as units finish (serialised).
    /// Throws `CancelledError` soon after `cancellation` is set.
    public func run(_ points: [ClosedForms], progress: ((Int, Int) -> Void)? = nil,
                    cancellation: Cancellation? = nil) throws -> [MonteCarloPoint] {
        BLASThreads.useSingleThread()
        var results = [MonteCarloPoint](repeating: MonteCarloPoint(), count: points.count)
        var jobs: [Job] = []
        for (index, point) in points.enumerated() {
            for design in settings.designs {
                switch plan(design, at: point) {
                case .simulate(let draw):
                    jobs.append(Job(point: index, n: point.n, lambda: point.lambda, design: design, draw: draw))
                case .infinite: results[index].iid = MonteCarloEstimate(trials: 0, heavyTail: true)
                case .skip: break
                }
            }
        }
        let total = jobs.count * settings.trials
        var done = 0
        for batch in batches(jobs) {
            for (job, estimate) in try simulate(batch, progress: { progress?(done + $0, total) }, cancellation: cancellation) {
                if job.design == .surrogate { results[job.point].surrogate = estimate } else { results[job.point].iid = estimate }
            }
            done += batch.count * settings.trials
        }
        return results
    }

    // MARK: - Planning

    /// How one design is drawn at one point.
    enum Draw {
        case surrogate(SurrogatePlan)
        case iid(rows: Int)
    }

    enum Plan {
        case simulate(Draw)
        /// The i.i.d. MSE is infinite here: reported as null, not simulated.
        case infinite
        /// Not defined here (i.i.d. at non-integer n), or nothing to do.
        case skip
    }

    func plan(_ design: DesignKind, at point: ClosedForms) -> Plan {
        guard settings.trials > 0 else { return .skip }
        switch design {
        case .surrogate:
            return .simulate(.surrogate(SurrogatePlan(n: point.n, lambda: point.lambda, eigenvalues: model.eigenvalues)))
        case .iid:
            guard point.n == point.n.rounded(), point.n >= 1 else { return .skip }
            if HeavyTail.iidHasInfiniteMean(n: point.n, d: model.d, sigma: model.sigma) { return .infinite }
            return .simulate(.iid(rows: Int(point.n)))
        }
    }

    struct Job {
        var point: Int
        var n: Double
        var lambda: Double?
        var design: DesignKind
        var draw: Draw

        func maximumRows(d: Int) -> Int {
            switch draw {
            case .surrogate(let plan): return plan.typicalMaximumRows(d: d)
            case .iid(let rows): return rows
            }
        }
    }

    /// Consecutive jobs whose per-trial results fit in `valuesPerBatch` (at least one job each).
    func batches(_ jobs: [Job]) -> [ArraySlice<Job>] {
        let perBatch = max(1, Self.valuesPerBatch / max(settings.trials, 1))
        return stride(from: 0, to: jobs.count, by: perBatch).map { jobs[$0..<min($0 + perBatch, jobs.count)] }
    }

    // MARK: - Simulation

    /// One thread's solver and design storage.
    struct Worker {
        let solver: MinNormSolver
        let workspace: DesignWorkspace
    }

    private func simulate(_ batch: ArraySlice<Job>, progress: (Int) -> Void,
                          cancellation: Cancellation?) throws -> [(Job, MonteCarloEstimate)] {
        let jobs = Array(batch), trials = settings.trials, d = model.d
        let unitsPerJob = (trials + Self.trialsPerUnit - 1) / Self.trialsPerUnit
        let maxRows = jobs.map { $0.maximumRows(d: d) }.max() ?? d
        var errors = [Double](repeating: 0, count: jobs.count * trials)
        var rows = [Double](repeating: 0, count: jobs.count * trials)
        let lock = NSLock()
        var finished = 0, stopped = false
        errors.withUnsafeMutableBufferPointer { errors in
            rows.withUnsafeMutableBufferPointer { rows in
                model.wEigen.withUnsafeBufferPointer { w in
                    model.eigenvalues.withUnsafeBufferPointer { s in
                        ParallelFor.run(
                            count: jobs.count * unitsPerJob, threads: settings.threads,
                            makeWorker: { Worker(solver: MinNormSolver(d: d, maxRows: maxRows),
                                                 workspace: DesignWorkspace(d: d, maxRows: maxRows)) }
                        ) { worker, unit in
                            if cancellation?.isCancelled == true {
                                lock.lock(); stopped = true; lock.unlock()
                                return
                            }
                            let j = unit / unitsPerJob, first = (unit % unitsPerJob) * Self.trialsPerUnit
                            let range = first..<min(first + Self.trialsPerUnit, trials)
                            for t in range {
                                let (error, k) = runTrial(jobs[j], trial: t, worker: worker, w: w, s: s)
                                errors[j * trials + t] = error
                                rows[j * trials + t] = Double(k)
                            }
                            lock.lock(); finished += range.count; let count = finished
                            progress(count); lock.unlock()
                        }
                    }
                }
            }
        }
        if stopped { throw CancelledError() }
        return jobs.enumerated().map { j, job in
            errors.withUnsafeBufferPointer { errors in
                rows.withUnsafeBufferPointer { rows in
                    (job, summarise(job, errors: UnsafeBufferPointer(rebasing: errors[j * trials..<(j + 1) * trials]),
                                    rows: UnsafeBufferPointer(rebasing: rows[j * trials..<(j + 1) * trials])))
                }
            }
        }
    }

    /// One draw of the design and the noise-averaged error of the min-norm estimator on it.
    private func runTrial(_ job: Job, trial: Int, worker: Worker, w: UnsafeBufferPointer<Double>,
                          s: UnsafeBufferPointer<Double>) -> (error: Double, rows: Int) {
        var rng = RandomStream(seed: settings.seed, keys: [job.n.bitPattern, job.design.streamKey, UInt64(trial)])
        switch job.draw {
        case .surrogate(let plan):
            sampler.drawSurrogate(plan, rotateRows: false, into: worker.workspace, using: &rng)
        case .iid(let k):
            sampler.drawIID(rows: k, into: worker.workspace, using: &rng)
        }
        let error = worker.solver.conditionalError(design: worker.workspace.design, rows: worker.workspace.rows,
                                                   wstar: w.baseAddress!, eigenvalues: s.baseAddress!,
                                                   sigma: model.sigma, withPredictionRisk: false)
        return (error.parameterError, worker.workspace.rows)
    }

    private func summarise(_ job: Job, errors: UnsafeBufferPointer<Double>,
                           rows: UnsafeBufferPointer<Double>) -> MonteCarloEstimate {
        var moments = RunningMoments(), rowMoments = RunningMoments()
        for e in errors { moments.add(e) }
        for k in rows { rowMoments.add(k) }
        let heavyByTheory: Bool
        switch job.design {
        case .surrogate:
            heavyByTheory = HeavyTail.surrogateIsHeavy(n: job.n, lambda: job.lambda, eigenvalues: model.eigenvalues,
                                                       sigma: model.sigma, trials: errors.count)
        case .iid:
            heavyByTheory = HeavyTail.iidIsHeavy(n: job.n, d: model.d, sigma: model.sigma)
        }
        return MonteCarloEstimate(
            trials: errors.count, mse: moments.mean, standardError: moments.standardError,
            meanRows: rowMoments.mean,
            heavyTail: heavyByTheory || TailIndex.showsInfiniteVariance(errors))
    }
}
