import DDModel
import Foundation

/// A ridge penalty the library cannot evaluate (docs/MATH.md, "Ridge at any lambda", "Negative lambda
/// and lambda_min").
public enum RidgeLambdaError: Error, Equatable, Sendable, CustomStringConvertible, LocalizedError {
    /// NaN or an infinity.
    case notFinite(Double)
    /// Below the admissible limit lambda_min at this n: no fixed point kappa exists there.
    case belowMinimum(lambda: Double, lambdaMin: Double, n: Double)

    public var description: String {
        switch self {
        case .notFinite(let lambda): return "ridge lambda must be a finite number, got \(lambda)"
        case let .belowMinimum(lambda, lambdaMin, n):
            return "ridge lambda \(lambda) is below lambda_min = \(lambdaMin) at n = \(n), the smallest penalty with a deterministic equivalent"
        }
    }

    public var errorDescription: String? { description }
}

/// The deterministic equivalent of the ridge estimator w_lambda = (X^T X + lambda I)^-1 X^T y at one
/// (n, lambda), with the regularized surrogate design's kappa and gamma (docs/MATH.md, "Ridge at
/// any lambda"). Values are on the model's scale; the risk is the calculator's.
public struct RidgeEquivalent: Equatable {
    public var n: Double
    /// The unnormalised penalty lambda.
    public var ridgeLambda: Double
    /// The fixed point: lambda = kappa (n - df1(kappa)); lambda_n (n < d) or 0 (n >= d) at lambda = 0.
    public var kappa: Double
    /// The Poisson rate of the extra i.i.d. rows: lambda / kappa (n - df1(kappa)); at lambda = 0,
    /// its limit 0 (n < d) or n - d (n >= d).
    public var gamma: Double
    /// The smallest admissible penalty at this n (<= 0; 0 at n = d).
    public var lambdaMin: Double
    /// The deterministic equivalent's bias and variance (nil where infinite: n - df2 = 0).
    public var deBias: Double?
    public var deVariance: Double?
    public var deMSE: Double? { deBias.flatMap { b in deVariance.map { b + $0 } } }
    /// The exact i.i.d. Gaussian value of the error `risk` names: at lambda = 0 `evaluate(n:)`'s
    /// `iidExactRisk`, at lambda > 0 `IsotropicRidgeRisk` (Sigma = s I, integer n, its validated
    /// range); nil elsewhere (docs/MATH.md, "Exact ridge risk of isotropic Gaussian rows").
    public var iidExactRisk: Double?
    public var risk: Risk

    /// True where the regularized surrogate design exists (lambda >= 0; at lambda = 0 it is S_n).
    public var surrogateExists: Bool { ridgeLambda >= 0 }
}

extension ClosedFormCalculator {
    /// The Bayes penalty sigma^2 d / ||w*||^2 (docs/MATH.md, "The Bayes identity"); nil for w* = 0.
    public var bayesLambda: Double? {
        model.wNormSquared > 0 ? model.sigma * model.sigma * Double(model.d) / model.wNormSquared : nil
    }

    /// The deterministic equivalent at (n, lambda). At lambda = 0 it is `evaluate(n:)`'s, bit for bit.
    /// Throws `ModelError.invalidSampleSize` for a bad n, `RidgeLambdaError` below lambda_min and
    /// `ModelError.notFinite(.lambda)` for a non-finite lambda.
    public func ridgeEquivalent(n: Double, lambda: Double) throws -> RidgeEquivalent {
        try Self.check(n: n)
        guard lambda.isFinite else { throw RidgeLambdaError.notFinite(lambda) }
        let ridge = RidgeKappaSolver(eigenvalues: normalised.eigenvalues)
        let (lambdaMinNormalised, kappaStar) = ridge.lambdaMin(n: n)
        let lambdaMin = scale.original(lambdaMinNormalised)
        let forms = evaluateChecked(n: n)
        let d = Double(model.d)
        if lambda == 0 {
            return RidgeEquivalent(n: n, ridgeLambda: 0, kappa: forms.lambda ?? 0, gamma: n < d ? 0 : n - d,
                                   lambdaMin: lambdaMin, deBias: forms.deBias, deVariance: forms.deVariance,
                                   iidExactRisk: forms.iidExactRisk, risk: risk)
        }
        let target = scale.normalised(lambda)
        guard target >= lambdaMinNormalised else { throw RidgeLambdaError.belowMinimum(lambda: lambda, lambdaMin: lambdaMin, n: n) }
        let start = forms.lambda.map(scale.normalised) ?? 0
        let kappa = ridge.kappa(n: n, lambda: target, kappaAtZero: start, kappaStar: kappaStar)
        let de = Self.ridgeEquivalent(n: n, lambda: target, kappa: kappa,
                                      sums: ridge.sums(n: n, kappa: kappa, weights: normalised.wEigen),
                                      sigma2: normalised.sigma * normalised.sigma, risk: risk)
        return RidgeEquivalent(n: n, ridgeLambda: lambda, kappa: scale.original(kappa), gamma: target / kappa,
                               lambdaMin: lambdaMin,
                               deBias: de.map { risk == .prediction ? scale.original($0.bias) : $0.bias },
                               deVariance: de.map { risk == .prediction ? scale.original($0.variance) : $0.variance },
                               iidExactRisk: lambda > 0 ? IsotropicRidgeRisk.risk(n: n, model: model, lambda: lambda, risk: risk) : nil,
                               risk: risk)
    }

    /// The formulas of docs/MATH.md, "The deterministic equivalent at any lambda", at the root kappa,
    /// with n - df2 = lambda/kappa + kappa t; nil where n - df2 <= 0 (infinite).
    static func ridgeEquivalent(n: Double, lambda: Double, kappa: Double, sums: RidgeKappaSolver.Sums,
                                sigma2: Double, risk: Risk) -> (bias: Double, variance: Double)? {
        let denominator = lambda / kappa + kappa * sums.t
        guard denominator > 0 else { return nil }
        let k2 = kappa * kappa
        switch risk {
        case .estimation:
            return (k2 * sums.wr2 + k2 * sums.swr2 * sums.t / denominator, sigma2 * sums.t / denominator)
        case .prediction:
            return (k2 * sums.swr2 * n / denominator, sigma2 * sums.df2 / denominator)
        }
    }
}
