import DDLinearAlgebra
import DDModel
import DDRandom
import DDSampling
import DDSimulation
import DDTheory

/// Monte Carlo of the min-norm estimate w_hat = X^+ y over random designs, with the responses drawn
/// row by row: y_i = f(x_i^T w*) + xi_i, xi_i ~ N(0, sigma^2) (docs/MATH.md, "Theorem 2").
///
/// The surrogate design is drawn exactly, including the Haar rotation of its determinantal block
/// and the row shuffle (`rotateRows: true`): w_hat depends on the rows themselves, not only on
/// X^T X, once y is attached to them. Trial t at n draws from its own stream,
/// RandomStream(seed, keys: [bits of n, design key, t, streamTag]) — the tag keeps these draws
/// independent of the MSE Monte Carlo's at the same point. The trials run on the MSE Monte Carlo's
/// engine (`MonteCarloEngine`, one kernel: `RidgeKernel`), which hands them back in blocks in trial
/// order; they are reduced in that order (`VectorMoments`), so every number is the same for any
/// thread count. Vectors are in Sigma's eigenbasis.
package struct RidgeMonteCarlo {
    package let model: RegressionModel
    package let response: RidgeResponse
    package let design: DesignKind
    package let seed: UInt64
    package let threads: Int
    let sampler: any DesignSampler
    /// For a data set: its sampler, which reports the rows it draws, and each row's response.
    let population: (sampler: FinitePopulationSampler, values: [Double])?

    /// The last stream key of every ridge draw ("ridge" in ASCII), separating its streams from the
    /// MSE Monte Carlo's, so `sweep --check-ridge` columns are independent of the `mc_*` ones.
    static let streamTag: UInt64 = 0x72_69_64_67_65

    /// The most per-trial values held at once (`MonteCarloEngine`, which streams the draws in blocks).
    package static let valuesPerBatch = 1 << 20

    package init(model: RegressionModel, response: RidgeResponse, design: DesignKind, seed: UInt64, threads: Int) {
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
    package struct Result: Sendable {
        package var moments: VectorMoments
        package var meanRows: Double
        /// The per-draw ||w_hat||^2 has (by theory) or shows (Hill's estimator) infinite variance: the
        /// sample covariance, hence the test's scale, converges slowly and the p-value is approximate.
        package var heavyTail: Bool
        /// Cov(w_hat) itself is infinite (i.i.d. Gaussian design at n in {d-1, d, d+1}): no
        /// central limit theorem, so no p-value is reported.
        package var infiniteCovariance: Bool
    }

    /// `trials` draws at n (`lambda` = lambda_n is required for the surrogate at n < d; the i.i.d.
    /// design needs integer n >= 1). `progress(done, total)` is serialised. With `ridge` (lambda > 0)
    /// the estimator is w_lambda and the surrogate the regularized surrogate design at its kappa and gamma.
    package func run(n: Double, lambda: Double?, trials: Int, progress: ((Int, Int) -> Void)? = nil,
                    cancellation: Cancellation? = nil, ridge: RidgeEquivalent? = nil) throws -> Result {
        precondition(trials >= 1 && n > 0 && n.isFinite)
        BLASThreads.useSingleThread()
        let d = model.d
        let draw: DesignPlan
        switch design {
        case .surrogate:
            draw = .surrogate(ridge.map { SurrogatePlan(kappa: $0.kappa, gamma: $0.gamma, eigenvalues: model.eigenvalues) }
                ?? SurrogatePlan(n: n, lambda: lambda, eigenvalues: model.eigenvalues))
        case .iid:
            precondition(n == n.rounded() && n >= 1, "the i.i.d. design needs an integer n >= 1")
            draw = .iid(rows: Int(n))
        }
        var kernel = RidgeKernel(model: model, response: response, design: design, seed: seed, n: n, draw: draw,
                                 sampler: sampler, population: population)
        kernel.ridgeLambda = ridge?.ridgeLambda ?? 0
        let engine = MonteCarloEngine(threads: threads, valuesPerBatch: Self.valuesPerBatch, splitsJobs: true)
        var moments = VectorMoments(dimension: d)
        var squaredNorms = [Double](repeating: 0, count: trials)
        var rowSum = 0.0
        // Each trial's values: w_hat (d eigen coordinates), then the row count.
        try engine.run(kernel, jobs: 1, trials: trials, progress: progress, cancellation: cancellation) { block, values in
            for (i, t) in block.trials.enumerated() {
                let w = UnsafeBufferPointer(rebasing: values[i * (d + 1)..<i * (d + 1) + d])
                moments.add(w)
                squaredNorms[t] = w.reduce(0) { $0 + $1 * $1 }
                rowSum += values[i * (d + 1) + d]
            }
        }
        return Result(moments: moments, meanRows: rowSum / Double(trials),
                      // At lambda > 0, ||w_lambda|| <= ||y|| / (2 sqrt(lambda)): no heavy tail by theory.
                      heavyTail: (ridge == nil && heavyByTheory(n: n, lambda: lambda, trials: trials))
                        || squaredNorms.withUnsafeBufferPointer(TailIndex.showsInfiniteVariance),
                      infiniteCovariance: ridge == nil && design == .iid && HeavyTail.iidHasInfiniteMean(n: n, d: d, sigma: residualScale))
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
