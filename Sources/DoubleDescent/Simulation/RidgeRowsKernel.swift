import DDLinearAlgebra
import DDModel
import DDSampling

/// MSE trials of the ridge estimator at a penalty lambda != 0 (docs/MATH.md, "Ridge at any lambda"):
/// the design as explicit rows from its sampler (the regularized surrogate plan, or i.i.d. rows), then
/// the noise-averaged error `RidgeSolver.conditionalError`. Every feature law and both samplers take
/// this path (there is no exact-law shortcut at lambda != 0). Values per trial: the error and the row
/// count, as `DesignRowsKernel`.
struct RidgeRowsKernel: TrialKernel {
    let jobs: [MonteCarloJob]
    let seed: UInt64
    /// The simulated (normalised) model, and lambda on its scale.
    let model: RegressionModel
    let lambda: Double
    let sampler: any DesignSampler
    var prediction = false

    var valuesPerTrial: Int { 2 }

    struct Worker {
        let workspace: DesignWorkspace
        let solver: RidgeSolver
    }

    func makeWorker(jobs range: Range<Int>) -> Worker {
        let maxRows = jobs[range].map { $0.maximumRows(d: model.d) }.max() ?? model.d
        return Worker(workspace: DesignWorkspace(d: model.d, maxRows: maxRows), solver: RidgeSolver(d: model.d))
    }

    func run(job j: Int, trial: Int, worker: inout Worker, into values: UnsafeMutableBufferPointer<Double>) {
        let job = jobs[j], workspace = worker.workspace
        var rng = job.stream(seed: seed, trial: trial)
        switch job.draw {
        case .surrogate(let plan): sampler.drawSurrogate(plan, rotateRows: false, into: workspace, using: &rng)
        case .iid(let k): sampler.drawIID(rows: k, into: workspace, using: &rng)
        }
        values[0] = model.wEigen.withUnsafeBufferPointer { w in
            model.eigenvalues.withUnsafeBufferPointer { s in
                worker.solver.conditionalError(design: workspace.design, rows: workspace.rows, lambda: lambda,
                                               wstar: w.baseAddress!, eigenvalues: s.baseAddress!, sigma: model.sigma,
                                               prediction: prediction)
            }
        }
        values[1] = Double(workspace.rows)
    }
}
