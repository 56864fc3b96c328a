import DDLinearAlgebra

/// MSE trials of a Gaussian model with Sigma = s I: the row count, then the error from its exact law
/// by the singular values (`IsotropicGaussianDraw`), with no matrix (docs/MATH.md, "Monte Carlo").
/// Values per trial: the error and the row count. The prediction risk is s times the error, draw by
/// draw (docs/MATH.md, "Prediction risk").
struct IsotropicGaussianKernel: TrialKernel {
    let jobs: [MonteCarloJob]
    let seed: UInt64
    let d: Int
    let eigenvalue: Double
    let sigma: Double
    let wNormSquared: Double
    /// Report the prediction risk (on the kernel's scale) instead of the estimation error.
    var prediction = false

    var valuesPerTrial: Int { 2 }

    /// The surrogate's kept directions (length d): all a worker holds.
    func makeWorker(jobs: Range<Int>) -> ScratchBuffer<Int> { ScratchBuffer(capacity: d, zero: 0) }

    func run(job j: Int, trial: Int, worker selected: inout ScratchBuffer<Int>,
             into values: UnsafeMutableBufferPointer<Double>) {
        let job = jobs[j]
        var rng = job.stream(seed: seed, trial: trial)
        let k = job.draw.rowCount(d: d, selected: selected.pointer, using: &rng)
        let error = IsotropicGaussianDraw.error(rows: k, d: d, degreesOfFreedom: job.gramDegrees(rows: k, d: d),
                                                eigenvalue: eigenvalue, sigma: sigma, wNormSquared: wNormSquared,
                                                using: &rng)
        values[0] = prediction ? eigenvalue * error : error
        values[1] = Double(k)
    }
}
