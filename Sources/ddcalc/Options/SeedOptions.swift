import ArgumentParser

/// `--seed`, shared by every command that draws at random.
struct SeedOptions: ParsableArguments {
    @Option(parsing: .unconditional, help: "Master seed; results are a pure function of (inputs, seed).")
    var seed: UInt64 = 1
}
