import DDLinearAlgebra
import DDModel

/// MSE trials of a Gaussian model (any Sigma) at a ridge penalty lambda != 0 under the default
/// sampler: the row count K and the surrogate's kept set, then X^T X as a tilted Bartlett factor
/// (`TiltedBartlettDraw`), then the noise-averaged error of w_lambda on it (`RidgeSolver`; docs/MATH.md,
/// "Ridge at any lambda", "Gaussian ridge draws through a tilted Bartlett factor"). Values per trial:
/// the error and the row count. The same law of the error as `DesignRowsKernel`'s explicit rows
/// (`--sampler rows`, the reference), not the same bits.
struct RidgeGaussianKernel: TrialKernel {
    let jobs: [MonteCarloJob]
    let seed: UInt64
    let model: RegressionModel
    /// sqrt(s_i), the Gaussian sampler's.
    let rootEigenvalues: [Double]
    /// Report the prediction risk (on the kernel's scale) instead of the estimation error.
    var prediction = false
    /// The ridge penalty on the kernel's scale.
    let ridgeLambda: Double

    var valuesPerTrial: Int { 2 }

    /// One thread's storage: the kept set and the coordinate order (d each), w* and s in that order,
    /// the factor (at most d x d) and the solver.
    final class Worker {
        let selected: ScratchBuffer<Int>, order: ScratchBuffer<Int>
        let wstar: ScratchBuffer<Double>, eigenvalues: ScratchBuffer<Double>, design: ScratchBuffer<Double>
        let solver: RidgeSolver

        init(d: Int) {
            selected = ScratchBuffer(capacity: d, zero: 0)
            order = ScratchBuffer(capacity: d, zero: 0)
            wstar = ScratchBuffer(capacity: d, zero: 0.0)
            eigenvalues = ScratchBuffer(capacity: d, zero: 0.0)
            design = ScratchBuffer(capacity: d * d, zero: 0.0)
            solver = RidgeSolver(d: d)
        }
    }

    func makeWorker(jobs range: Range<Int>) -> Worker { Worker(d: model.d) }

    func run(job j: Int, trial: Int, worker: inout Worker, into values: UnsafeMutableBufferPointer<Double>) {
        let job = jobs[j], d = model.d
        var rng = job.stream(seed: seed, trial: trial)
        let (k, t) = job.draw.selection(d: d, selected: worker.selected.pointer, using: &rng)
        values[1] = Double(k)
        guard k > 0 else {
            // w_lambda = 0: the error is ||w*||^2, or ||w*||_Sigma^2 = sum s_i w_i^2.
            values[0] = prediction ? zip(model.eigenvalues, model.wEigen).reduce(0) { $0 + $1.0 * $1.1 * $1.1 } : model.wNormSquared
            return
        }
        let order = worker.order.pointer, w = worker.wstar.pointer, s = worker.eigenvalues.pointer
        rootEigenvalues.withUnsafeBufferPointer { root in
            TiltedBartlettDraw.draw(rows: k, kept: t, selected: worker.selected.pointer, root: root.baseAddress!, d: d,
                                    order: order, design: worker.design.pointer, using: &rng)
        }
        for c in 0..<d {
            w[c] = model.wEigen[order[c]]
            s[c] = model.eigenvalues[order[c]]
        }
        values[0] = worker.solver.conditionalError(design: worker.design.pointer, rows: min(k, d), lambda: ridgeLambda,
                                                   wstar: w, eigenvalues: s, sigma: model.sigma, prediction: prediction,
                                                   upperTrapezoidal: true)
    }
}
