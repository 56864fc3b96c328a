import ArgumentParser
import DoubleDescent
import Foundation

/// `ddcalc sweep`: the main job. Closed forms (and Monte Carlo) along a grid of n.
struct Sweep: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Sweep the expected sample size n at fixed d: closed forms and Monte Carlo side by side.",
        discussion: "Example: ddcalc sweep --d 100 --spectrum geometric:100 --format csv --out sweep.csv"
    )

    @OptionGroup var model: ModelOptions
    @OptionGroup var grid: GridOptions

    @Option(help: "Worker threads (default: all cores); never changes a number in the output.")
    var threads: Int = ProcessInfo.processInfo.activeProcessorCount

    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard threads >= 1 else { throw ValidationError("--threads: must be at least 1, got \(threads)") }
    }

    func run() throws {
        let regression = try model.makeModel()
        let ns = try grid.values(d: regression.d)
        let points = ClosedFormSweep.evaluate(ClosedFormCalculator(model: regression), ns: ns, threads: threads)
        let table = ResultTable(
            title: "ddcalc sweep: exact MSE of the min-norm estimator under the surrogate design (Theorem 1)",
            model: model.echo(regression),
            rows: points.map(\.record))
        let text: String
        switch output.format {
        case .table: text = TableFormat.render(table, columns: Self.tableColumns)
        case .csv: text = CSVFormat.render(table)
        case .json: text = JSONFormat.render(table)
        }
        try OutputSink.write(text, to: output.out)
    }

    static let tableColumns: [(key: String, title: String)] = [
        ("n", "n"), ("ratio", "n/d"), ("lambda", "lambda_n"), ("alpha", "alpha_n"),
        ("theory_mse", "MSE"), ("theory_bias", "bias"), ("theory_variance", "variance"),
        ("de_mse", "DE MSE"), ("iid_exact_mse", "iid exact"),
    ]
}
