import ArgumentParser

/// `--out` for a command whose output is always one file (`sample`, csv or json): the file written
/// instead of standard output. `OutputOptions` (the table formats and gnuplot) has its own `--out`,
/// which may also be a gnuplot folder.
struct OutFileOptions: ParsableArguments {
    @Option(name: [.customShort("o"), .long],
            help: ArgumentHelp("Write to this file instead of standard output, atomically; - is standard output (default: standard output).",
                               valueName: "path"),
            completion: .file())
    var out: String?

    /// Refuses an unusable `--out` before any work is done (`OutputSink` checks again when writing).
    func validate() throws {
        guard let out else { return }
        try validating { try AtomicFile.checkFolder(of: out, flag: "--out") }
    }

    /// The file written, if any.
    func declareOutputs(_ files: inout RunFiles) {
        files.output("--out", out)
    }
}
