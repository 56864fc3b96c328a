import DDElementary
import DDModel

/// Every closed-form quantity at one expected sample size n (docs/MATH.md).
/// Optional values are nil where a quantity does not apply, is infinite or
/// has no known closed form; they print as null.
public struct ClosedForms: Equatable {
    public var n: Double
    public var d: Int
    /// lambda_n (n < d only).
    public var lambda: Double?
    /// alpha_n = P(K = d) under the surrogate design.
    public var alpha: Double
    /// Theorem 1 under the surrogate design, for the error `risk` names: its bias part (0 for n >= d)
    /// and its noise part. nil where no exact form is known (the prediction risk below d for a
    /// non-isotropic Sigma: docs/MATH.md, "Prediction risk"), printed null.
    public var bias: Double?
    public var variance: Double?
    /// Theorem 1's value of the error `risk` names: `bias + variance` (the MSE E||w_hat - w*||^2 by
    /// default).
    public var surrogateRisk: Double? { bias.flatMap { b in variance.map { b + $0 } } }
    /// Theorem 1's prediction risk E||w_hat - w*||_Sigma^2 whatever `risk` is (n >= d only).
    public var predictionRisk: Double?
    /// The i.i.d. design's deterministic equivalent of the error `risk` names (nil at n = d: infinite).
    public var deBias: Double?
    public var deVariance: Double?
    public var deRisk: Double? { deBias.flatMap { b in deVariance.map { b + $0 } } }
    /// The exact i.i.d. Gaussian value of the error `risk` names, where a closed form exists and is
    /// finite (Gaussian features only).
    public var iidExactRisk: Double?
    /// False where the theory values are only an approximation: Theorem 1 at n >= d for a data set
    /// (docs/MATH.md, "Finite populations"), the continuous law's value.
    public var theoryExact = true
    /// The error the risk-valued fields hold (`bias`, `variance`, the deterministic equivalent,
    /// `iidExactRisk`): estimation by default, or the prediction risk (docs/MATH.md, "Prediction
    /// risk"). `predictionRisk` is Theorem 1's prediction risk either way.
    public var risk: Risk = .estimation

    public var ratio: Double { n / Double(d) }
}

/// Evaluates `ClosedForms` for one model, reusing the solver's precomputed traces.
///
/// Every point is a function of the model and its n alone: the root finder starts from the same
/// place (`CoarseSpectrum`) whichever grid or command asks, so `point`, `sweep`, shards and merges
/// print the same bits for the same n (docs/MATH.md, "The regularization level lambda_n").
///
/// Everything is computed on the normalised model (`ScaleNormalisation`: the same bits wherever the
/// model itself would neither overflow nor underflow); lambda_n is reported on the model's scale.
public struct ClosedFormCalculator {
    public let model: RegressionModel
    /// The model's solver (its traces and roots on the model's scale).
    package let solver: LambdaSolver
    /// The normalised model's solver: its lambda and traces are c times and 1/c times the model's.
    let normalisedSolver: LambdaSolver
    /// The closely spaced blocks of the spectrum, summed by expansion in every pass.
    let expansion: BlockExpansion?
    /// The solver's starting point at each n (large d only).
    let coarse: CoarseSpectrum?
    let scale: ScaleNormalisation
    /// The model with spectrum c s and noise level sqrt(c) sigma.
    let normalised: RegressionModel
    /// The error `evaluate` reports (docs/MATH.md, "Prediction risk").
    public var risk: Risk = .estimation

    public init(model: RegressionModel) {
        self.model = model
        scale = ScaleNormalisation(model)
        normalised = scale.normalise(model)
        normalisedSolver = LambdaSolver(eigenvalues: normalised.eigenvalues)
        solver = scale.exponent == 0 ? normalisedSolver : LambdaSolver(eigenvalues: model.eigenvalues)
        expansion = BlockExpansion(eigenvalues: normalised.eigenvalues, weights: normalised.wEigen)
        coarse = CoarseSpectrum(normalised.eigenvalues)
    }

    /// The closed forms at expected sample size n (any positive real). Throws
    /// `ModelError.invalidSampleSize` unless n is positive and finite.
    public func evaluate(n: Double) throws -> ClosedForms {
        try Self.check(n: n)
        return evaluateChecked(n: n)
    }

