import ArgumentParser
import DoubleDescent

/// How a sweep runs, never what it computes: sharding, checkpoints and the memory limit
/// (docs/OUTPUT.md, "merge", "Checkpoints").
struct RunControlOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Compute only shard I of N (1-based) of the Monte Carlo jobs and write a partial-results file to --out (required; --format does not apply); combine the N files with `ddcalc merge` (default: no sharding).",
                               valueName: "I/N"))
    var shard: String?

    @Option(help: ArgumentHelp("Save progress to this file atomically, after every finished point and design and every --checkpoint-interval seconds; the same command run again resumes from it and prints the same bytes. The file is removed when the run succeeds; Ctrl-C saves before exiting (default: no checkpoint).",
                               valueName: "file"),
            completion: .file())
    var checkpoint: String?

    @Option(name: .customLong("checkpoint-interval"), parsing: .unconditional,
            help: ArgumentHelp("Longest time between checkpoint saves within a running job, in seconds.", valueName: "seconds"))
    var checkpointInterval: Double = 10

    @OptionGroup var memory: MemoryLimitOptions

    func validate() throws {
        _ = try validating { try shardSpec() }
        guard checkpointInterval > 0, checkpointInterval.isFinite else {
            throw ValidationError("--checkpoint-interval: must be a positive number of seconds, got \(checkpointInterval)")
        }
        if let checkpoint {
            guard checkpoint != FilePath.standardStream else {
                throw ValidationError("--checkpoint: '-' is standard output, but a checkpoint is read back on resume; give a file")
            }
            try validating { try AtomicFile.checkFolder(of: checkpoint, flag: "--checkpoint") }
            let file = FilePath(checkpoint)
            if file.isLink || file.isSpecial {
                throw ValidationError("--checkpoint: '\(checkpoint)' is a symbolic link or a special file; give the path of a regular file "
                    + "(it is replaced while the run saves and removed when it succeeds)")
            }
        }
    }

    func shardSpec() throws -> ShardSpec? { try shard.map { try ShardSpec(parsing: $0) } }

    /// Refuses the sweep when `estimate` is above `--max-memory`.
    func check(_ estimate: MemoryBound, d: Int) throws {
        try memory.check(estimate, what: "d = \(d), up to \(estimate.maximumRows) rows per draw, \(estimate.threads) threads",
                         advice: "use --trials 0 for the closed forms alone, fewer --threads or --points, a smaller --n-max")
    }
}
