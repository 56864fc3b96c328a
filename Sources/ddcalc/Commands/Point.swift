import ArgumentParser
import DoubleDescent

/// `ddcalc point`: every closed-form quantity at one (d, n).
struct Point: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Every closed-form quantity at one (d, n).",
        discussion: "Example: ddcalc point --d 100 --n 50 --spectrum geometric:100 --format json"
    )

    @OptionGroup var model: ModelOptions

    @Option(parsing: .unconditional, help: "Expected sample size n > 0 (any real number).")
    var n: Double

    @OptionGroup var riskOptions: RiskOptions
    @OptionGroup var ridgeLambda: RidgeLambdaOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard n > 0, n.isFinite else { throw ValidationError("--n: must be a positive finite number, got \(n)") }
        try output.refuseGnuplot(command: "point")
    }

    func run() throws {
        var files = RunFiles(model: model)
        output.declareOutputs(&files)
        try files.checkDistinct()
        let regression = try model.makeModel()
        let point = try riskOptions.calculator(regression).evaluate(n: n)
        let ridge = try ridgeLambda.equivalents(riskOptions.calculator(regression), ns: [n])?.first
        let closedForms = ridge.map(point.record(ridge:)) ?? point.record, ridgeKeys = ridge?.record ?? Record([])
        // The sweep row's keys (docs/OUTPUT.md, "point"), the Monte Carlo ones null: `point` computes closed forms only;
        // in JSON then `risk`.
        let dataSet = regression.population != nil
        let record = closedForms + Optional<MonteCarloPoint>.none.record + point.dataSetRecord(dataSet) + ridgeKeys
            + Record(output.format == .json ? riskOptions.echo(format: .json) : [])
        let echo = model.echo(regression).appending(riskOptions.echo(format: output.format))
        var checked = ResultTable(title: "", model: echo, rows: [record], warnings: ValidatedRange.warnings(model: regression, points: [point], monteCarlo: false))
        checked.warnOutsideDoublePrecision()
        let warnings = checked.warnings
        let text: String
        switch output.format {
        case .json: text = JSONFormat.render(record, warnings: warnings)
        case .csv: text = CSVFormat.render(ResultTable(title: "", model: echo, rows: [record]))
        case .table: text = TableFormat.render(title: "ddcalc point: closed forms at one n", model: echo, record: closedForms + point.dataSetRecord(dataSet) + ridgeKeys)
        case .gnuplot: throw InputError("--format gnuplot: only sweep writes gnuplot exports")
        }
        try OutputSink.write(text, to: output.out)
        if output.format != .json { OutputOptions.warn(warnings) }
    }
}
