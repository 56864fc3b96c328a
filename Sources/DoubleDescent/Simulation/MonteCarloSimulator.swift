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
///
/// The draws are those of the normalised model (`ScaleNormalisation`: spectrum c s, noise level
/// sqrt(c) sigma), whose errors have exactly the law of the model's; on ordinary scales they are
/// the same bits.
public struct MonteCarloSimulator {
    public let model: RegressionModel
    public let settings: MonteCarloSettings
    let scale: ScaleNormalisation
    /// The model the draws are made from: `model` normalised by `scale`.
    let simulated: RegressionModel
    let sampler: any DesignSampler
    /// How Gaussian draws skip the explicit rows (nil, for other feature laws and data sets: every
    /// draw is drawn as rows and solved by `MinNormSolver`).
    let gaussianShortcut: GaussianShortcut?
    /// sqrt(s_i), for `WideGaussianDraw`: the Gaussian sampler's (empty for other laws).
    let rootEigenvalues: [Double]

    /// Exact laws of the per-draw error that skip the explicit rows (docs/MATH.md, "Monte Carlo").
    enum GaussianShortcut: Equatable {
        /// Draws with K >= d rows go through `WishartGramDraw`, those with 0 < K < d through
        /// `WideGaussianDraw`.
        case general
        /// Sigma = s I: every draw goes through `IsotropicGaussianDraw`.
        case isotropic(eigenvalue: Double)
    }

    /// Trials per unit of parallel work: large enough to amortise scheduling, small enough to balance.
    public static let trialsPerUnit = 32
    /// Per-trial results held at once (8 bytes each): points are simulated in batches under this.
    public static let valuesPerBatch = 1 << 21

    public init(model: RegressionModel, settings: MonteCarloSettings) {
        self.model = model
        self.settings = settings
        scale = ScaleNormalisation(model)
        simulated = scale.normalise(model)
        sampler = simulated.makeSampler()
        if model.population != nil || model.features != .gaussian {
            gaussianShortcut = nil
        } else if model.covariance.isIsotropic {
            gaussianShortcut = .isotropic(eigenvalue: simulated.eigenvalues[0])
        } else {
            gaussianShortcut = .general
        }
        rootEigenvalues = (sampler as? GaussianDesignSampler)?.rootEigenvalues ?? []
    }

    /// Simulates every point; `progress(done, total)` reports trials as units finish (serialised).
    /// Throws `CancelledError` soon after `cancellation` is set.
    public func run(_ points: [ClosedForms], progress: ((Int, Int) -> Void)? = nil,
                    cancellation: Cancellation? = nil) throws -> [MonteCarloPoint] {
        let work = plan(points)
        return work.assemble(try run(work, progress: progress, cancellation: cancellation))
    }

    /// Simulates the jobs of `work` whose indices are in `selected` (all when nil), skipping what
    /// `resume` already holds, and returns the estimate of every selected job by index (the resumed
    /// ones included). `observer` hears of every unit and job as it finishes; `progress(done, total)`
    /// counts trials, the resumed ones included. Throws `CancelledError` soon after `cancellation` is set.
    public func run(_ work: MonteCarloWork, selected: Set<Int>? = nil, resume: MonteCarloState = MonteCarloState(),
                    observer: MonteCarloObserver? = nil, progress: ((Int, Int) -> Void)? = nil,
                    cancellation: Cancellation? = nil) throws -> [Int: MonteCarloEstimate] {
        BLASThreads.useSingleThread()
        let chosen = work.jobs.filter { selected?.contains($0.index) ?? true }
        var estimates: [Int: MonteCarloEstimate] = [:]
        for job in chosen { estimates[job.index] = resume.finished[job.index] }
        let pending = chosen.filter { estimates[$0.index] == nil }
        let total = chosen.count * settings.trials
        var done = (chosen.count - pending.count) * settings.trials
        for job in pending { done += resume.units[job.index]?.values.reduce(0) { $0 + $1.errors.count } ?? 0 }
        if done > 0 { progress?(done, total) }
        for batch in batches(pending) {
            var finishedInBatch = 0
            let before = done
            for (index, estimate) in try simulate(batch, resume: resume, observer: observer,
                                                  progress: { finishedInBatch = $0; progress?(before + $0, total) },
                                                  cancellation: cancellation) {
                estimates[index] = estimate
            }
            done = before + finishedInBatch
        }
        return estimates
    }

