import DDModel

/// Theorem 2 on a data set (docs/MATH.md, "Finite populations"): for D uniform on the rows of A and
/// ANY response vector y (one value per row, linear in the features or not), the surrogate design's
/// min-norm estimator is, on average, the ridge solution
///
///     E[X_bar^+ y_bar] = (Sigma + lambda_n I)^-1 A^T y / N     (n < d),
///
/// and the least-squares solution Sigma^-1 A^T y / N = A^+ y for n >= d (lambda = 0). The Monte Carlo
/// side is `RidgeMonteCarlo`, which draws a data set's rows as indices and attaches their responses.
package enum PopulationRidge {
    /// The ridge solution (Sigma + lambda I)^-1 A^T y / N in original coordinates; `lambda` nil or 0
    /// gives least squares. Through the SVD: W diag(sv_j / (N (s_j + lambda))) U^T y.
    package static func solution(_ population: FinitePopulation, response y: [Double], lambda: Double?) -> [Double] {
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
}
