import DoubleDescent

/// The printed result of a sweep, shared by `sweep` and `merge` so both print the same bytes.
enum SweepReport {
    static let title = "ddcalc sweep: MSE of the min-norm estimator; theory = Theorem 1 (surrogate design), mc = Monte Carlo"

    /// The rows: closed forms, then Monte Carlo, then `extra` columns per point (e.g. the ridge check).
    static func table(points: [ClosedForms], simulated: [MonteCarloPoint], model: Record, extra: [Record]? = nil) -> ResultTable {
        let extra = extra ?? points.map { _ in Record([]) }
        return ResultTable(title: title, model: model,
                           rows: zip(zip(points, simulated), extra).map { $0.0.record + Optional($0.1).record + $1 })
    }

    /// The table shows the columns people read; csv and json carry every key. `designs` are the
    /// simulated designs (empty without Monte Carlo).
    static func tableColumns(designs: [DesignKind]) -> [(key: String, title: String)] {
        var columns: [(key: String, title: String)] = [
            ("n", "n"), ("ratio", "n/d"), ("lambda", "lambda_n"),
            ("theory_mse", "theory MSE"), ("theory_bias", "bias"), ("theory_variance", "variance"),
        ]
        if designs.contains(.surrogate) {
            columns += [("mc_surrogate_mse", "MC surrogate"), ("mc_surrogate_stderr", "+-"), ("mc_surrogate_mean_rows", "rows")]
        }
        columns += [("iid_exact_mse", "iid exact")]
        if designs.contains(.iid) { columns += [("mc_iid_mse", "MC iid"), ("mc_iid_stderr", "+-")] }
        columns += [("de_mse", "DE MSE")]
        if !designs.isEmpty { columns += [("heavy_tail", "heavy")] }
        return columns
    }
}
