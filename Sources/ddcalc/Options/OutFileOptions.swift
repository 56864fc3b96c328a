import ArgumentParser

/// `--out` for a command with one output format (`sample`): the file written instead of standard
/// output. Commands with `--format` use `OutputOptions`, whose `--out` may also be a gnuplot folder.
struct OutFileOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Write to this file instead of standard output, atomically (default: standard output).",
                               valueName: "path"))
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
