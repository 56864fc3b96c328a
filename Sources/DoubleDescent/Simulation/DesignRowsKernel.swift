import DDLinearAlgebra
import DDModel
import DDSampling

/// MSE trials drawn as explicit rows (every feature law but the Gaussian, data sets, and every model
/// under `MonteCarloSampler.rows`, Gaussian ones included): the design from its sampler, then the noise-averaged error of the min-norm estimator on it
/// (`MinNormSolver.conditionalError`; docs/MATH.md, "Monte Carlo"). Values per trial: the error and
/// the row count. With the prediction risk the solver also returns ||w_hat - w*||_Sigma^2, averaged over the
/// noise the same way (docs/MATH.md, "Prediction risk"). At a ridge penalty `ridgeLambda` != 0 (other
/// feature laws and data sets, and Gaussian models under `MonteCarloSampler.rows`: the reference for
/// `RidgeGaussianKernel`) the estimator is w_lambda and the error `RidgeSolver.conditionalError`
/// (docs/MATH.md, "Ridge at any lambda").
struct DesignRowsKernel: TrialKernel {
    let jobs: [MonteCarloJob]
    let seed: UInt64
    let model: RegressionModel
    let sampler: any DesignSampler
    /// Report the prediction risk (on the kernel's scale) instead of the estimation error.
    var prediction = false
    /// The ridge penalty on the kernel's scale; 0 is the min-norm estimator.
    var ridgeLambda = 0.0

    var valuesPerTrial: Int { 2 }

    /// One thread's design and solver, sized for the largest typical draw of its jobs.
    struct Worker {
        let workspace: DesignWorkspace
        let solver: MinNormSolver
        let ridgeSolver: RidgeSolver
    }

    func makeWorker(jobs range: Range<Int>) -> Worker {
        let maxRows = jobs[range].map { $0.maximumRows(d: model.d) }.max() ?? model.d
        return Worker(workspace: DesignWorkspace(d: model.d, maxRows: maxRows), solver: MinNormSolver(d: model.d, maxRows: maxRows),
                      ridgeSolver: RidgeSolver(d: model.d))
    }

    func run(job j: Int, trial: Int, worker: inout Worker, into values: UnsafeMutableBufferPointer<Double>) {
        let job = jobs[j], workspace = worker.workspace
        var rng = job.stream(seed: seed, trial: trial)
        job.draw.draw(with: sampler, rotateRows: false, into: workspace, using: &rng)
        values[0] = model.wEigen.withUnsafeBufferPointer { w in
            model.eigenvalues.withUnsafeBufferPointer { s in
                if ridgeLambda != 0 {
                    return worker.ridgeSolver.conditionalError(design: workspace.design, rows: workspace.rows, lambda: ridgeLambda,
                                                               wstar: w.baseAddress!, eigenvalues: s.baseAddress!,
                                                               sigma: model.sigma, prediction: prediction)
                }
                let error = worker.solver.conditionalError(design: workspace.design, rows: workspace.rows, wstar: w.baseAddress!,
                                                           eigenvalues: s.baseAddress!, sigma: model.sigma,
                                                           withPredictionRisk: prediction)
                return error.predictionRisk ?? error.parameterError
            }
        }
        values[1] = Double(workspace.rows)
    }
}
