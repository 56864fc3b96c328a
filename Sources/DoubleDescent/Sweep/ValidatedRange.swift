import DDModel
import DDSimulation
import DDTheory

import Foundation

/// Where ddcalc's numbers have been checked against independent references, and the warnings that
/// mark every value outside (docs/MATH.md, "Validated ranges").
///
/// - Closed forms: against an mpmath evaluation of the formulas (scripts/reference/theory_reference.py,
///   `TheoryReferenceTests`) to 1e-13 relative (alpha_n to 1e-13 times max(1, -log alpha_n), its
///   condition number) for condition numbers s_1/s_d up to 1e300 and eigenvalues anywhere in
///   [1e-300, 1e300]: `closedFormCondition`.
/// - Monte Carlo: against Theorem 1 within standard errors (`MonteCarloRangeTests`) for condition
///   numbers up to `gaussianMonteCarloCondition` with Gaussian features, whose draws whiten their
///   rank test; other feature laws and data sets solve every draw with `MinNormSolver`, whose
///   relative rank tolerance is validated up to `monteCarloCondition`; so do Gaussian features under
///   `--sampler rows` (`MonteCarloSampler.rows`).
/// - Prediction risk: its closed forms (n >= d, Sigma = s I) do not depend on the spectrum; its
///   deterministic equivalent below d is checked against the formula in extended precision up to
///   condition number `predictionEquivalentCondition` (`PredictionRiskTheoryTests`).
///
/// - Inputs: a spectrum computed by a decomposition (`covariance:`, `weights:`, a data set) is only as
///   accurate as `CovarianceModel.eigenvalueAccuracy` (docs/MATH.md, "Accuracy of computed
///   spectra"); beyond `closedFormAccuracy` every value inherits that error.
///
/// Beyond those a value is still computed, and a warning names it. Values that are not
/// representable (lambda_n, a variance or the deterministic equivalent beyond double precision,
/// printed null) get a warning per point.
public enum ValidatedRange {
    public static let closedFormCondition = 1e300
    public static let gaussianMonteCarloCondition = 1e100
    public static let monteCarloCondition = 1e12
    public static let predictionEquivalentCondition = 1e8
    /// The relative accuracy to which the closed forms are validated.
    public static let closedFormAccuracy = 1e-13

    /// s_1 / s_d (infinite when the ratio overflows).
    public static func conditionNumber(_ model: RegressionModel) -> Double {
        guard let first = model.eigenvalues.first, let last = model.eigenvalues.last else { return 1 }
        return first / last
    }

    /// The largest condition number at which this model's Monte Carlo is validated: the exact-law
    /// Gaussian draws whiten their rank test; explicit rows go through `MinNormSolver`.
    public static func monteCarloLimit(_ model: RegressionModel, sampler: MonteCarloSampler = .exactLaw) -> Double {
        model.population == nil && model.features == .gaussian && sampler == .exactLaw
            ? gaussianMonteCarloCondition : monteCarloCondition
    }

    /// Every warning for these closed forms of `model` and, when `monteCarlo`, their simulation: one
    /// line each, naming the output keys (docs/OUTPUT.md) and the points they concern.
    public static func warnings(model: RegressionModel, points: [ClosedForms], monteCarlo: Bool,
                                sampler: MonteCarloSampler = .exactLaw) -> [String] {
        let condition = conditionNumber(model)
        var warnings: [String] = []
        if !(condition <= closedFormCondition) {
            warnings.append("the spectrum's condition number \(format(condition)) exceeds \(format(closedFormCondition)), "
                + "the largest at which the closed forms are validated: lambda, alpha, theory_*, de_mse and iid_exact_mse "
                + "are not validated")
        }
        if points.contains(where: { $0.risk == .prediction && $0.n < Double($0.d) }),
           condition <= closedFormCondition, !(condition <= predictionEquivalentCondition) {
            warnings.append("the spectrum's condition number \(format(condition)) exceeds \(format(predictionEquivalentCondition)), "
                + "the largest at which the prediction risk's deterministic equivalent is validated: de_mse below d is not validated")
        }
        if let warning = inputAccuracyWarning(model) { warnings.append(warning) }
        let limit = monteCarloLimit(model, sampler: sampler)
        if monteCarlo, !(condition <= limit) {
            warnings.append("the spectrum's condition number \(format(condition)) exceeds \(format(limit)), the largest at "
                + "which the Monte Carlo is validated for this feature law and sampler: mc_* values are not validated")
        }
        for point in points {
            let missing = unrepresentable(point)
            if !missing.isEmpty {
                warnings.append("n = \(point.n): \(missing.joined(separator: ", ")) beyond double precision (printed null)")
            }
        }
        return warnings
    }

    /// The warning for the ridge check's Monte Carlo (`ddcalc ridge`, `sweep --check-ridge`), or nil: every
    /// draw is solved by `MinNormSolver` (the rows themselves carry the responses), validated up to
    /// `monteCarloCondition` whatever the feature law. `keys` names the output keys it concerns.
    public static func ridgeWarning(model: RegressionModel, keys: String) -> String? {
        let condition = conditionNumber(model)
        guard !(condition <= monteCarloCondition) else { return nil }
        return "the spectrum's condition number \(format(condition)) exceeds \(format(monteCarloCondition)), the largest at "
            + "which the ridge check's Monte Carlo is validated: \(keys) are not validated"
    }

    /// The warning for a computed spectrum less accurate than `closedFormAccuracy`, or nil.
    static func inputAccuracyWarning(_ model: RegressionModel) -> String? {
        guard let accuracy = model.covariance.eigenvalueAccuracy, !(accuracy <= closedFormAccuracy) else { return nil }
        let source: String
        switch model.covariance.spec {
        case .covariance: source = "covariance matrix"
        case .weights: source = "weight matrix"
        default: source = "data set"
        }
        return "the eigenvalues computed from the \(source) are accurate to \(format(accuracy)) relative (bound), above the "
            + "\(format(closedFormAccuracy)) to which the closed forms are validated: lambda, alpha, theory_*, de_mse, "
            + "iid_exact_mse and mc_* are accurate only to about that"
    }

    /// The keys of `point` that should have a finite value but have none.
    static func unrepresentable(_ point: ClosedForms) -> [String] {
        let below = point.n < Double(point.d)
        // Theorem 1's values are nil only where no exact form is known (`ClosedForms.bias`).
        let known = point.bias != nil
        let expected: [(String, Double?, Bool)] = [
            ("lambda", point.lambda, below), ("theory_mse", point.surrogateRisk, known),
            ("theory_variance", point.variance, known), ("theory_bias", point.bias, known),
            ("de_mse", point.deRisk, point.n != Double(point.d)),
        ]
        return expected.compactMap { key, value, applies in
            guard applies else { return nil }
            guard let value, value.isFinite, !(key == "lambda" && value == 0) else { return key }
            return nil
        }
    }

    /// Three significant digits, as 1e+300; "above 1.8e+308" for an overflowed ratio.
    static func format(_ x: Double) -> String {
        x.isFinite ? String(format: "%.3g", x) : "above 1.8e+308"
    }
}
