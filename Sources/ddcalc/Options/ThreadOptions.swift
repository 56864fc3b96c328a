import ArgumentParser
import Foundation

/// `--threads`, shared by every command that simulates.
struct ThreadOptions: ParsableArguments {
    @Option(name: [.customLong("threads"), .customShort("j")], parsing: .unconditional,
            help: ArgumentHelp("Worker threads; never changes a number in the output (default: all cores).",
                               valueName: "threads"))
    var threadCount: Int?

    /// `--threads`, or all cores when not given.
    var threads: Int { threadCount ?? ProcessInfo.processInfo.activeProcessorCount }

    func validate() throws {
        guard threads >= 1 else { throw ValidationError("--threads: must be at least 1, got \(threads)") }
        guard threads <= 1024 else { throw ValidationError("--threads: at most 1024, got \(threads)") }
    }
}
