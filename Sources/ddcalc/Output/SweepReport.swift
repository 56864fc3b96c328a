import DoubleDescent

/// The printed result of a sweep, shared by `sweep` and `merge` so both print the same bytes.
enum SweepReport {
    static let title = "ddcalc sweep: MSE of the min-norm estimator; theory = Theorem 1 (surrogate design), mc = Monte Carlo"
    /// The title on a data set (`--data`), saying where the theory columns are exact.
    static let dataSetTitle = "ddcalc sweep: MSE of the min-norm estimator on a data set; theory = exact finite-population form "
        + "for n < d, Theorem 1's continuous approximation for n >= d (exact = no); mc = Monte Carlo"

    /// The rows: closed forms, then Monte Carlo, then the optional keys in their fixed order
    /// (docs/OUTPUT.md, "Column order"): `theory_exact` for a data set (which also gets its own
    /// title), then `extra` columns per point (the ridge check), then at a ridge penalty lambda != 0
    /// (`ridge`, one per point) its keys, with the closed-form keys of `ClosedForms.record(ridge:)`.
    static func table(points: [ClosedForms], simulated: [MonteCarloPoint], model: Record, extra: [Record]? = nil,
                      dataSet: Bool = false, ridge: [RidgeEquivalent]? = nil) -> ResultTable {
        let extra = extra ?? points.map { _ in Record([]) }
        return ResultTable(title: dataSet ? dataSetTitle : title, model: model,
                           rows: points.indices.map { i in
                               let point = points[i], equivalent = ridge?[i]
                               return (equivalent.map(point.record(ridge:)) ?? point.record) + Optional(simulated[i]).record
                                   + point.dataSetRecord(dataSet) + extra[i] + (equivalent?.record ?? Record([]))
                           })
    }

    /// The table shows the columns people read; csv and json carry every key. `designs` are the
    /// simulated designs (empty without Monte Carlo).
    static func tableColumns(designs: [DesignKind], dataSet: Bool = false) -> [(key: String, title: String)] {
        var columns: [(key: String, title: String)] = [
            ("n", "n"), ("ratio", "n/d"), ("lambda", "lambda_n"),
            ("theory_mse", "theory MSE"), ("theory_bias", "bias"), ("theory_variance", "variance"),
        ]
        if dataSet { columns += [("theory_exact", "exact")] }
        if designs.contains(.surrogate) {
            columns += [("mc_surrogate_mse", "MC surrogate"), ("mc_surrogate_stderr", "+-"), ("mc_surrogate_mean_rows", "rows")]
        }
        if !dataSet { columns += [("iid_exact_mse", "iid exact")] }
        if designs.contains(.iid) { columns += [("mc_iid_mse", "MC iid"), ("mc_iid_stderr", "+-")] }
        columns += [("de_mse", "DE MSE")]
        if !designs.isEmpty { columns += [("heavy_tail", "heavy")] }
        return columns
    }
}
