/// Theorem 2 on a data set (docs/MATH.md, "Finite populations"): for D uniform on the rows of A and
/// ANY response vector y (one value per row, linear in the features or not), the surrogate design's
/// min-norm estimator is, on average, the ridge solution
///
///     E[X_bar^+ y_bar] = (Sigma + lambda_n I)^-1 A^T y / N     (n < d),
///
/// and the least-squares solution Sigma^-1 A^T y / N = A^+ y for n >= d (lambda = 0).
public enum PopulationRidge {
    /// The ridge solution (Sigma + lambda I)^-1 A^T y / N in original coordinates; `lambda` nil or 0
    /// gives least squares. Through the SVD: W diag(sv_j / (N (s_j + lambda))) U^T y.
    public static func solution(_ population: FinitePopulation, response y: [Double], lambda: Double?) -> [Double] {
        precondition(y.count == population.count, "one response per row")
        let n = population.count, size = Double(n)
        let s = population.covariance.eigenvalues
        let eigen = (0..<population.d).map { j -> Double in
            var dot = 0.0
            for i in 0..<n { dot += population.leftVectors[i + j * n] * y[i] }
            return dot * population.singularValues[j] / (size * (s[j] + (lambda ?? 0)))
        }
        return population.covariance.toOriginal(eigen)
    }

    /// The Monte Carlo side of the check: the mean of X^+ y over `trials` surrogate draws at expected
    /// size n (original coordinates), with each coordinate's standard error. Trial t draws from the
    /// stream (seed, bits of n, surrogate, t), as in `MonteCarloSimulator`; single-threaded.
    public static func monteCarlo(_ population: FinitePopulation, response y: [Double], n: Double, lambda: Double?,
                                  trials: Int, seed: UInt64) -> (mean: [Double], standardError: [Double?]) {
        precondition(y.count == population.count, "one response per row")
        BLASThreads.useSingleThread()
        let d = population.d
        let sampler = FinitePopulationSampler(population: population)
        let plan = SurrogatePlan(n: n, lambda: lambda, eigenvalues: population.covariance.eigenvalues)
        let workspace = DesignWorkspace(d: d, maxRows: plan.typicalMaximumRows(d: d))
        let solver = MinNormSolver(d: d, maxRows: plan.typicalMaximumRows(d: d))
        var moments = [RunningMoments](repeating: RunningMoments(), count: d)
        var solution = [Double](repeating: 0, count: d)
        for t in 0..<trials {
            var rng = RandomStream(seed: seed, keys: [n.bitPattern, DesignKind.surrogate.streamKey, UInt64(t)])
            let rows = sampler.surrogateRows(plan, shuffled: false, using: &rng)
            sampler.copy(rows, into: workspace)
            let response = rows.map { y[$0] }
            solver.solve(design: workspace.design, rows: rows.count, response: response, solution: &solution)
            for (j, value) in population.covariance.toOriginal(solution).enumerated() { moments[j].add(value) }
        }
        return (moments.map(\.mean), moments.map(\.standardError))
    }
}
