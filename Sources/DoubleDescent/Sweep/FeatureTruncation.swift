import DDModel
import DDSimulation
import DDTheory

/// A model restricted to its first d eigen-directions, the omitted features folded into the noise
/// (docs/MATH.md, "Model-wise double descent").
///
/// With the coordinates of z independent (Gaussian or uniform features), the omitted part
/// sum_{j > d} x_j w_j is independent of the first d features, has mean zero and variance
/// sum_{j > d} s_j w_j^2. The d-feature model therefore has noise level
/// sigma_eff^2 = sigma^2 + sum_{j > d} s_j w_j^2, and since w_hat is zero on the omitted coordinates,
/// the error over all D_total coordinates is that of the d-feature model plus sum_{j > d} w_j^2.
public struct FeatureTruncation {
    /// The number d of eigen-directions kept.
    public let dimension: Int
    /// s_1..s_d, w_1..w_d (eigen coordinates) and sigma_eff, with the full model's feature law.
    public let model: RegressionModel
    /// sum_{j > d} w_j^2: the parameter error on the omitted coordinates.
    public let omittedWeight: Double
    /// sum_{j > d} s_j w_j^2: the omitted features' share of the prediction risk and of sigma_eff^2.
    public let omittedRisk: Double

    /// The first `d` eigen-directions of `full`; throws `ModelError` unless 1 <= d <= full.d.
    public init(_ full: RegressionModel, dimension d: Int) throws {
        guard d >= 1 else { throw ModelError.invalidDimension(d) }
        guard d <= full.d else { throw ModelError.truncationAboveDimension(d, dimension: full.d) }
        let s = full.eigenvalues, w = full.wEigen
        var weight = 0.0, risk = 0.0
        for j in d..<full.d {
            weight += w[j] * w[j]
            risk += s[j] * w[j] * w[j]
        }
        dimension = d
        omittedWeight = weight
        omittedRisk = risk
        let sigmaEffective = (full.sigma * full.sigma + risk).squareRoot()
        model = RegressionModel(eigenvalues: Array(s[..<d]), wEigen: Array(w[..<d]), sigma: sigmaEffective,
                                features: full.features, spec: full.covariance.spec, wstar: full.wstar, wnorm: full.wnorm)
    }

    /// The closed forms over all D_total coordinates from those of the d-feature model: the omitted
    /// weight joins every bias-like term (the estimator is deterministic, zero, there); lambda_n,
    /// alpha_n and the variances are the d-feature model's, with sigma_eff.
    /// For the prediction risk (`forms.risk`) the omitted share is `omittedRisk` instead: Sigma is
    /// diagonal in the eigenbasis, so the omitted coordinates add sum s_j w_j^2 and no cross term.
    public func total(_ forms: ClosedForms) -> ClosedForms {
        var total = forms
        let omitted = omitted(forms.risk)
        total.bias = forms.bias.map { $0 + omitted }
        total.predictionRisk = forms.predictionRisk.map { $0 + omittedRisk }
        total.deBias = forms.deBias.map { $0 + omitted }
        total.iidExactRisk = forms.iidExactRisk.map { $0 + omitted }
        return total
    }

    /// A Monte Carlo estimate of the d-feature model's error (of kind `risk`), shifted to the error over
    /// all D_total coordinates (the standard error is unchanged: the shift is a constant).
    public func total(_ estimate: MonteCarloEstimate, risk: Risk = .estimation) -> MonteCarloEstimate {
        var total = estimate
        total.mean = estimate.mean.map { $0 + omitted(risk) }
        return total
    }

    /// The omitted coordinates' share of the error: sum w_j^2, or sum s_j w_j^2 for the prediction risk.
    func omitted(_ risk: Risk) -> Double { risk == .prediction ? omittedRisk : omittedWeight }
}
