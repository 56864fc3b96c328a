import DDModel

/// Exact MSE of the min-norm estimator under i.i.d. Gaussian rows x ~ N(0, Sigma)
/// with integer n (docs/MATH.md, "I.i.d. Gaussian design"). nil where the MSE is
/// infinite (n in {d-1, d, d+1}) or no closed form is known (non-integer n;
/// n <= d - 2 with non-isotropic Sigma).
enum IIDGaussianTheory {
    static func mse(n: Double, model: RegressionModel, traceInverse: Double) -> Double? {
        guard n == n.rounded() else { return nil }
        let d = Double(model.d)
        let sigma2 = model.sigma * model.sigma
        if n >= d + 2 {
            // Inverse-Wishart mean: E (X^T X)^-1 = Sigma^-1 / (n - d - 1).
            return sigma2 * traceInverse / (n - d - 1)
        }
        if n <= d - 2, model.covariance.isIsotropic {
            let s = model.eigenvalues[0]
            return (1 - n / d) * model.wNormSquared + sigma2 * n / (s * (d - n - 1))
        }
        return nil
    }
}
