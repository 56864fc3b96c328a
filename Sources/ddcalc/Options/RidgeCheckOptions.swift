import ArgumentParser
import DoubleDescent

/// `sweep --check-ridge` (issue 4): Theorem 2 at every n < d of the sweep, as two extra columns,
/// ridge_rel_error and ridge_p_value (null at n >= d). Kept out of Sweep.swift so that the sweep
/// only gains one option group and one call.
struct RidgeCheckOptions: ParsableArguments {
    @Flag(name: .customLong("check-ridge"),
          help: "Also check Theorem 2 at each n < d (surrogate design, linear response, --trials draws): adds ridge_rel_error and ridge_p_value (default: off).")
    var enabled = false

    /// One record per point: the two columns when enabled, nothing otherwise. Points in `saved`
    /// (from a checkpoint) are not checked again; each newly checked point goes to `finished` at once.
    func records(model: RegressionModel, points: [ClosedForms], simulation: SimulationOptions,
                 saved: [Int: RidgeColumns] = [:], finished: ((Int, RidgeColumns) -> Void)? = nil,
                 progress: ((Int, Int) -> Void)?, cancellation: Cancellation?) throws -> [Record] {
        guard enabled else { return points.map { _ in Record([]) } }
        let checks = try RidgeCheck.sweep(model: model, points: points, trials: simulation.trials, seed: simulation.seed,
                                          threads: simulation.threads, skipping: Set(saved.keys),
                                          finished: { finished?($0, RidgeColumns($1)) },
                                          progress: progress, cancellation: cancellation)
        return checks.indices.map { index in (saved[index] ?? RidgeColumns(checks[index])).record }
    }

    /// The memory of the checks, which run after the sweep's Monte Carlo: the ridge Monte Carlo at the
    /// largest checked n (nil when disabled or no point has n < d).
    func memoryEstimate(model: RegressionModel, points: [ClosedForms], simulation: SimulationOptions) -> MemoryBound? {
        guard enabled, let n = points.filter({ $0.lambda != nil }).map(\.n).max() else { return nil }
        return MemoryBound(ridgeOf: model, design: .surrogate, n: n, trials: simulation.trials, threads: simulation.threads)
    }

    /// The table's columns of the check.
    static let columns: [(key: String, title: String)] = [("ridge_rel_error", "ridge rel err"), ("ridge_p_value", "ridge p")]
}

/// The two `--check-ridge` columns of one point, as printed and as a checkpoint keeps them.
struct RidgeColumns: Equatable {
    var relativeError: Double?
    var pValue: Double?

    init(relativeError: Double?, pValue: Double?) {
        self.relativeError = relativeError
        self.pValue = pValue
    }

    /// Both null where no check applies (n >= d).
    init(_ check: RidgeCheck?) {
        self.init(relativeError: check?.relativeError, pValue: check?.pValue)
    }

    var record: Record {
        Record([("ridge_rel_error", .number(relativeError)), ("ridge_p_value", .number(pValue))])
    }
}