    // MARK: - Planning

    /// Every (point, design) job of a sweep, numbered in order.
    public func plan(_ points: [ClosedForms]) -> MonteCarloWork {
        var jobs: [MonteCarloJob] = []
        var infinite: [Int] = []
        for (index, point) in points.enumerated() {
            for design in settings.designs {
                switch plan(design, at: point) {
                case .simulate(let draw):
                    jobs.append(MonteCarloJob(index: jobs.count, point: index, n: point.n, lambda: point.lambda,
                                              design: design, draw: draw))
                case .infinite: infinite.append(index)
                case .skip: break
                }
            }
        }
        return MonteCarloWork(pointCount: points.count, trials: settings.trials, jobs: jobs, infiniteIID: infinite)
    }

    enum Plan {
        case simulate(MonteCarloJob.Draw)
        /// The i.i.d. MSE is infinite here: reported as null, not simulated.
        case infinite
        /// Not defined here (i.i.d. at non-integer n), or nothing to do.
        case skip
    }

    func plan(_ design: DesignKind, at point: ClosedForms) -> Plan {
        guard settings.trials > 0 else { return .skip }
        switch design {
        case .surrogate:
            return .simulate(.surrogate(SurrogatePlan(n: point.n, lambda: point.lambda.map(scale.normalised),
                                                      eigenvalues: simulated.eigenvalues)))
        case .iid:
            guard point.n == point.n.rounded(), point.n >= 1 else { return .skip }
            // Continuous features only: a data set has finitely many designs, each with a finite error.
            if model.population == nil, HeavyTail.iidHasInfiniteMean(n: point.n, d: model.d, sigma: model.sigma) {
                return .infinite
            }
            return .simulate(.iid(rows: Int(point.n)))
        }
    }

    typealias Job = MonteCarloJob

    /// Units of `trialsPerUnit` trials per job (the last one may be shorter).
    public static func unitsPerJob(trials: Int) -> Int { (trials + trialsPerUnit - 1) / trialsPerUnit }

    /// The trials of unit `unit`.
    public static func trialRange(unit: Int, trials: Int) -> Range<Int> {
        let first = unit * trialsPerUnit
        return first..<min(first + trialsPerUnit, trials)
    }

    /// Jobs per batch: their per-trial results fit in `valuesPerBatch` (at least one job).
    public static func jobsPerBatch(trials: Int) -> Int { max(1, valuesPerBatch / max(trials, 1)) }

    /// Consecutive jobs whose per-trial results fit in `valuesPerBatch` (at least one job each).
    func batches(_ jobs: [Job]) -> [ArraySlice<Job>] {
        let perBatch = Self.jobsPerBatch(trials: settings.trials)
        return stride(from: 0, to: jobs.count, by: perBatch).map { jobs[$0..<min($0 + perBatch, jobs.count)] }
    }

    // MARK: - Simulation

    /// One thread's storage, each buffer made on first use: isotropic Gaussian draws need only
    /// `selected`, tall Gaussian draws `gramFactor`, wide ones `wide` (and the solver and the
    /// workspace in the rare fallback), every other draw the workspace and the solver.
    final class Worker {
        let d: Int, maxRows: Int
        /// The surrogate's kept directions, or the triangle of a wide draw (length d).
        let selected: ScratchBuffer<Int>
        lazy var solver = MinNormSolver(d: d, maxRows: maxRows)
        lazy var workspace = DesignWorkspace(d: d, maxRows: maxRows)
        lazy var wide = WideGaussianDraw(d: d)
        /// The d x d Bartlett factor of `WishartGramDraw`.
        lazy var gramFactor = ScratchBuffer(capacity: d * d, zero: 0.0)

        init(d: Int, maxRows: Int) {
            self.d = d
            self.maxRows = maxRows
            selected = ScratchBuffer(capacity: d, zero: 0)
        }
    }