    /// Throws `ModelError.invalidSampleSize` unless n is positive and finite: the closed forms' domain.
    package static func check(n: Double) throws {
        guard n > 0, n.isFinite else { throw ModelError.invalidSampleSize(n) }
    }

    /// `evaluate` for an n already checked (`check(n:)`).
    package func evaluateChecked(n: Double) -> ClosedForms {
        var result = evaluateNormalised(n: n)
        result.lambda = result.lambda.map(scale.original)
        result.predictionRisk = result.predictionRisk.map(scale.original)
        return risk == .prediction ? PredictionRiskTheory.rescaled(result, scale.original) : result
    }

    /// The closed forms of the normalised model (lambda and the risk on its scale).
    private func evaluateNormalised(n: Double) -> ClosedForms {
        let model = normalised
        let d = Double(model.d)
        let sigma2 = model.sigma * model.sigma
        var result: ClosedForms
        var sums: SpectralSums.Full?
        if n < d {
            (result, sums) = belowInterpolation(n: n, sigma2: sigma2)
        } else {
            result = atOrAboveInterpolation(n: n, sigma2: sigma2)
        }
        if model.population != nil {
            result.theoryExact = n < d
        } else if model.features == .gaussian {
            // The exact i.i.d. values are Gaussian results (docs/MATH.md, "Feature laws"); Theorem 1 and the
            // asymptotic deterministic equivalent do not depend on the law.
            result.iidExactRisk = IIDGaussianTheory.mse(n: n, model: model, traceInverse: normalisedSolver.traceInverse)
        }
        return risk == .prediction ? PredictionRiskTheory.restate(result, model: model, sums: sums) : result
    }

    /// Theorem 1 for n < d (with the exact finite-population variance for a data set), and the
    /// deterministic equivalent with kappa = lambda_n; and the spectral sums at lambda_n.
    private func belowInterpolation(n: Double, sigma2: Double) -> (ClosedForms, SpectralSums.Full) {
        let (lambda, sums, negativeLogAlpha) = normalised.eigenvalues.withUnsafeBufferPointer { s in
            normalised.wEigen.withUnsafeBufferPointer { w in
                let (lambda, sums) = normalisedSolver.solve(n: n, guess: coarse?.lambda(n: n), weights: w,
                                                              expansion: expansion)
                return (lambda, sums, Alpha.negativeLog(eigenvalues: s, lambda: lambda, n: n))
            }
        }
        let (alpha, oneMinusAlpha) = Alpha.fromNegativeLog(negativeLogAlpha)
        // Deterministic equivalent in its identity form (docs/MATH.md, "Deterministic equivalent"):
        // bias_DE is Theorem 1's bias and var_DE = sigma^2 / lambda_n, which neither cancel nor leave
        // the double range (the literal kappa^2 sum w^2 r^2 does, at condition numbers near 1e300).
        return (ClosedForms(
            n: n, d: normalised.d, lambda: lambda, alpha: alpha,
            bias: sums.bias,
            variance: sigma2 * FinitePopulationTheory.varianceFactor(
                n: n, d: normalised.d, alpha: alpha, oneMinusAlpha: oneMinusAlpha, populationSize: normalised.population?.count) / lambda,
            predictionRisk: nil,
            deBias: sums.bias, deVariance: sigma2 / lambda,
            iidExactRisk: nil), sums)
    }

    /// Theorem 1 for n >= d (bias 0): sigma^2 tr Sigma^-1 (1 - e^-(n-d)) / (n - d),
    /// with (1 - e^-g)/g = -expm1(-g)/g, and 1 at n = d.
    private func atOrAboveInterpolation(n: Double, sigma2: Double) -> ClosedForms {
        let d = Double(normalised.d)
        let excess = n - d
        let factor = excess == 0 ? 1 : -Elementary.expm1(-excess) / excess
        let t = normalisedSolver.traceInverse
        return ClosedForms(
            n: n, d: normalised.d, lambda: nil, alpha: Elementary.exp(-excess),
            bias: 0,
            variance: sigma2 * t * factor,
            predictionRisk: sigma2 * d * factor,
            deBias: excess > 0 ? 0 : nil,
            deVariance: excess > 0 ? sigma2 * t / excess : nil,
            iidExactRisk: nil)
    }
}
