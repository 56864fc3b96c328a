import ArgumentParser
import DoubleDescent

/// `sweep --check-ridge` (issue 4): Theorem 2 at every n < d of the sweep, as two extra columns,
/// ridge_rel_error and ridge_p_value (null at n >= d). Kept out of Sweep.swift so that the sweep
/// only gains one option group and one call.
struct RidgeCheckOptions: ParsableArguments {
    @Flag(name: .customLong("check-ridge"),
          help: "Also check Theorem 2 at each n < d (surrogate design, linear response, --trials draws): adds ridge_rel_error and ridge_p_value (default: off).")
    var enabled = false

    /// One record per point: the two columns when enabled, nothing otherwise.
    func records(model: RegressionModel, points: [ClosedForms], simulation: SimulationOptions,
                 progress: ((Int, Int) -> Void)?, cancellation: Cancellation?) throws -> [Record] {
        guard enabled else { return points.map { _ in Record([]) } }
        let checks = try RidgeCheck.sweep(model: model, points: points, trials: simulation.trials, seed: simulation.seed,
                                          threads: simulation.threads, progress: progress, cancellation: cancellation)
        return checks.map { check in
            Record([("ridge_rel_error", .number(check?.relativeError)), ("ridge_p_value", .number(check?.pValue))])
        }
    }

    /// The memory of the checks, which run after the sweep's Monte Carlo: the ridge Monte Carlo at the
    /// largest checked n (nil when disabled or no point has n < d).
    func memoryEstimate(model: RegressionModel, points: [ClosedForms], simulation: SimulationOptions) -> MemoryEstimate? {
        guard enabled, let n = points.filter({ $0.lambda != nil }).map(\.n).max() else { return nil }
        return MemoryEstimate(ridgeOf: model, design: .surrogate, n: n, trials: simulation.trials, threads: simulation.threads)
    }

    var tableColumns: [(key: String, title: String)] {
        enabled ? [("ridge_rel_error", "ridge rel err"), ("ridge_p_value", "ridge p")] : []
    }
}
