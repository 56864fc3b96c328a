import DDModel
import DDSimulation
import DDTheory
import Foundation

/// Model-wise double descent: the error at fixed n as the number d of eigen-directions used grows
/// (docs/MATH.md, "Model-wise double descent"). Each d is a `FeatureTruncation`: Theorem 1 and the
/// Monte Carlo run on the d-feature model with sigma_eff, and the omitted weight is added.
public enum ModelWiseSweep {
    /// The truncations at `dimensions`; throws `ModelError.dependentFeatures` for a feature law whose
    /// coordinates are dependent (the sphere), where the omitted features are not independent noise,
    /// and `ModelError` for a dimension outside 1...model.d.
    public static func truncations(_ model: RegressionModel, dimensions: [Int]) throws -> [FeatureTruncation] {
        guard model.features.hasIndependentCoordinates else { throw ModelError.dependentFeatures(model.features) }
        return try dimensions.map { try FeatureTruncation(model, dimension: $0) }
    }

    /// The closed forms of each d-feature model at n (lambda_n, alpha_n, ... of the d-feature model;
    /// MSE, bias, risk and i.i.d. values not yet totalled: see `FeatureTruncation.total`).
    /// Throws `ModelError.invalidSampleSize` unless n is positive and finite.
    public static func closedForms(_ truncations: [FeatureTruncation], n: Double, threads: Int,
                                   risk: Risk = .estimation) throws -> [ClosedForms] {
        try ClosedFormCalculator.check(n: n)
        var results = [ClosedForms?](repeating: nil, count: truncations.count)
        let lock = NSLock()
        ParallelFor.run(count: truncations.count, threads: threads) { i in
            var calculator = ClosedFormCalculator(model: truncations[i].model)
            calculator.risk = risk
            let forms = calculator.evaluateChecked(n: n)
            lock.lock(); results[i] = forms; lock.unlock()
        }
        return results.map { $0! }
    }

    /// The Monte Carlo of each d-feature model at its closed forms `points` (from `closedForms`),
    /// totalled over all D_total coordinates. Trial streams are keyed as in any sweep, by (seed, n,
    /// design, trial), so the same n gives the same random numbers at every d.
    public static func simulate(_ truncations: [FeatureTruncation], points: [ClosedForms], settings: MonteCarloSettings,
                                progress: ((Int, Int) -> Void)? = nil,
                                cancellation: Cancellation? = nil) throws -> [MonteCarloPoint] {
        try MonteCarloSimulator.check(trials: settings.trials, minimum: 0)
        let perPoint = settings.trials * settings.designs.count, total = perPoint * truncations.count
        var results: [MonteCarloPoint] = []
        for (index, (truncation, point)) in zip(truncations, points).enumerated() {
            let simulated = try MonteCarloSimulator(model: truncation.model, settings: settings)
                .run([point], progress: { done, _ in progress?(index * perPoint + done, total) }, cancellation: cancellation)[0]
            results.append(MonteCarloPoint(surrogate: simulated.surrogate.map { truncation.total($0, risk: settings.risk) },
                                           iid: simulated.iid.map { truncation.total($0, risk: settings.risk) }))
        }
        return results
    }
}
