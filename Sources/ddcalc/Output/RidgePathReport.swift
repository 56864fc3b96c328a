import DoubleDescent

/// The printed result of a ridge path (`sweep --vary lambda`, docs/OUTPUT.md, "The ridge path"),
/// shared by `sweep` and the readers of its saved JSON (`convert`, `plot`), so that both print the
/// same bytes in every format.
enum RidgePathReport {
    /// The values of the whole path: JSON's top-level keys after `points`, the last echo items elsewhere.
    static let topLevelKeys = ["de_optimal_lambda", "bayes_lambda"]

    /// The table's columns; `iid exact` only where a row holds one (isotropic Gaussian models:
    /// `IsotropicRidgeRisk`), read from the rows so that a saved output gets the columns the sweep had.
    static func tableColumns(rows: [Record]) -> [(key: String, title: String)] {
        let iidExact = rows.contains { row in row.fields.contains { $0.key == "iid_exact_mse" && !$0.value.isNull } }
        return [("ridge_lambda", "lambda"), ("kappa", "kappa"), ("gamma", "gamma"), ("de_mse", "DE MSE")]
            + (iidExact ? [("iid_exact_mse", "iid exact")] : [])
            + [("mc_surrogate_mse", "MC surrogate"), ("mc_surrogate_stderr", "+-"), ("mc_iid_mse", "MC iid"), ("mc_iid_stderr", "+-")]
    }

    /// The path's table of `risk` in `format`: `top` (the `topLevelKeys`) at JSON's top level, else after the echo.
    static func table(risk: Risk, model: Record, rows: [Record], top: Record, warnings: [String], format: OutputFormat) -> ResultTable {
        var table = ResultTable(title: SweepReport.title(risk: risk, ridgePath: true), model: format == .json ? model : model + top, rows: rows, warnings: warnings)
        if format == .json { table.topLevel = top }
        return table
    }

    /// Whether a saved output's echo is a ridge path's.
    static func isRidgePath(_ echo: Record) -> Bool {
        echo.fields.contains { $0.key == "vary" && $0.value == .text(SweepAxis.lambda.rawValue) }
    }
}
