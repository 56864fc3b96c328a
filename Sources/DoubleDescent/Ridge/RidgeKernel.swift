import DDLinearAlgebra
import DDModel
import DDRandom
import DDSampling
import DDSimulation

/// Trials of `RidgeMonteCarlo` on the Monte Carlo engine: a design drawn with its rows (rotated and
/// shuffled, `rotateRows: true`), responses y_i = f(x_i^T w*) + xi_i drawn row by row (on a data set,
/// the row's own response plus noise), and the min-norm solution w_hat = X^+ y (docs/MATH.md,
/// "Theorem 2"). Values per trial: the d eigen coordinates of w_hat, then the row count.
struct RidgeKernel: TrialKernel {
    let model: RegressionModel
    let response: RidgeResponse
    let design: DesignKind
    let seed: UInt64
    let n: Double
    let draw: DesignPlan
    let sampler: any DesignSampler
    /// For a data set: its sampler, which reports the rows it draws, and each row's response.
    let population: (sampler: FinitePopulationSampler, values: [Double])?
    /// The ridge penalty: 0 solves for X^+ y (`MinNormSolver`), otherwise for w_lambda (`RidgeSolver`;
    /// docs/MATH.md, "Ridge at any lambda").
    var ridgeLambda = 0.0

    var valuesPerTrial: Int { model.d + 1 }

    /// One thread's design, response and solver storage.
    struct Worker {
        let workspace: DesignWorkspace
        let solver: MinNormSolver
        let ridgeSolver: RidgeSolver
        var response: [Double]

        init(d: Int, maxRows: Int) {
            workspace = DesignWorkspace(d: d, maxRows: maxRows)
            solver = MinNormSolver(d: d, maxRows: maxRows)
            ridgeSolver = RidgeSolver(d: d)
            response = [Double](repeating: 0, count: max(maxRows, 1))
        }
    }

    func makeWorker(jobs: Range<Int>) -> Worker {
        Worker(d: model.d, maxRows: draw.typicalMaximumRows(d: model.d))
    }

    /// Trial t draws from RandomStream(seed, keys: [bits of n, design key, t, `RidgeMonteCarlo.streamTag`]).
    func run(job: Int, trial: Int, worker: inout Worker, into values: UnsafeMutableBufferPointer<Double>) {
        var rng = RandomStream(seed: seed, keys: [n.bitPattern, design.streamKey, UInt64(trial), RidgeMonteCarlo.streamTag])
        let solution = values.baseAddress!
        let k = population.map { runDataTrial(population: $0, rng: &rng, worker: &worker, into: solution) }
            ?? runFeatureLawTrial(rng: &rng, worker: &worker, into: solution)
        values[model.d] = Double(k)
    }

    /// Draws a design from the feature law and its responses, writes w_hat to `solution`, returns K.
    private func runFeatureLawTrial(rng: inout RandomStream, worker: inout Worker,
                                  into solution: UnsafeMutablePointer<Double>) -> Int {
        draw.draw(with: sampler, rotateRows: true, into: worker.workspace, using: &rng)
        let k = worker.workspace.rows, d = model.d, x = worker.workspace.design
        if worker.response.count < k { worker.response = [Double](repeating: 0, count: k) }
        let w = model.wEigen, sigma = model.sigma, solvers = (worker.solver, worker.ridgeSolver)
        worker.response.withUnsafeMutableBufferPointer { y in
            for i in 0..<k { y[i] = 0 }
            for j in 0..<d where w[j] != 0 {
                let column = x + j * k, wj = w[j]
                for i in 0..<k { y[i] += column[i] * wj }
            }
            for i in 0..<k { y[i] = response.link(y[i]) + sigma * rng.normal() }
            solve(solvers, design: x, rows: k, response: y.baseAddress!, solution: solution)
        }
        return k
    }

    /// X^+ y, or w_lambda at a ridge penalty.
    private func solve(_ solvers: (MinNormSolver, RidgeSolver), design x: UnsafePointer<Double>, rows k: Int, response y: UnsafePointer<Double>,
                       solution: UnsafeMutablePointer<Double>) {
        if ridgeLambda == 0 {
            solvers.0.solve(design: x, rows: k, response: y, solution: solution)
        } else {
            solvers.1.solve(design: x, rows: k, lambda: ridgeLambda, response: y, solution: solution)
        }
    }

    /// A trial on a data set: rows drawn as indices, y_i = (the row's response) + noise.
    private func runDataTrial(population: (sampler: FinitePopulationSampler, values: [Double]),
                              rng: inout RandomStream, worker: inout Worker,
                              into solution: UnsafeMutablePointer<Double>) -> Int {
        let rows = population.sampler.rows(draw, shuffled: true, using: &rng)
        population.sampler.copy(rows, into: worker.workspace)
        let k = rows.count
        if worker.response.count < k { worker.response = [Double](repeating: 0, count: k) }
        for (i, row) in rows.enumerated() { worker.response[i] = population.values[row] + model.sigma * rng.normal() }
        worker.response.withUnsafeBufferPointer { y in
            solve((worker.solver, worker.ridgeSolver), design: worker.workspace.design, rows: k, response: y.baseAddress!, solution: solution)
        }
        return k
    }
}