    /// An upper bound on the doubles one worker holds for draws of up to `k` rows (`MemoryEstimate`):
    /// with m = min(K, d), about 5 m^2 + 3 K d + 4 max(K, d) for the design and the solver (the design,
    /// the QR factors, the lifted wide factor, the m x m triangle and SVD factors), plus about
    /// 4 d^2 + 34 d for `WideGaussianDraw` and the Bartlett factor with a non-isotropic Gaussian model;
    /// d for isotropic Gaussian draws, which hold no matrix.
    public func workerDoubles(maxRows k: Int) -> Double {
        let dd = Double(model.d), kk = Double(k), m = min(kk, dd)
        let rowsAndSolver = 5 * m * m + 3 * kk * dd + 4 * max(kk, dd)
        switch gaussianShortcut {
        case .isotropic: return dd
        case .general: return rowsAndSolver + 4 * dd * dd + 34 * dd
        case nil: return rowsAndSolver
        }
    }

    /// Runs the units of `batch` not in `resume`; a job is summarised as soon as its last unit is in.
    /// `progress` counts the trials run here (not the resumed ones).
    private func simulate(_ batch: ArraySlice<Job>, resume: MonteCarloState, observer: MonteCarloObserver?,
                          progress: (Int) -> Void, cancellation: Cancellation?) throws -> [(Int, MonteCarloEstimate)] {
        let jobs = Array(batch), trials = settings.trials, d = model.d
        let unitsPerJob = Self.unitsPerJob(trials: trials)
        let maxRows = jobs.map { $0.maximumRows(d: d) }.max() ?? d
        var errors = [Double](repeating: 0, count: jobs.count * trials)
        var rows = [Double](repeating: 0, count: jobs.count * trials)
        var remaining = [Int](repeating: unitsPerJob, count: jobs.count)
        var pending: [(job: Int, unit: Int)] = []
        var finished = 0
        for (j, job) in jobs.enumerated() {
            let saved = resume.units[job.index] ?? [:]
            for unit in 0..<unitsPerJob {
                let range = Self.trialRange(unit: unit, trials: trials)
                if let values = saved[unit], values.errors.count == range.count, values.rows.count == range.count {
                    for (i, t) in range.enumerated() {
                        errors[j * trials + t] = values.errors[i]
                        rows[j * trials + t] = values.rows[i]
                    }
                    remaining[j] -= 1
                } else {
                    pending.append((j, unit))
                }
            }
        }
        var estimates = [MonteCarloEstimate?](repeating: nil, count: jobs.count)
        let lock = NSLock()
        var stopped = false
        errors.withUnsafeMutableBufferPointer { errors in
            rows.withUnsafeMutableBufferPointer { rows in
                /// Summarises job j (all its values are in) and reports it.
                func complete(_ j: Int) {
                    let estimate = summarise(jobs[j], errors: UnsafeBufferPointer(rebasing: errors[j * trials..<(j + 1) * trials]),
                                             rows: UnsafeBufferPointer(rebasing: rows[j * trials..<(j + 1) * trials]))
                    lock.lock(); estimates[j] = estimate
                    observer?.jobFinished(job: jobs[j].index, estimate: estimate); lock.unlock()
                }
                // Jobs whose units were all saved, but not their estimate.
                for j in jobs.indices where remaining[j] == 0 { complete(j) }
                simulated.wEigen.withUnsafeBufferPointer { w in
                    simulated.eigenvalues.withUnsafeBufferPointer { s in
                        ParallelFor.run(
                            count: pending.count, threads: settings.threads,
                            makeWorker: { Worker(d: d, maxRows: maxRows) }
                        ) { worker, p in
                            if cancellation?.isCancelled == true {
                                lock.lock(); stopped = true; lock.unlock()
                                return
                            }
                            let (j, unit) = pending[p]
                            let range = Self.trialRange(unit: unit, trials: trials)
                            for t in range {
                                let (error, k) = runTrial(jobs[j], trial: t, worker: worker, w: w, s: s)
                                errors[j * trials + t] = error
                                rows[j * trials + t] = Double(k)
                            }
                            lock.lock()
                            finished += range.count
                            progress(finished)
                            if let observer {
                                let values = TrialValues(errors: Array(errors[j * trials + range.lowerBound..<j * trials + range.upperBound]),
                                                         rows: Array(rows[j * trials + range.lowerBound..<j * trials + range.upperBound]))
                                observer.unitFinished(job: jobs[j].index, unit: unit, values: values)
                            }
                            remaining[j] -= 1
                            let last = remaining[j] == 0
                            lock.unlock()
                            // Outside the lock: no other unit writes job j any more.
                            if last { complete(j) }
                        }
                    }
                }
            }
        }
        if stopped { throw CancelledError() }
        return jobs.indices.compactMap { j in estimates[j].map { (jobs[j].index, $0) } }
    }

