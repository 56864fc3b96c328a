import DDLinearAlgebra
import DDModel
import DDRandom
import DDSampling
import DDSimulation
import Foundation

/// Monte Carlo of the min-norm estimate w_hat = X^+ y over random designs, with the responses drawn
/// row by row: y_i = f(x_i^T w*) + xi_i, xi_i ~ N(0, sigma^2) (docs/MATH.md, "Theorem 2").
///
/// The surrogate design is drawn exactly, including the Haar rotation of its determinantal block
/// and the row shuffle (`rotateRows: true`): w_hat depends on the rows themselves, not only on
/// X^T X, once y is attached to them. Trial t at n draws from its own stream,
/// RandomStream(seed, keys: [bits of n, design key, t, streamTag]) — the tag keeps these draws
/// independent of the MSE Monte Carlo's at the same point — and the draws are reduced in trial order
/// (`VectorMoments`), so every number is the same for any thread count. Vectors are in Sigma's
/// eigenbasis.
public struct RidgeMonteCarlo {
    public let model: RegressionModel
    public let response: RidgeResponse
    public let design: DesignKind
    public let seed: UInt64
    public let threads: Int
    let sampler: any DesignSampler
    /// For a data set: its sampler, which reports the rows it draws, and each row's response.
    let population: (sampler: FinitePopulationSampler, values: [Double])?

    /// The last stream key of every ridge draw ("ridge" in ASCII), separating its streams from the
    /// MSE Monte Carlo's, so `sweep --check-ridge` columns are independent of the `mc_*` ones.
    static let streamTag: UInt64 = 0x72_69_64_67_65

    /// Trials per unit of parallel work, and the most per-trial values held at once.
    static let trialsPerUnit = 32
    static let valuesPerBatch = 1 << 20

    public init(model: RegressionModel, response: RidgeResponse, design: DesignKind, seed: UInt64, threads: Int) {
        self.model = model
        self.response = response
        self.design = design
        self.seed = seed
        self.threads = max(1, threads)
        sampler = model.features.sampler(eigenvalues: model.eigenvalues)
        population = model.population.flatMap { data in
            response.rowValues(for: model).map { (FinitePopulationSampler(population: data), $0) }
        }
    }

    /// What the draws say: their mean and sample covariance (eigen coordinates) and tail warnings.
    public struct Result: Sendable {
        public var moments: VectorMoments
        public var meanRows: Double
        /// The per-draw ||w_hat||^2 has (by theory) or shows (Hill's estimator) infinite variance: the
        /// sample covariance, hence the test's scale, converges slowly and the p-value is approximate.
        public var heavyTail: Bool
        /// Cov(w_hat) itself is infinite (i.i.d. Gaussian design at n in {d-1, d, d+1}): no
        /// central limit theorem, so no p-value is reported.
        public var infiniteCovariance: Bool
    }

    /// `trials` draws at n (`lambda` = lambda_n is required for the surrogate at n < d; the i.i.d.
    /// design needs integer n >= 1). `progress(done, total)` is serialised.
    public func run(n: Double, lambda: Double?, trials: Int, progress: ((Int, Int) -> Void)? = nil,
                    cancellation: Cancellation? = nil) throws -> Result {
        precondition(trials >= 1 && n > 0 && n.isFinite)
        BLASThreads.useSingleThread()
        let d = model.d
        let draw: Draw
        switch design {
        case .surrogate: draw = .surrogate(SurrogatePlan(n: n, lambda: lambda, eigenvalues: model.eigenvalues))
        case .iid:
            precondition(n == n.rounded() && n >= 1, "the i.i.d. design needs an integer n >= 1")
            draw = .iid(rows: Int(n))
        }
        let maxRows: Int
        switch draw {
        case .surrogate(let plan): maxRows = plan.typicalMaximumRows(d: d)
        case .iid(let rows): maxRows = rows
        }
        let perBatch = max(Self.trialsPerUnit, Self.valuesPerBatch / d / Self.trialsPerUnit * Self.trialsPerUnit)
        var moments = VectorMoments(dimension: d)
        var squaredNorms = [Double](repeating: 0, count: trials)
        var rowSum = 0.0
        var estimates = [Double](repeating: 0, count: min(perBatch, trials) * d)
        var rows = [Int](repeating: 0, count: min(perBatch, trials))
        let lock = NSLock()
        var finished = 0, stopped = false
        for first in stride(from: 0, to: trials, by: perBatch) {
            let count = min(perBatch, trials - first)
            let units = (count + Self.trialsPerUnit - 1) / Self.trialsPerUnit
            estimates.withUnsafeMutableBufferPointer { estimates in
                rows.withUnsafeMutableBufferPointer { rows in
                    ParallelFor.run(count: units, threads: threads,
                                    makeWorker: { Worker(d: d, maxRows: maxRows) }) { worker, unit in
                        if cancellation?.isCancelled == true {
                            lock.lock(); stopped = true; lock.unlock()
                            return
                        }
                        let range = unit * Self.trialsPerUnit..<min((unit + 1) * Self.trialsPerUnit, count)
                        for t in range {
                            rows[t] = runTrial(n: n, draw: draw, trial: first + t, worker: &worker,
                                               into: estimates.baseAddress! + t * d)
                        }
                        lock.lock(); finished += range.count; progress?(finished, trials); lock.unlock()
                    }
                }
            }
            if stopped { throw CancelledError() }
            estimates.withUnsafeBufferPointer { estimates in
                for t in 0..<count {
                    let w = UnsafeBufferPointer(rebasing: estimates[t * d..<(t + 1) * d])
                    moments.add(w)
                    squaredNorms[first + t] = w.reduce(0) { $0 + $1 * $1 }
                    rowSum += Double(rows[t])
                }
            }
        }
        return Result(moments: moments, meanRows: rowSum / Double(trials),
                      heavyTail: heavyByTheory(n: n, lambda: lambda, trials: trials)
                        || squaredNorms.withUnsafeBufferPointer(TailIndex.showsInfiniteVariance),
                      infiniteCovariance: design == .iid && HeavyTail.iidHasInfiniteMean(n: n, d: d, sigma: residualScale))
    }

