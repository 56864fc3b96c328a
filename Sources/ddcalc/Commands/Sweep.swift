import ArgumentParser
import DoubleDescent
import Foundation

/// `ddcalc sweep`: the main job. Closed forms and Monte Carlo along a grid of n.
struct Sweep: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Sweep the expected sample size n at fixed d: closed forms and Monte Carlo side by side.",
        discussion: "Example: ddcalc sweep --d 100 --spectrum geometric:100 --trials 2000 --format csv --out sweep.csv"
    )

    @OptionGroup var model: ModelOptions
    @OptionGroup var grid: GridOptions
    @OptionGroup var simulation: SimulationOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var ridgeCheck: RidgeCheckOptions

    func run() throws {
        let regression = try model.makeModel()
        let ns = try grid.values(d: regression.d)
        let cancellation = Interrupts.install()
        let points = ClosedFormSweep.evaluate(ClosedFormCalculator(model: regression), ns: ns, threads: simulation.threads)
        let progress = ProgressBar()
        let simulated: [MonteCarloPoint]
        let ridge: [Record]
        do {
            simulated = try MonteCarloSimulator(model: regression, settings: simulation.settings())
                .run(points, progress: progress.update, cancellation: cancellation)
            ridge = try ridgeCheck.records(model: regression, points: points, simulation: simulation,
                                           progress: progress.update, cancellation: cancellation)
            progress.finish()
        } catch is CancelledError {
            progress.finish()
            FileHandle.standardError.write(Data("ddcalc: interrupted; nothing written\n".utf8))
            throw ExitCode(Interrupts.exitCode)
        }
        let table = ResultTable(
            title: "ddcalc sweep: MSE of the min-norm estimator; theory = Theorem 1 (surrogate design), mc = Monte Carlo",
            model: model.echo(regression).appending(simulation.echo),
            rows: zip(zip(points, simulated), ridge).map { $0.0.record + Optional($0.1).record + $1 })
        try output.write(table, tableColumns: tableColumns)
    }

    /// The table shows the columns people read; csv and json carry every key.
    var tableColumns: [(key: String, title: String)] {
        var columns: [(key: String, title: String)] = [
            ("n", "n"), ("ratio", "n/d"), ("lambda", "lambda_n"),
            ("theory_mse", "theory MSE"), ("theory_bias", "bias"), ("theory_variance", "variance"),
        ]
        let designs = simulation.trials > 0 ? simulation.design.designs : []
        if designs.contains(.surrogate) {
            columns += [("mc_surrogate_mse", "MC surrogate"), ("mc_surrogate_stderr", "+-"), ("mc_surrogate_mean_rows", "rows")]
        }
        columns += [("iid_exact_mse", "iid exact")]
        if designs.contains(.iid) { columns += [("mc_iid_mse", "MC iid"), ("mc_iid_stderr", "+-")] }
        columns += [("de_mse", "DE MSE")]
        if !designs.isEmpty { columns += [("heavy_tail", "heavy")] }
        return columns + ridgeCheck.tableColumns
    }
}
