import DDModel
import DDTheory
import Foundation

/// The vector the mean of the min-norm estimator is compared with (docs/MATH.md, "Theorem 2"):
/// for 0 < n < d the ridge solution (Sigma + lambda_n I)^-1 E[x y]; for n >= d, Sigma^-1 E[x y].
///
/// With Gaussian x, E[x y] = Sigma w* c, c = E[f'(x^T w*)] (`RidgeResponse.steinFactor`), so in
/// Sigma's eigenbasis the target is diagonal: target_i = s_i w_i c / (s_i + lambda), lambda = 0
/// for n >= d.
public struct RidgeTarget: Sendable {
    /// The ridge level used: lambda_n for n < d, nil for n >= d.
    public let lambda: Double?
    /// c = E[f'(x^T w*)]; NaN (printed null) for a data set, whose E[x y] = A^T y / N is exact.
    public let steinFactor: Double
    /// The target in Sigma's eigenbasis.
    public let eigen: [Double]
    /// The target in the original coordinates.
    public let original: [Double]

    /// The target at expected sample size n: lambda = lambda_n for n < d (computed here unless given).
    /// Throws `ModelError` for an n that is not positive and finite or a given lambda that is negative or not finite.
    public init(model: RegressionModel, response: RidgeResponse, n: Double, lambda: Double? = nil) throws {
        try ClosedFormCalculator.check(n: n)
        if let lambda, !(lambda >= 0 && lambda.isFinite) { throw ModelError.invalidLambda(lambda) }
        let ridge = n < Double(model.d) ? (lambda ?? LambdaSolver(eigenvalues: model.eigenvalues).solve(n: n)) : nil
        try self.init(model: model, response: response, ridge: ridge)
    }

    /// (Sigma + ridge I)^-1 E[x y] for any ridge >= 0 (nil means 0): also the comparison point of the
    /// power check, which uses a deliberately wrong ridge level. Throws `ModelError.invalidLambda` for a
    /// negative or non-finite ridge.
    public init(model: RegressionModel, response: RidgeResponse, ridge: Double?) throws {
        if let ridge, !(ridge >= 0 && ridge.isFinite) { throw ModelError.invalidLambda(ridge) }
        if let population = model.population, let y = response.rowValues(for: model) {
            lambda = ridge
            steinFactor = .nan
            original = PopulationRidge.solution(population, response: y, lambda: ridge)
            eigen = model.covariance.toEigen(original)
            return
        }
        let s = model.eigenvalues, w = model.wEigen
        let tau = zip(s, w).reduce(0.0) { $0 + $1.0 * $1.1 * $1.1 }.squareRoot()
        guard let c = response.steinFactor(tau: tau) else {
            throw ModelError.quadratureDidNotConverge(response: response.rawValue, tau: tau)
        }
        let level = ridge ?? 0
        lambda = ridge
        steinFactor = c
        eigen = (0..<s.count).map { i in level == 0 ? w[i] * c : s[i] * w[i] * c / (s[i] + level) }
        original = model.covariance.toOriginal(eigen)
    }
}
