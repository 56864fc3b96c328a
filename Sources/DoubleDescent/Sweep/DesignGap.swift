import DDSimulation
import DDTheory

/// The gap between the two designs at one n: the relative difference (i.i.d. - surrogate) / surrogate
/// of their errors, the quantity the paper's figures show (docs/MATH.md, "The gap between the designs").
///
/// `exact` uses the two closed forms where both exist; `monteCarlo` uses the i.i.d. Monte Carlo mean
/// against the surrogate's exact value where Theorem 1 gives it, else against the surrogate's Monte
/// Carlo mean, with the delta-method standard error of that ratio.
public struct DesignGap: Equatable, Sendable {
    /// (iid_exact_mse - theory_mse) / theory_mse; nil unless both are exact and the surrogate's positive
    /// (NaN, printed null with a warning, where either lies beyond double precision).
    public var exact: Double?
    /// (mc_iid_mse - S) / S, S the surrogate's exact value if known, else mc_surrogate_mse; nil without an i.i.d. Monte Carlo.
    public var monteCarlo: Double?
    /// The standard error of `monteCarlo`: se_iid / S, or sqrt(se_iid^2 + R^2 se_sur^2) / mc_surrogate_mse with
    /// R = mc_iid_mse / mc_surrogate_mse when both are Monte Carlo (independent streams).
    public var standardError: Double?

    public init(exact: Double?, monteCarlo: Double?, standardError: Double?) {
        self.exact = exact
        self.monteCarlo = monteCarlo
        self.standardError = standardError
    }

    /// The gap of the min-norm estimator at a point: exact where both closed forms are.
    public init(closedForms point: ClosedForms, monteCarlo simulated: MonteCarloPoint?) {
        self.init(surrogateExact: point.theoryExact ? point.surrogateRisk : nil, iidExact: point.iidExactRisk, monteCarlo: simulated)
    }

    /// The gap between two Monte Carlo estimates alone (the ridge estimator at a penalty, where the
    /// surrogate design has no closed form: docs/MATH.md, "Ridge at any lambda").
    public init(monteCarlo simulated: MonteCarloPoint?) {
        self.init(surrogateExact: nil, iidExact: nil, monteCarlo: simulated)
    }

    /// The gap from the surrogate's exact risk (`surrogateExact`, nil where it has none), the i.i.d.
    /// design's (`iidExact`) and the Monte Carlo of either design.
    init(surrogateExact: Double?, iidExact: Double?, monteCarlo simulated: MonteCarloPoint?) {
        if let surrogate = surrogateExact, let iid = iidExact {
            exact = Self.gap(iid, surrogate)
        }
        guard let iid = simulated?.iid, let iidMean = iid.mean, let iidError = iid.standardError else { return }
        if let surrogate = surrogateExact {
            monteCarlo = Self.gap(iidMean, surrogate)
            standardError = monteCarlo.map { $0.isFinite ? iidError / surrogate : .nan }
        } else if let estimate = simulated?.surrogate, let mean = estimate.mean, let error = estimate.standardError {
            monteCarlo = Self.gap(iidMean, mean)
            let ratio = iidMean / mean
            standardError = monteCarlo.map { $0.isFinite ? (iidError * iidError + ratio * ratio * error * error).squareRoot() / mean : .nan }
        }
    }

    /// The relative difference, nil where it is undefined (a surrogate error of 0), NaN where an
    /// input lies beyond double precision (so the output names it as such rather than as missing).
    static func gap(_ iid: Double, _ surrogate: Double) -> Double? {
        guard iid.isFinite, surrogate.isFinite else { return .nan }
        return surrogate > 0 ? relativeDifference(iid, surrogate) : nil
    }

    /// (a - b) / b: the subtraction is exact when a and b are within a factor 2 (Sterbenz), so a small
    /// gap keeps its relative precision, unlike a / b - 1.
    static func relativeDifference(_ a: Double, _ b: Double) -> Double { (a - b) / b }

}
