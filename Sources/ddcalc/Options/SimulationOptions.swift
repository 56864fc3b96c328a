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

    @Option(parsing: .unconditional, help: "Master seed; results are a pure function of (inputs, seed).")
    var seed: UInt64 = 1

    @Option(name: .customLong("threads"), parsing: .unconditional,
            help: ArgumentHelp("Worker threads; never changes a number in the output (default: all cores).",
                               valueName: "threads"))
    var threadCount: Int?

    /// `--threads`, or all cores when not given.
    var threads: Int { threadCount ?? ProcessInfo.processInfo.activeProcessorCount }

    func validate() throws {
        guard trials >= 0 else { throw ValidationError("--trials: must be 0 or more, got \(trials)") }
        guard trials <= 100_000_000 else { throw ValidationError("--trials: at most 100000000, got \(trials)") }
        guard threads >= 1 else { throw ValidationError("--threads: must be at least 1, got \(threads)") }
        guard threads <= 1024 else { throw ValidationError("--threads: at most 1024, got \(threads)") }
    }

    func settings() -> MonteCarloSettings {
        MonteCarloSettings(trials: trials, seed: seed, designs: design.designs, threads: threads)
    }

    /// The simulation inputs, echoed with the model.
    var echo: [(String, Value)] {
        [("trials", .integer(trials)), ("design", .text(design.rawValue)), ("seed", .text(String(seed)))]
    }
}