    /// How each trial's design is drawn.
    enum Draw {
        case surrogate(SurrogatePlan)
        case iid(rows: Int)
    }

    /// One thread's design, response and solver storage.
    struct Worker {
        let workspace: DesignWorkspace
        let solver: MinNormSolver
        var response: [Double]

        init(d: Int, maxRows: Int) {
            workspace = DesignWorkspace(d: d, maxRows: maxRows)
            solver = MinNormSolver(d: d, maxRows: maxRows)
            response = [Double](repeating: 0, count: max(maxRows, 1))
        }
    }

    /// Draws a design and its responses, writes w_hat (eigen coordinates) to `solution`, returns K.
    private func runTrial(n: Double, draw: Draw, trial: Int, worker: inout Worker,
                          into solution: UnsafeMutablePointer<Double>) -> Int {
        var rng = RandomStream(seed: seed, keys: [n.bitPattern, design.streamKey, UInt64(trial), Self.streamTag])
        if let population { return runDataTrial(draw: draw, population: population, rng: &rng, worker: &worker, into: solution) }
        switch draw {
        case .surrogate(let plan): sampler.drawSurrogate(plan, rotateRows: true, into: worker.workspace, using: &rng)
        case .iid(let k): sampler.drawIID(rows: k, into: worker.workspace, using: &rng)
        }
        let k = worker.workspace.rows, d = model.d, x = worker.workspace.design
        if worker.response.count < k { worker.response = [Double](repeating: 0, count: k) }
        let w = model.wEigen, sigma = model.sigma
        worker.response.withUnsafeMutableBufferPointer { y in
            for i in 0..<k { y[i] = 0 }
            for j in 0..<d where w[j] != 0 {
                let column = x + j * k, wj = w[j]
                for i in 0..<k { y[i] += column[i] * wj }
            }
            for i in 0..<k { y[i] = response.link(y[i]) + sigma * rng.normal() }
            worker.solver.solve(design: x, rows: k, response: y.baseAddress!, solution: solution)
        }
        return k
    }

    /// A trial on a data set: rows drawn as indices, y_i = (the row's response) + noise.
    private func runDataTrial(draw: Draw, population: (sampler: FinitePopulationSampler, values: [Double]),
                              rng: inout RandomStream, worker: inout Worker,
                              into solution: UnsafeMutablePointer<Double>) -> Int {
        let rows: [Int]
        switch draw {
        case .surrogate(let plan): rows = population.sampler.surrogateRows(plan, shuffled: true, using: &rng)
        case .iid(let k): rows = population.sampler.iidRows(k, using: &rng)
        }
        population.sampler.copy(rows, into: worker.workspace)
        let k = rows.count
        if worker.response.count < k { worker.response = [Double](repeating: 0, count: k) }
        for (i, row) in rows.enumerated() { worker.response[i] = population.values[row] + model.sigma * rng.normal() }
        worker.response.withUnsafeBufferPointer { y in
            worker.solver.solve(design: worker.workspace.design, rows: k, response: y.baseAddress!, solution: solution)
        }
        return k
    }

    /// Theory's warning (`HeavyTail`): draws whose ||w_hat||^2 has infinite variance are expected.
    private func heavyByTheory(n: Double, lambda: Double?, trials: Int) -> Bool {
        switch design {
        case .surrogate:
            return HeavyTail.surrogateIsHeavy(n: n, lambda: lambda, eigenvalues: model.eigenvalues,
                                              sigma: residualScale, trials: trials)
        case .iid:
            return HeavyTail.iidIsHeavy(n: n, d: model.d, sigma: residualScale)
        }
    }

    /// What plays the noise level in the heavy-tail rules: the response's deviation from the linear
    /// model x^T w*. Linear responses without noise give w_hat = P w*, bounded; a non-linear
    /// response leaves a residual even at sigma = 0, which X^+ amplifies like noise.
    private var residualScale: Double {
        response == .linear ? model.sigma : max(model.sigma, 1)
    }
}
