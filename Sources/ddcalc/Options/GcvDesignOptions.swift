import ArgumentParser
import DoubleDescent

/// `gcv --n N`: the design-based risk of ridge fits on n expected rows drawn from the data set, at the
/// subsample penalty whose expected fit is the full-data fit at each gcv penalty (docs/MATH.md, "The
/// design-based risk of a data set's ridge fits"; docs/OUTPUT.md, "gcv").
struct GcvDesignOptions: ParsableArguments {
    @Option(parsing: .unconditional,
            help: ArgumentHelp("Expected subsample size n > 0: adds, per penalty, the design-based risk of ridge fits on n rows drawn "
                               + "from the data set (w* = its least-squares fit, sigma^2 = the residual mean square), at the subsample "
                               + "penalty subsample_lambda whose expected fit is the full-data fit at lambda (default: none)."))
    var n: Double?

    @Option(parsing: .unconditional, help: "(--n) Monte Carlo draws per penalty and design; 0 = the deterministic equivalent only.")
    var trials: Int = 0

    @Option(help: "(--trials) Designs to simulate: surrogate (the regularized surrogate design), iid, both or none.")
    var design: DesignChoice = .both

    @OptionGroup var risk: RiskOptions
    @OptionGroup var seedOptions: SeedOptions
    @OptionGroup var threadOptions: ThreadOptions
    @OptionGroup var samplerOptions: SamplerOptions
    @OptionGroup var progressOptions: ProgressOptions

    func validate() throws {
        if let n, !(n > 0 && n.isFinite) { throw ValidationError("--n: must be a positive finite number, got \(n)") }
        try SimulationOptions.validate(trials: trials)
        if n == nil, trials > 0 { throw ValidationError("--trials: needs --n, the expected subsample size") }
        if n == nil, risk.risk != .estimation { throw ValidationError("--risk: needs --n, the expected subsample size") }
    }

    /// The Monte Carlo settings at the subsample penalty `lambda`.
    func settings(lambda: Double) -> MonteCarloSettings {
        var settings = SimulationOptions.settings(trials: trials, design: design, seed: seedOptions.seed,
                                                  threads: threadOptions.threads, sampler: samplerOptions.sampler)
        settings.risk = risk.risk
        settings.ridgeLambda = lambda
        return settings
    }

    /// The designs the Monte Carlo draws (none without trials).
    var simulatedDesigns: [DesignKind] { trials > 0 ? design.designs : [] }

    /// The inputs echoed with the data when `--n` is given: the same keys as `sweep`'s.
    func echo(_ model: RegressionModel, format: OutputFormat) -> [(String, Value)] {
        guard let n else { return [] }
        return [("n", .number(n)), ("wstar", .text(model.wstar.description)), ("wnorm", .number(model.wnorm)),
                ("sigma", .number(model.sigma))]
            + SimulationOptions.echo(trials: trials, design: design, seed: seedOptions.seed, sampler: samplerOptions.sampler)
            + risk.echo(format: format)
    }
}
