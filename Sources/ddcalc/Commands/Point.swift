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
        // The sweep row's keys (docs/OUTPUT.md, "point"), the Monte Carlo ones null: `point` computes closed forms only;
        // the gap is the min-norm estimator's (empty at a ridge penalty).
        let record = (ridge.map(point.record(ridge:)) ?? point.record) + Optional<MonteCarloPoint>.none.record
            + point.dataSetRecord(regression.population != nil, ridgeLambda: ridge?.ridgeLambda ?? 0) + (ridge?.record ?? Record([]))
            + (ridge == nil ? DesignGap(closedForms: point, monteCarlo: nil).record : DesignGap(monteCarlo: nil).record)
        var checked = ResultTable(title: "", model: Record([]), rows: [record],
                                  warnings: ValidatedRange.warnings(model: regression, points: [point], monteCarlo: false))
        checked.warnOutsideDoublePrecision()
        let report = PointReport(record: record, model: model.echo(regression), risk: riskOptions.risk, warnings: checked.warnings)
        let text = try report.text(output.format)
        try OutputSink.write(text, to: output.out)
        if output.format != .json { OutputOptions.warn(report.warnings) }
    }
}
