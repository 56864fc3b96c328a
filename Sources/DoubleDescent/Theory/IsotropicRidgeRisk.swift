import DDModel

/// The exact risk of the ridge estimator (X^T X + lambda I)^-1 X^T y under n i.i.d. N(0, s I) rows at
/// any lambda > 0 (docs/MATH.md, "Exact ridge risk of isotropic Gaussian rows"). Rotation invariance
/// reduces it to two linear statistics of the nonzero eigenvalues mu of W = Z^T Z (Z standard), an
/// LOE(min(n, d), max(n, d)), at l = lambda / s:
///
///     E ||w_lambda - w*||^2 = (||w*||^2 / d) ((d - n)_+ + E sum (l/(mu + l))^2) + (sigma^2 / s) E sum mu/(mu + l)^2,
///
/// the d - n zero eigenvalues contributing exactly (d - n)_+ to the bias, and the prediction risk s
/// times that. Both statistics are bounded and positive, so nothing cancels, and at lambda -> 0 they
/// tend to the lambda = 0 closed forms (`IIDGaussianTheory`).
public enum IsotropicRidgeRisk {
    /// The validated range (`IsotropicRidgeRiskTests`): min(n, d) <= 100, max(n, d) <= 400 and
    /// lambda / s in [1e-10, 1e10]; nil outside it.
    package static let maxSize = 100
    package static let maxDegreesOfFreedom = 400
    package static let lambdaRange = 1e-10...1e10

    /// E sum (l/(mu + l))^2 and E sum mu/(mu + l)^2 over the nonzero eigenvalues of W (s = 1).
    /// `ensemble` is the LOE(min(n, d), max(n, d)) with its validated quadrature unless a test passes
    /// another rule.
    package static func factors(n: Int, d: Int, lambda l: Double,
                                ensemble: LaguerreOrthogonalEnsemble? = nil) -> (bias: Double, variance: Double) {
        let ensemble = ensemble ?? LaguerreOrthogonalEnsemble(size: min(n, d), degreesOfFreedom: max(n, d))
        let l2 = l * l
        let values = ensemble.expectations(of: [
            .init(value: { x in let r = l / (x + l); return r * r },
                  derivative: { x in let r = 1 / (x + l); return -2 * l2 * r * r * r }),
            .init(value: { x in let r = 1 / (x + l); return x * r * r },
                  derivative: { x in let r = 1 / (x + l); return (l - x) * r * r * r }),
        ], gradedAt: l)
        return (values[0], values[1])
    }

    /// True for the models the exact form covers: Gaussian features and Sigma = s I (not a data set).
    public static func applies(to model: RegressionModel) -> Bool {
        model.features == .gaussian && model.population == nil && model.covariance.isIsotropic
    }

    /// The exact estimation or prediction risk of `model` (Gaussian features, Sigma = s I) at integer
    /// n and ridge penalty lambda > 0; nil where n is not an integer, Sigma is not isotropic or the
    /// point lies outside the validated range.
    package static func risk(n: Double, model: RegressionModel, lambda: Double, risk: Risk) -> Double? {
        guard applies(to: model), n == n.rounded(), n >= 1, n <= Double(maxDegreesOfFreedom) else { return nil }
        let sampleSize = Int(n), d = model.d
        guard min(sampleSize, d) <= maxSize, max(sampleSize, d) <= maxDegreesOfFreedom else { return nil }
        let s = model.eigenvalues[0], l = lambda / s
        guard lambdaRange.contains(l) else { return nil }
        let (bias, variance) = factors(n: sampleSize, d: d, lambda: l)
        let estimation = model.wNormSquared / Double(d) * (Double(max(d - sampleSize, 0)) + bias)
            + model.sigma * model.sigma / s * variance
        return risk == .prediction ? s * estimation : estimation
    }
}
