import DDLinearAlgebra
import DDModel

/// MSE trials of a Gaussian model with a general Sigma: the row count K, then the error of a tall
/// draw (K >= d) from its Gram matrix (`WishartGramDraw`), of a wide one (0 < K < d) in
/// triangular-plus-dense form (`WideGaussianDraw`), and ||w*||^2 for K = 0 (docs/MATH.md, "Monte
/// Carlo"). K is random for the surrogate design, so the law is picked per trial. Values per trial:
/// the error and the row count. With the prediction risk each law gives ||w_hat - w*||_Sigma^2 instead
/// (docs/MATH.md, "Prediction risk").
struct GaussianKernel: TrialKernel {
    let jobs: [MonteCarloJob]
    let seed: UInt64
    let model: RegressionModel
    /// sqrt(s_i), the Gaussian sampler's.
    let rootEigenvalues: [Double]
    /// Report the prediction risk (on the kernel's scale) instead of the estimation error.
    var prediction = false

    var valuesPerTrial: Int { 2 }

    /// One thread's storage, each buffer made on first use: tall draws need `gramFactor`, wide ones
    /// `wide` (and the solver in the rare fallback).
    final class Worker {
        let d: Int, maxRows: Int
        /// The surrogate's kept directions, or the triangle of a wide draw (length d).
        let selected: ScratchBuffer<Int>
        lazy var solver = MinNormSolver(d: d, maxRows: maxRows)
        lazy var wide = WideGaussianDraw(d: d)
        /// The d x d Bartlett factor of `WishartGramDraw`.
        lazy var gramFactor = ScratchBuffer(capacity: d * d, zero: 0.0)

        init(d: Int, maxRows: Int) {
            self.d = d
            self.maxRows = maxRows
            selected = ScratchBuffer(capacity: d, zero: 0)
        }
    }

    func makeWorker(jobs range: Range<Int>) -> Worker {
        Worker(d: model.d, maxRows: jobs[range].map { $0.maximumRows(d: model.d) }.max() ?? model.d)
    }

    func run(job j: Int, trial: Int, worker: inout Worker, into values: UnsafeMutableBufferPointer<Double>) {
        let job = jobs[j], d = model.d, sigma = model.sigma, selected = worker.selected.pointer
        var rng = job.stream(seed: seed, trial: trial)
        let k = job.draw.rowCount(d: d, selected: selected, using: &rng)
        values[1] = Double(k)
        if k >= d {
            values[0] = model.eigenvalues.withUnsafeBufferPointer { s in
                WishartGramDraw.error(degreesOfFreedom: job.gramDegrees(rows: k, d: d), sigma: sigma, eigenvalues: s,
                                      factor: worker.gramFactor.pointer, prediction: prediction, using: &rng)
            }
            return
        }
        guard k > 0 else {
            // w_hat = 0: the error is ||w*||^2, or ||w*||_Sigma^2 = sum s_i w_i^2.
            values[0] = prediction ? zip(model.eigenvalues, model.wEigen).reduce(0) { $0 + $1.0 * $1.1 * $1.1 } : model.wNormSquared
            return
        }
        // The triangle: the surrogate's kept directions (already in `selected`), else the first k.
        if job.design == .iid { for i in 0..<k { selected[i] = i } }
        values[0] = model.wEigen.withUnsafeBufferPointer { w in
            model.eigenvalues.withUnsafeBufferPointer { s in
                rootEigenvalues.withUnsafeBufferPointer { root in
                    worker.wide.error(rows: k, triangleColumns: selected, chiExcess: job.design == .surrogate ? 2 : 0,
                                      rootEigenvalues: root.baseAddress!, wstar: w.baseAddress!, sigma: sigma,
                                      prediction: prediction, using: &rng) { design in
                        let error = worker.solver.conditionalError(design: design, rows: k, wstar: w.baseAddress!,
                                                                   eigenvalues: s.baseAddress!, sigma: sigma,
                                                                   withPredictionRisk: prediction)
                        return error.predictionRisk ?? error.parameterError
                    }
                }
            }
        }
    }
}
