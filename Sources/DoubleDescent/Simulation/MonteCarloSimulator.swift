import DDLinearAlgebra
import DDModel
import DDSampling
import DDTheory
import Foundation

/// What to simulate: trials per point and design, which designs, the master seed, the threads and
/// how a trial is drawn (`sampler`).
public struct MonteCarloSettings: Sendable {
    public var trials: Int
    public var seed: UInt64
    public var designs: [DesignKind]
    public var threads: Int
    /// `.rows` draws every design as explicit rows and solves it (no Gaussian shortcut).
    public var sampler: MonteCarloSampler
    /// The error each trial reports (docs/MATH.md, "Prediction risk"); estimation by default.
    public var risk: Risk = .estimation
    /// The ridge penalty lambda (unnormalised, on the model's scale; docs/MATH.md, "Ridge at any
    /// lambda"). 0, the default, is the min-norm estimator with today's kernels and bits; lambda > 0
    /// draws the regularized surrogate design and i.i.d. rows and solves the ridge system
    /// (`RidgeSolver`: on a tilted Bartlett factor of X^T X for Gaussian models, `RidgeGaussianKernel`;
    /// on explicit rows otherwise and under `.rows`, `DesignRowsKernel`); lambda < 0 is not simulated (the expected error is infinite for
    /// continuous laws): every Monte Carlo estimate is then nil.
    public var ridgeLambda = 0.0

    /// 2^32 trials per point and design: counts of trials summed over every job a run can hold stay
    /// far from overflowing an `Int`.
    public static let maximumTrials = 1 << 32

    /// `threads` below 1 count as 1. `run` refuses trials outside 0...`maximumTrials`.
    public init(trials: Int, seed: UInt64, designs: [DesignKind], threads: Int, sampler: MonteCarloSampler = .exactLaw) {
        self.trials = trials
        self.seed = seed
        self.designs = designs
        self.threads = threads
        self.sampler = sampler
    }
}

