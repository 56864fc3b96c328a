import ArgumentParser
import DoubleDescent
import Foundation

/// Which designs the Monte Carlo draws (`--design`).
enum DesignChoice: String, ExpressibleByArgument, CaseIterable {
    case surrogate, iid, both, none

    var designs: [DesignKind] {
        switch self {
        case .surrogate: return [.surrogate]
        case .iid: return [.iid]
        case .both: return [.surrogate, .iid]
        case .none: return []
        }
    }
}

/// The Monte Carlo flags (echoed as in docs/OUTPUT.md, "The model echo").
struct SimulationOptions: ParsableArguments {
    @Option(parsing: .unconditional, help: "Monte Carlo draws per n and design; 0 = closed forms only.")
    var trials: Int = 1000

    @Option(help: "Designs to simulate: surrogate, iid, both or none.")
    var design: DesignChoice = .both

    @OptionGroup var seedOptions: SeedOptions
    @OptionGroup var threadOptions: ThreadOptions
    @OptionGroup var samplerOptions: SamplerOptions

    var seed: UInt64 { seedOptions.seed }
    var threads: Int { threadOptions.threads }
    var sampler: MonteCarloSampler { samplerOptions.sampler }

    func validate() throws { try Self.validate(trials: trials) }

    /// `--trials` from 0 to 10^8 (also `gcv`'s).
    static func validate(trials: Int) throws {
        guard trials >= 0 else { throw ValidationError("--trials: must be 0 or more, got \(trials)") }
        guard trials <= 100_000_000 else { throw ValidationError("--trials: at most 100000000, got \(trials)") }
    }

    func settings() -> MonteCarloSettings {
        Self.settings(trials: trials, design: design, seed: seed, threads: threads, sampler: sampler)
    }

    /// The simulation inputs, echoed with the model.
    var echo: [(String, Value)] { Self.echo(trials: trials, design: design, seed: seed, sampler: sampler) }

    /// The settings of these flags' values; also `gcv --n`'s, whose `--trials` has another default.
    static func settings(trials: Int, design: DesignChoice, seed: UInt64, threads: Int,
                         sampler: MonteCarloSampler) -> MonteCarloSettings {
        MonteCarloSettings(trials: trials, seed: seed, designs: design.designs, threads: threads, sampler: sampler)
    }

    /// The echo of these flags' values, in the one order every output uses.
    static func echo(trials: Int, design: DesignChoice, seed: UInt64, sampler: MonteCarloSampler) -> [(String, Value)] {
        [("trials", .integer(trials)), ("design", .text(design.rawValue)), ("seed", .unsigned(seed)),
         ("sampler", .text(sampler.rawValue))]
    }
}
