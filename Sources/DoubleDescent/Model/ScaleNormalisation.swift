/// Scale equivariance (docs/MATH.md, "Scale equivariance"): replacing Sigma by c Sigma and sigma by
/// sqrt(c) sigma leaves w*, alpha_n, the bias, the variance and the law of every Monte Carlo error
/// unchanged, and multiplies lambda_n by c. With c = 4^-j every one of those products is exact in
/// binary floating point (sqrt(c) = 2^-j), so the closed forms and the Monte Carlo run on the
/// normalised model, whose spectrum has its geometric middle sqrt(s_1 s_d) in [1/2, 2), and give
/// the bits they would give on the original model wherever its computation neither overflows nor
/// underflows, and the right values also where it would. Only lambda_n is mapped back.
///
/// A data set's model is left as it is (j = 0): its rows, which the Monte Carlo draws, are not
/// rescaled.
package struct ScaleNormalisation {
    /// j, with c = 4^-j.
    package let exponent: Int

    package init(_ model: RegressionModel) {
        guard model.population == nil, let first = model.eigenvalues.first, let last = model.eigenvalues.last else {
            exponent = 0
            return
        }
        // log4 sqrt(s_1 s_d) = (log2 s_1 + log2 s_d) / 4, rounded (an arithmetic shift floors).
        // Clamped so that c stays a normal number (only spectra at the ends of the range reach it).
        exponent = min(max((Int(first.exponent) + Int(last.exponent) + 2) >> 2, -511), 511)
    }

    /// c = 4^-j.
    var factor: Double { Double(sign: .plus, exponent: -2 * exponent, significand: 1) }

    /// The model with spectrum c s and noise level sqrt(c) sigma, or `model` itself when c = 1.
    package func normalise(_ model: RegressionModel) -> RegressionModel {
        guard exponent != 0 else { return model }
        let c = factor, root = Double(sign: .plus, exponent: -exponent, significand: 1)
        return RegressionModel(eigenvalues: model.eigenvalues.map { $0 * c }, wEigen: model.wEigen,
                               sigma: model.sigma * root, features: model.features, spec: model.covariance.spec,
                               wstar: model.wstar, wnorm: model.wnorm)
    }

    /// A quantity that scales like Sigma (lambda_n, a guess for it) on the normalised model's scale:
    /// c times its value for the model.
    package func normalised(_ value: Double) -> Double { exponent == 0 ? value : value * factor }

    /// A quantity that scales like Sigma (lambda_n, the prediction risk ||.||_Sigma^2) on the model's
    /// scale from its value for the normalised model: divided by c.
    package func original(_ value: Double) -> Double { exponent == 0 ? value : value / factor }
}