    /// One draw of the design and the noise-averaged error of the min-norm estimator on it.
    private func runTrial(_ job: Job, trial: Int, worker: Worker, w: UnsafeBufferPointer<Double>,
                          s: UnsafeBufferPointer<Double>) -> (error: Double, rows: Int) {
        var rng = RandomStream(seed: settings.seed, keys: [job.n.bitPattern, job.design.streamKey, UInt64(trial)])
        guard let shortcut = gaussianShortcut else {
            switch job.draw {
            case .surrogate(let plan):
                sampler.drawSurrogate(plan, rotateRows: false, into: worker.workspace, using: &rng)
            case .iid(let k):
                sampler.drawIID(rows: k, into: worker.workspace, using: &rng)
            }
            let error = worker.solver.conditionalError(design: worker.workspace.design, rows: worker.workspace.rows,
                                                       wstar: w.baseAddress!, eigenvalues: s.baseAddress!,
                                                       sigma: simulated.sigma, withPredictionRisk: false)
            return (error.parameterError, worker.workspace.rows)
        }
        let d = model.d, selected = worker.selected.pointer
        let k = rowCount(job, selected: selected, using: &rng)
        switch shortcut {
        case .isotropic(let eigenvalue):
            let error = IsotropicGaussianDraw.error(rows: k, d: d, degreesOfFreedom: gramDegrees(job, rows: k),
                                                    eigenvalue: eigenvalue, sigma: simulated.sigma,
                                                    wNormSquared: model.wNormSquared, using: &rng)
            return (error, k)
        case .general where k >= d:
            let error = WishartGramDraw.error(degreesOfFreedom: gramDegrees(job, rows: k), sigma: simulated.sigma, eigenvalues: s,
                                              factor: worker.gramFactor.pointer, using: &rng)
            return (error, k)
        case .general where k == 0:
            return (model.wNormSquared, 0)
        case .general:
            // The triangle: the surrogate's kept directions (already in `selected`), else the first k.
            if job.design == .iid { for i in 0..<k { selected[i] = i } }
            let error = rootEigenvalues.withUnsafeBufferPointer { root in
                worker.wide.error(rows: k, triangleColumns: selected, chiExcess: job.design == .surrogate ? 2 : 0,
                                   rootEigenvalues: root.baseAddress!, wstar: w.baseAddress!, sigma: simulated.sigma,
                                   using: &rng) { design in
                    worker.solver.conditionalError(design: design, rows: k, wstar: w.baseAddress!, eigenvalues: s.baseAddress!,
                                                   sigma: simulated.sigma, withPredictionRisk: false).parameterError
                }
            }
            return (error, k)
        }
    }

    /// The row count K of a draw, drawn here for the surrogate design: the spectral selection
    /// (`SurrogatePlan.select`, into `selected`) for n < d, d + Poisson(n - d) for n >= d.
    private func rowCount(_ job: Job, selected: UnsafeMutablePointer<Int>, using rng: inout RandomStream) -> Int {
        switch job.draw {
        case .iid(let k): return k
        case .surrogate(let plan):
            let (kept, extraRows) = plan.select(into: selected, d: model.d, using: &rng)
            return kept + extraRows
        }
    }

    /// The Wishart degrees of freedom of a Gaussian draw's min(K, d) x min(K, d) Gram matrix:
    /// max(K, d) for i.i.d. rows, two more for the surrogate design's det weighting.
    private func gramDegrees(_ job: Job, rows k: Int) -> Int {
        max(k, model.d) + (job.design == .surrogate ? 2 : 0)
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