/// The Monte Carlo next to the closed forms: for each point and design, `trials` exact draws of the
/// design, the min-norm estimator's error on each (noise averaged exactly, `MinNormSolver`), and their
/// mean, standard error and mean row count (docs/MATH.md, "Monte Carlo").
///
/// Trial t of design D at n draws from its own stream, keyed by (seed, bits of n, D, t), so each
/// number is a pure function of the inputs and the seed: the same bits for any thread count, grid or
/// sharding. The simulator plans the jobs, picks the kernel of the model and the sampler
/// (`IsotropicGaussianKernel`, `GaussianKernel`, `RidgeGaussianKernel` at a ridge penalty, or `DesignRowsKernel`
/// for `.rows`) and reduces; `MonteCarloEngine` runs the trials in fixed
/// units spread over the threads, stores every per-trial error and hands them back in trial order.
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
    /// How Gaussian draws skip the explicit rows (nil, for other feature laws, data sets and the
    /// `.rows` sampler: every draw is drawn as rows and solved by `MinNormSolver`).
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

    /// Trials per unit of parallel work (`MonteCarloEngine.trialsPerUnit`).
    public static let trialsPerUnit = MonteCarloEngine.trialsPerUnit
    /// Per-trial errors held at once (with as many row counts; 8 bytes each): points are simulated
    /// in batches under this.
    public static let valuesPerBatch = 1 << 21

    public init(model: RegressionModel, settings: MonteCarloSettings) {
        self.model = model
        self.settings = settings
        scale = ScaleNormalisation(model)
        simulated = scale.normalise(model)
        sampler = simulated.makeSampler()
        if settings.sampler == .rows || model.population != nil || model.features != .gaussian {
            gaussianShortcut = nil
        } else if model.covariance.isIsotropic {
            gaussianShortcut = .isotropic(eigenvalue: simulated.eigenvalues[0])
        } else {
            gaussianShortcut = .general
        }
        rootEigenvalues = (sampler as? GaussianDesignSampler)?.rootEigenvalues ?? []
    }

    /// Simulates every point; `progress(done, total)` reports trials as units finish (serialised).
    /// Throws `CancelledError` soon after `cancellation` is set, `SimulationError` for a trial count
    /// out of range and `ModelError` for a point that cannot be drawn (`check`).
    public func run(_ points: [ClosedForms], progress: ((Int, Int) -> Void)? = nil,
                    cancellation: Cancellation? = nil) throws -> [MonteCarloPoint] {
        try Self.check(trials: settings.trials, minimum: 0)
        if settings.trials > 0 { try Self.check(points, d: model.d) }
        let work = plan(points)
        return work.assemble(try run(work, progress: progress, cancellation: cancellation))
    }

    /// Simulates the jobs of `work` whose indices are in `selected` (all when nil), skipping what
    /// `resume` already holds, and returns the estimate of every selected job by index (the resumed
    /// ones included). `observer` hears of every unit and job as it finishes; `progress(done, total)`
    /// counts trials, the resumed ones included. Throws `CancelledError` soon after `cancellation` is set.
    package func run(_ work: MonteCarloWork, selected: Set<Int>? = nil, resume: MonteCarloState = MonteCarloState(),
                    observer: MonteCarloObserver? = nil, progress: ((Int, Int) -> Void)? = nil,
                    cancellation: Cancellation? = nil) throws -> [Int: MonteCarloEstimate] {
        let chosen = work.jobs.filter { selected?.contains($0.index) ?? true }
        var estimates: [Int: MonteCarloEstimate] = [:]
        for job in chosen { estimates[job.index] = resume.finished[job.index] }
        let pending = chosen.filter { estimates[$0.index] == nil }
        let total = chosen.count * settings.trials, resumedJobs = (chosen.count - pending.count) * settings.trials
        if resumedJobs > 0 { progress?(resumedJobs, total) }
        let simulation = Simulation(jobs: pending, resume: resume, observer: observer,
                                    progress: progress.map { progress in { progress(resumedJobs + $0, total) } },
                                    cancellation: cancellation)
        let seed = settings.seed, prediction = settings.risk == .prediction
        if settings.ridgeLambda != 0 {
            let lambda = scale.normalised(settings.ridgeLambda)
            if gaussianShortcut != nil {
                try simulate(RidgeGaussianKernel(jobs: pending, seed: seed, model: simulated, rootEigenvalues: rootEigenvalues,
                                                 prediction: prediction, ridgeLambda: lambda),
                             simulation, into: &estimates)
            } else {
                var kernel = DesignRowsKernel(jobs: pending, seed: seed, model: simulated, sampler: sampler, prediction: prediction)
                kernel.ridgeLambda = lambda
                try simulate(kernel, simulation, into: &estimates)
            }
            return estimates
        }
        switch gaussianShortcut {
        case .isotropic(let eigenvalue):
            try simulate(IsotropicGaussianKernel(jobs: pending, seed: seed, d: model.d, eigenvalue: eigenvalue,
                                                 sigma: simulated.sigma, wNormSquared: model.wNormSquared,
                                                 prediction: prediction),
                         simulation, into: &estimates)
        case .general:
            try simulate(GaussianKernel(jobs: pending, seed: seed, model: simulated, rootEigenvalues: rootEigenvalues,
                                        prediction: prediction),
                         simulation, into: &estimates)
        case nil:
            try simulate(DesignRowsKernel(jobs: pending, seed: seed, model: simulated, sampler: sampler,
                                          prediction: prediction),
                         simulation, into: &estimates)
        }
        return estimates
    }

    // MARK: - Planning

    /// Every (point, design) job of a sweep, numbered in order.
    package func plan(_ points: [ClosedForms]) -> MonteCarloWork {
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
        case simulate(DesignPlan)
        /// The i.i.d. MSE is infinite here: reported as null, not simulated.
        case infinite
        /// Not defined here (i.i.d. at non-integer n), or nothing to do.
        case skip
    }

    func plan(_ design: DesignKind, at point: ClosedForms) -> Plan {
        guard settings.trials > 0, settings.ridgeLambda >= 0 else { return .skip }
        if settings.ridgeLambda > 0 {
            switch design {
            case .surrogate: return .simulate(.surrogate(regularizedPlan(at: point)))
            case .iid:
                guard point.n == point.n.rounded(), point.n >= 1, point.n <= SampleSizeLimit.maximum else { return .skip }
                return .simulate(.iid(rows: Int(point.n)))
            }
        }
        switch design {
        case .surrogate:
            return .simulate(.surrogate(SurrogatePlan(n: point.n, lambda: point.lambda.map(scale.normalised),
                                                      eigenvalues: simulated.eigenvalues)))
        case .iid:
            guard point.n == point.n.rounded(), point.n >= 1, point.n <= SampleSizeLimit.maximum else { return .skip }
            // Continuous features only: a data set has finitely many designs, each with a finite error.
            if model.population == nil, HeavyTail.iidHasInfiniteMean(n: point.n, d: model.d, sigma: model.sigma) {
                return .infinite
            }
            return .simulate(.iid(rows: Int(point.n)))
        }
    }

    typealias Job = MonteCarloJob

    /// The regularized surrogate design at (n, lambda > 0) on the simulated model's scale: kappa from
    /// lambda = kappa (n - df1(kappa)), gamma = lambda / kappa (docs/MATH.md, "The factorisation").
    func regularizedPlan(at point: ClosedForms) -> SurrogatePlan {
        let lambda = scale.normalised(settings.ridgeLambda)
        let solver = RidgeKappaSolver(eigenvalues: simulated.eigenvalues)
        let kappa = solver.kappa(n: point.n, lambda: lambda, kappaAtZero: point.lambda.map(scale.normalised) ?? 0,
                                 kappaStar: solver.kappaStar(n: point.n))
        return SurrogatePlan(kappa: kappa, gamma: lambda / kappa, eigenvalues: simulated.eigenvalues)
    }

    /// Throws `SimulationError.invalidTrials` unless minimum <= trials <= `MonteCarloSettings.maximumTrials`.
    package static func check(trials: Int, minimum: Int) throws {
        guard trials >= minimum && trials <= MonteCarloSettings.maximumTrials else {
            throw SimulationError.invalidTrials(trials, minimum: minimum)
        }
    }

    /// Points a design can be drawn at (their fields are public and settable): n positive, finite and
    /// at most `SampleSizeLimit.maximum`, and below d a finite lambda_n >= 0. Throws `ModelError`.
    package static func check(_ points: [ClosedForms], d: Int) throws {
        for point in points {
            try SampleSizeLimit.check(point.n)
            if point.n < Double(d) {
                guard let lambda = point.lambda, lambda >= 0, lambda.isFinite else { throw ModelError.invalidLambda(point.lambda) }
            }
        }
    }

    /// Jobs per batch: their per-trial results fit in `valuesPerBatch` (at least one job).
    package static func jobsPerBatch(trials: Int) -> Int { max(1, valuesPerBatch / max(trials, 1)) }

    // MARK: - Simulation

    /// The doubles one worker holds for draws of up to `k` rows (the CLI's `MemoryBound`): with m = min(K, d),
    /// about 5 m^2 + 3 K d + 4 max(K, d) for the design and the solver (the design, the QR factors, the
    /// lifted wide factor, the m x m triangle and SVD factors) when draws are explicit rows (other feature
    /// laws, data sets, the `.rows` sampler); for a non-isotropic Gaussian model the d x d Bartlett factor, plus, when some
    /// draw can have fewer than d rows (`wide`), `WideGaussianDraw`'s 3 d^2 + 34 d (its fallback to the
    /// solver for a numerically singular draw, never seen for Gaussian designs, is not counted); d for
    /// isotropic Gaussian draws, which hold no matrix and call no LAPACK. At a ridge penalty a Gaussian
    /// model's draws are a d x d factor at most (`RidgeGaussianKernel`: the factor and `RidgeSolver`'s
    /// 4 d^2 + d, with 4 d for the orders and weights); other ridge draws are explicit rows (`RidgeSolver`
    /// holds less than the QR solver). Every other worker but the isotropic and ridge Gaussian ones also has LAPACK's own work arrays
    /// (`lapackWorkspaceDoubles`).
    public func workerDoubles(maxRows k: Int, wide: Bool = true) -> Double {
        let dd = Double(model.d), kk = Double(k), m = min(kk, dd)
        let lapack = Self.lapackWorkspaceDoubles(rows: max(kk, dd))
        if settings.ridgeLambda != 0 && gaussianShortcut != nil { return 5 * dd * dd + 5 * dd }
        switch settings.ridgeLambda != 0 ? nil : gaussianShortcut {
        case .isotropic: return dd
        case .general: return dd * dd + 2 * dd + (wide ? 3 * dd * dd + 34 * dd : 0) + lapack
        case nil: return 5 * m * m + 3 * kk * dd + 4 * max(kk, dd) + lapack
        }
    }

    /// The doubles LAPACKE allocates for the blocked factorizations of a matrix with up to `rows`
    /// rows or columns: two work arrays of 256 doubles (block size 64, four panels) per row.
    package static func lapackWorkspaceDoubles(rows: Double) -> Double { 2 * 256 * rows }

    /// The pending jobs of one `run`, what the checkpoint saved of them, and who hears of the results.
    private struct Simulation {
        let jobs: [Job]
        let resume: MonteCarloState
        let observer: MonteCarloObserver?
        /// Trials done in this simulation, the resumed units included.
        let progress: ((Int) -> Void)?
        let cancellation: Cancellation?
    }

    /// Runs `kernel` (two values per trial: the error and the row count) over the jobs on the engine,
    /// skipping the saved units, and summarises every job into `estimates` as its last unit comes in.
    private func simulate<Kernel: TrialKernel>(_ kernel: Kernel, _ simulation: Simulation,
                                               into estimates: inout [Int: MonteCarloEstimate]) throws {
        let jobs = simulation.jobs, resume = simulation.resume, observer = simulation.observer
        let engine = MonteCarloEngine(threads: settings.threads, valuesPerBatch: 2 * Self.valuesPerBatch, splitsJobs: false)
        try engine.run(
            kernel, jobs: jobs.count, trials: settings.trials,
            resume: { j, unit, slot in
                guard let saved = resume.units[jobs[j].index]?[unit], saved.errors.count == slot.count / 2,
                      saved.rows.count == slot.count / 2 else { return false }
                for i in saved.errors.indices {
                    slot[2 * i] = saved.errors[i]
                    slot[2 * i + 1] = saved.rows[i]
                }
                return true
            },
            unitFinished: observer.map { observer in
                { j, unit, values in
                    let count = values.count / 2
                    observer.unitFinished(job: jobs[j].index, unit: unit,
                                          values: TrialValues(errors: (0..<count).map { values[2 * $0] },
                                                              rows: (0..<count).map { values[2 * $0 + 1] }))
                }
            },
            progress: simulation.progress.map { progress in { done, _ in progress(done) } },
            cancellation: simulation.cancellation
        ) { block, values in
            let job = jobs[block.job]
            let estimate = summarise(job, values: values)
            estimates[job.index] = estimate
            observer?.jobFinished(job: job.index, estimate: estimate)
        }
    }

    /// The estimate of one job from its trials' (error, rows) pairs, in trial order.
    private func summarise(_ job: Job, values: UnsafeBufferPointer<Double>) -> MonteCarloEstimate {
        let errors = (0..<values.count / 2).map { values[2 * $0] }
        var moments = RunningMoments(), rowMoments = RunningMoments()
        for e in errors { moments.add(e) }
        for t in errors.indices { rowMoments.add(values[2 * t + 1]) }
        let heavyByTheory: Bool
        switch job.design {
        case .surrogate where settings.ridgeLambda > 0:
            // ||M^-1|| <= 1/lambda bounds every error: all moments are finite.
            heavyByTheory = false
        case .surrogate:
            heavyByTheory = HeavyTail.surrogateIsHeavy(n: job.n, lambda: job.lambda, eigenvalues: model.eigenvalues,
                                                       sigma: model.sigma, trials: errors.count)
        case .iid where settings.ridgeLambda > 0:
            heavyByTheory = false
        case .iid:
            heavyByTheory = HeavyTail.iidIsHeavy(n: job.n, d: model.d, sigma: model.sigma)
        }
        // A prediction risk was drawn on the normalised model (spectrum c s): 1/c times it, exactly, on the
        // model's scale; summarised first, so that its squares stay in range (docs/MATH.md, "Prediction risk").
        let original = { (x: Double?) in self.settings.risk == .prediction ? x.map(self.scale.original) : x }
        return MonteCarloEstimate(
            trials: errors.count, mean: original(moments.mean), standardError: original(moments.standardError),
            meanRows: rowMoments.mean,
            heavyTail: heavyByTheory || errors.withUnsafeBufferPointer(TailIndex.showsInfiniteVariance))
    }
}
