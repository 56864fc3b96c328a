import ArgumentParser
import DoubleDescent

/// `--sampler`: how the Monte Carlo draws a trial (docs/USAGE.md, "Two samplers"; docs/MATH.md, "Monte
/// Carlo", "Two samplers").
enum SamplerChoice: String, ExpressibleByArgument, CaseIterable {
    case exactLaw = "exact-law"
    case rows

    var library: MonteCarloSampler { self == .rows ? .rows : .exactLaw }
}

/// The `--sampler` flag, shared by `sweep` (through `SimulationOptions`) and `ridge`.
struct SamplerOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "How a Monte Carlo trial is drawn: exact-law (fast: Gaussian errors from their derived exact laws) or rows (every design drawn as explicit rows and solved by QR, to check those laws).",
        valueName: "exact-law|rows"))
    var sampler: SamplerChoice = .exactLaw
}
