import DDElementary
import DDModel

/// The closed forms restated for the excess prediction risk E ||w_hat - w*||_Sigma^2 (docs/MATH.md,
/// "Prediction risk"). Every function works on the normalised model's values, like the estimation
/// forms it starts from.
///
/// - n >= d: Theorem 1 gives sigma^2 d (1 - e^-(n-d))/(n - d), sigma^2 d at n = d, bias 0; the
///   i.i.d. Gaussian design sigma^2 d/(n - d - 1) for integer n >= d + 2; the deterministic
///   equivalent sigma^2 d/(n - d) for n > d.
/// - n < d, Sigma = s I: s times Theorem 1 and the exact i.i.d. value (the Sigma-norm is s times the
///   Euclidean one, draw by draw).
/// - n < d otherwise: no exact form is known. Theorem 1's bias and variance are nil (printed null).
/// - n < d, any Sigma: the deterministic equivalent (Hastie, Montanari, Rosset, Tibshirani
///   2019) is kappa n sum s w^2 r^2 / t for the bias and sigma^2 df2 / (kappa t) for the variance,
///   with kappa = lambda_n, r_i = 1/(s_i + kappa), t = sum s r^2 and df2 = sum (s r)^2 (its n - df2
///   is kappa t, as in the estimation form, so nothing cancels near n = d).
enum PredictionRiskTheory {
    /// The prediction-risk closed forms of the normalised `model` from its estimation ones `forms`.
    /// `sums` are the spectral sums at lambda_n (n < d only).
    static func restate(_ forms: ClosedForms, model: RegressionModel, sums: SpectralSums.Full?) -> ClosedForms {
        var result = forms
        result.risk = .prediction
        let n = forms.n, d = Double(model.d), sigma2 = model.sigma * model.sigma
        if n >= d {
            let factor = n == d ? 1 : -Elementary.expm1(-(n - d)) / (n - d)
            result.bias = 0
            result.variance = sigma2 * d * factor
            result.deBias = n > d ? 0 : nil
            result.deVariance = n > d ? sigma2 * d / (n - d) : nil
            result.iidExactRisk = forms.iidExactRisk == nil ? nil : sigma2 * d / (n - d - 1)
            return result
        }
        if let sums, let kappa = forms.lambda {
            let de = deterministicEquivalent(n: n, kappa: kappa, sums: sums, df2: df2(model.eigenvalues, kappa: kappa),
                                             sigma2: sigma2)
            result.deBias = de.bias
            result.deVariance = de.variance
        }
        if model.covariance.isIsotropic {
            let s = model.eigenvalues[0]
            result.bias = forms.bias.map { s * $0 }
            result.variance = forms.variance.map { s * $0 }
            result.iidExactRisk = forms.iidExactRisk.map { s * $0 }
        } else {
            result.bias = nil
            result.variance = nil
            result.iidExactRisk = nil
        }
        return result
    }

    /// The deterministic equivalent's prediction risk below d from the sums at kappa = lambda_n:
    /// bias kappa^2 sum s w^2 r^2 / (1 - df2/n) = kappa n swr2 / t, variance sigma^2 df2 / (n - df2)
    /// = sigma^2 df2 / (kappa t).
    static func deterministicEquivalent(n: Double, kappa: Double, sums: SpectralSums.Full, df2: Double,
                                        sigma2: Double) -> (bias: Double, variance: Double) {
        let t = sums.sr2
        return (kappa * n * sums.swr2 / t, sigma2 * df2 / (kappa * t))
    }

    /// df2 = sum_i (s_i r_i)^2, summed directly (positive terms, pairwise: `SpectralSums`).
    static func df2(_ eigenvalues: [Double], kappa: Double) -> Double {
        eigenvalues.withUnsafeBufferPointer { s in SpectralSums.full(s, w: s, lambda: kappa).wr2 }
    }

    /// Every risk-valued field of `forms` mapped by `original` (the normalised model's scale back to
    /// the model's: a risk scales with Sigma).
    static func rescaled(_ forms: ClosedForms, _ original: (Double) -> Double) -> ClosedForms {
        var result = forms
        result.bias = forms.bias.map(original)
        result.variance = forms.variance.map(original)
        result.deBias = forms.deBias.map(original)
        result.deVariance = forms.deVariance.map(original)
        result.iidExactRisk = forms.iidExactRisk.map(original)
        return result
    }
}
