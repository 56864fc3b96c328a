import ArgumentParser
import Foundation

/// Where and how results are printed.
struct OutputOptions: ParsableArguments {
    @Option(help: "Output format: table (aligned, for people), csv, json, or gnuplot (sweep, merge, convert and gcv only: a folder, needs --out DIR).")
    var format: OutputFormat = .table

    @Option(name: [.customShort("o"), .long], help: ArgumentHelp("Write to this file instead of standard output, atomically; - is standard output (default: standard output); "
                               + "for --format gnuplot, the folder to write into (created if missing).",
                               valueName: "path"),
            completion: .file())
    var out: String?

    /// Refuses an unusable `--out` before any work is done (`OutputSink` and `FolderSink` check again when writing).
    /// A gnuplot `--out` is checked by `validateGnuplot` or refused by `refuseGnuplot`, from the command's
    /// `validate()`, so that a command without gnuplot says so first.
    func validate() throws {
        guard format != .gnuplot, let out else { return }
        try validating { try AtomicFile.checkFolder(of: out, flag: "--out") }
    }

    /// For `sweep`, `merge`, `convert` and `gcv`: `--format gnuplot` needs `--out DIR`, a usable folder.
    func validateGnuplot() throws {
        guard format == .gnuplot else { return }
        guard let out, !out.isEmpty else {
            throw ValidationError("--format gnuplot: needs --out DIR, the folder for sweep.dat and sweep.gp")
        }
        guard out != FilePath.standardStream else {
            throw ValidationError("--format gnuplot: --out is the folder for sweep.dat and sweep.gp, not '-' (standard output)")
        }
        try validating { try FolderSink.validate(out) }
    }

    /// For the commands that print one result (`point`, `ridge`): one error for `--format gnuplot`.
    func refuseGnuplot(command: String) throws {
        guard format == .gnuplot else { return }
        throw ValidationError("--format gnuplot: only sweep, merge and gcv write gnuplot exports; use table, csv or json for \(command)")
    }

    /// The files written: `--out`, or for gnuplot the export folder's files.
    func declareOutputs(_ files: inout RunFiles) {
        guard let out else { return }
        guard format == .gnuplot else { return files.output("--out", out) }
        let folder = URL(fileURLWithPath: out, isDirectory: true)
        for name in [GnuplotExport.dataFile, SweepExport.modelFile, GnuplotExport.scriptFile] {
            files.output("--out", folder.appendingPathComponent(name).path)
        }
    }

    /// Writes a whole result table in the chosen format: to `--out` or standard output, or,
    /// for gnuplot, the export folder `--out`.
    /// Its warnings go into JSON, or else to standard error after the output is written.
    func write(_ table: ResultTable, tableColumns: [(key: String, title: String)]) throws {
        var table = table
        table.warnOutsideDoublePrecision()
        if format == .gnuplot, let out {
            try GnuplotExport.write(table, to: out)
        } else {
            try OutputSink.write(format.render(table, tableColumns: tableColumns), to: out)
        }
        if format != .json { Self.warn(table.warnings) }
    }

    /// One line on standard error per warning: `ddcalc: warning: ...`.
    static func warn(_ warnings: [String]) {
        for warning in warnings {
            StandardStream.error("ddcalc: warning: \(warning.replacingOccurrences(of: "\n", with: " "))\n")
        }
    }
}
