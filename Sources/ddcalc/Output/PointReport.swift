import DoubleDescent

/// The printed result of `point` in every format, built by `point` from its closed forms and by
/// `convert` from a saved JSON output, so both print the same bytes (docs/OUTPUT.md, "point").
struct PointReport {
    static let title = "ddcalc point: closed forms at one n"

    /// Every key of the row, as csv prints it: the sweep row's keys (Monte Carlo ones null), then
    /// `theory_exact` for a data set, then the gap.
    var record: Record
    /// The model echo.
    var model: Record
    var risk: Risk
    var warnings: [String]

    func text(_ format: OutputFormat) throws -> String {
        switch format {
        case .json:
            return JSONFormat.render(record.appending([("risk", .text(risk.rawValue))]), model: model, warnings: warnings)
        case .csv:
            return CSVFormat.render(ResultTable(title: "", model: model.appending(RiskOptions.echo(risk, format: .csv)), rows: [record]))
        case .table:
            return TableFormat.render(title: Self.title, model: model.appending(RiskOptions.echo(risk, format: .table)),
                                      record: closedForms)
        case .gnuplot:
            throw InputError("--format gnuplot: only sweep and merge write gnuplot exports")
        }
    }

    /// The table's keys: the closed forms (`n` to `iid_exact_mse`), `theory_exact` and a ridge
    /// penalty's keys, not the always-empty Monte Carlo keys nor the gap.
    var closedForms: Record {
        let end = (record.keys.firstIndex(of: "iid_exact_mse") ?? record.fields.count - 1) + 1
        let shown: Set<String> = ["theory_exact", "ridge_lambda", "kappa", "gamma", "lambda_min"]
        return Record((Array(record.fields.prefix(end)) + record.fields.filter { shown.contains($0.key) }).map { ($0.key, $0.value) })
    }
}
