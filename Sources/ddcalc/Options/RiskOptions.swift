import ArgumentParser
import DoubleDescent

extension Risk: ExpressibleByArgument {}

/// `--risk`: which error every MSE column holds (docs/OUTPUT.md, "Prediction risk").
struct RiskOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Error in every MSE column (theory and Monte Carlo): estimation, E||w_hat - w*||^2 "
                               + "(the paper's), or prediction, the excess prediction risk E||w_hat - w*||_Sigma^2 for a fresh x."))
    var risk: Risk = .estimation

    /// The `risk` key of the echo: always in JSON and CSV (whose readers see no comment line), in the
    /// table and gnuplot export only for the prediction risk (so their estimation bytes are unchanged).
    func echo(format: OutputFormat) -> [(String, Value)] { Self.echo(risk, format: format) }

    static func echo(_ risk: Risk, format: OutputFormat) -> [(String, Value)] {
        format == .json || format == .csv || risk == .prediction ? [("risk", .text(risk.rawValue))] : []
    }

    /// A calculator for `model` that reports this risk.
    func calculator(_ model: RegressionModel) -> ClosedFormCalculator {
        var calculator = ClosedFormCalculator(model: model)
        calculator.risk = risk
        return calculator
    }
}
