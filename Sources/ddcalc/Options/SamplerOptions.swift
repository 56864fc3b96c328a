import ArgumentParser
import DoubleDescent

/// `--sampler`: how the Monte Carlo draws a trial (docs/USAGE.md, "Two samplers"; docs/MATH.md, "Monte
/// Carlo", "Two samplers").
extension MonteCarloSampler: ExpressibleByArgument {}

/// The `--sampler` flag of `sweep` (through `SimulationOptions`); `ridge` always draws rows.
struct SamplerOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "How a Monte Carlo trial is drawn: exact-law (fast: Gaussian errors from their derived exact laws) or rows (every design drawn as explicit rows and solved by QR, to check those laws).",
        valueName: "exact-law|rows"))
    var sampler: MonteCarloSampler = .exactLaw
}
