import DoubleDescent

/// The printed result of a sweep, shared by `sweep` and `merge` so both print the same bytes.
enum SweepReport {
    /// The title of a sweep's output (`sweep`, `merge` and `convert` alike, so it is made from what the
    /// output holds): the quantity (`risk`), the estimator (min-norm, or ridge at the penalty of its
    /// rows: `ridgeLambda`, nil or 0 for min-norm), whether it is a ridge path (`--vary lambda`) and on
    /// a data set, where the theory columns are exact.
    static func title(risk: Risk, dataSet: Bool = false, ridgeLambda: Double? = nil, ridgePath: Bool = false) -> String {
        let quantity = risk == .estimation ? "MSE" : "prediction risk"
        if ridgePath {
            return "ddcalc sweep: the ridge path at fixed n, \(quantity) of the ridge estimator; de = deterministic equivalent, mc = Monte Carlo"
        }
        if let lambda = ridgeLambda, lambda != 0 {
            return "ddcalc sweep: \(quantity) of the ridge estimator at lambda = \(TableFormat.human(.number(lambda))); Theorem 1 only at lambda = 0 "
                + "(theory empty), iid exact for isotropic Sigma; de = deterministic equivalent, mc = Monte Carlo"
        }
        return dataSet
            ? "ddcalc sweep: \(quantity) of the min-norm estimator on a data set; theory = exact finite-population form "
                + "for n < d, Theorem 1's continuous approximation for n >= d (exact = no); mc = Monte Carlo"
            : "ddcalc sweep: \(quantity) of the min-norm estimator; theory = Theorem 1 (surrogate design), mc = Monte Carlo"
    }

    /// The rows: closed forms, then Monte Carlo, then the optional keys in their fixed order
    /// (docs/OUTPUT.md, "Column order"): `theory_exact` for a data set (which also gets its own
    /// title), then `extra` columns per point (the ridge check), then at a ridge penalty lambda != 0
    /// (`ridge`, one per point) its keys, with the closed-form keys of `ClosedForms.record(ridge:)`,
    /// then the gap between the designs (at a ridge penalty, between their Monte Carlo estimates), then
    /// each design's heavy-tail flag.
    static func table(points: [ClosedForms], simulated: [MonteCarloPoint], model: Record, extra: [Record]? = nil,
                      risk: Risk, dataSet: Bool = false, ridge: [RidgeEquivalent]? = nil) -> ResultTable {
        let extra = extra ?? points.map { _ in Record([]) }
        return ResultTable(title: title(risk: risk, dataSet: dataSet, ridgeLambda: ridge?.first?.ridgeLambda), model: model,
                           rows: points.indices.map { i in
                               let point = points[i], equivalent = ridge?[i]
                               return (equivalent.map(point.record(ridge:)) ?? point.record) + Optional(simulated[i]).record
                                   + point.dataSetRecord(dataSet, ridgeLambda: equivalent?.ridgeLambda ?? 0) + extra[i] + (equivalent?.record ?? Record([]))
                                   + (equivalent == nil ? DesignGap(closedForms: point, monteCarlo: simulated[i])
                                                        : DesignGap(monteCarlo: simulated[i])).record
                                   + Optional(simulated[i]).heavyTailRecord
                           })
    }

    /// An i.i.d. design has exactly n rows, so a fractional n has none: its `mc_iid_*` and `gap_mc` are
    /// empty. The warning naming those grid points when the i.i.d. design is simulated (docs/OUTPUT.md,
    /// "Warnings"); `sweep` refuses a grid with no integer n when the i.i.d. design is the only one.
    static func fractionalSizeWarning(ns: [Double], designs: [DesignKind]) -> String? {
        let fractional = ns.filter { $0 != $0.rounded() }
        guard designs.contains(.iid), let first = fractional.first else { return nil }
        return "the i.i.d. design needs an integer n: \(fractional.count) of \(ns.count) grid points (first n = \(first)) "
            + "have no i.i.d. design, so mc_iid_mse, mc_iid_stderr and gap_mc are empty there"
    }

    /// The table's columns for `table`, read from what it holds (so `convert` picks them from a saved
    /// output as the sweep did): the simulated designs from the echo's `trials` and `design`, a data
    /// set from its `data` key, a model-wise sweep (`d` first) from `vary`, the ridge check from its columns.
    static func tableColumns(of table: ResultTable) -> [(key: String, title: String)] {
        let echo = Dictionary(table.model.fields.map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a })
        let trials: Int
        switch echo["trials"] {
        case .integer(let count)?: trials = count
        default: trials = 0
        }
        var design: String?
        if case .text(let text)? = echo["design"] { design = text }
        let designs = trials > 0 ? design.flatMap(DesignChoice.init(rawValue:))?.designs ?? [] : []
        if RidgePathReport.isRidgePath(table.model) { return RidgePathReport.tableColumns(rows: table.rows) }
        if echo["vary"] != nil { return [("d", "d")] + tableColumns(designs: designs) }
        let ridge = table.rows.first?.keys.contains("ridge_rel_error") ?? false
        let penalty = table.rows.first?.keys.contains("ridge_lambda") ?? false
        return tableColumns(designs: designs, dataSet: echo["data"] != nil) + (ridge ? RidgeCheckOptions.columns : [])
            + (penalty ? RidgeLambdaOptions.columns : [])
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
        if designs.contains(.iid) {
            columns += [("mc_iid_mse", "MC iid"), ("mc_iid_stderr", "+-"), ("gap_mc", "MC gap"), ("gap_mc_stderr", "+-")]
        }
        columns += [("de_mse", "DE MSE")]
        if !designs.isEmpty { columns += [("heavy_tail", "heavy")] }
        return columns
    }
}
