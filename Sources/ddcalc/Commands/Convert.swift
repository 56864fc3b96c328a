import ArgumentParser
import DoubleDescent

/// `ddcalc convert`: a saved JSON output of `sweep`, `merge` or `point` rewritten in another format,
/// byte for byte what the command prints with that `--format` (docs/OUTPUT.md, "convert").
struct Convert: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Rewrite a saved JSON output of sweep, merge or point in another format.",
        discussion: """
            The JSON output is a complete record: convert prints exactly the bytes the command that \
            wrote it prints with --format F (warnings on standard error, as that command). Only outputs \
            of this ddcalc version are read.
            Example: ddcalc sweep --d 50 --trials 2000 --format json --out run.json; ddcalc convert run.json --format csv
            """
    )

    @Argument(help: ArgumentHelp("A JSON output of sweep, merge or point (- is standard input).", valueName: "file"),
              completion: .file())
    var input: String

    @OptionGroup var output: OutputOptions

    func validate() throws { try output.validateGnuplot() }

    func run() throws {
        var files = RunFiles()
        files.input("convert", input)
        output.declareOutputs(&files)
        try files.checkDistinct()
        let source = "'\(Excerpt.of(input))'"
        let saved = try SavedJSON(parsing: try InputError.bytes(of: input, command: "convert"), source: source)
        let reading = SavedOutput(source: source, command: "convert")
        try reading.checkVersion(saved)
        let warnings = try reading.warnings(saved)
        if saved["points"] != nil {
            let table = try reading.sweepTable(saved, format: output.format)
            try output.write(table, tableColumns: SweepReport.tableColumns(of: table))
        } else if saved["theory_mse"] != nil {
            // point: the row's keys, "risk", "model", then the version and warnings.
            try output.refuseGnuplot(command: "point")
            let flat = try reading.record(saved, what: "the point", skipping: ["model", "ddcalc_version", "bits_version", "numerics", "warnings"])
            let report = PointReport(record: Record(flat.fields.filter { $0.key != "risk" }.map { ($0.key, $0.value) }),
                                     model: try reading.record(saved["model"], what: "model"), risk: try reading.risk(flat),
                                     warnings: warnings)
            try OutputSink.write(try report.text(output.format), to: output.out)
            if output.format != .json { OutputOptions.warn(warnings) }
        } else {
            throw reading.notOutput("not an output of sweep, merge or point (ridge and sample outputs are not converted)")
        }
    }
}
