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
        let reading = SavedOutput(source: source)
        guard case .string(let version)? = saved["ddcalc_version"] else { throw reading.notOutput("no ddcalc_version") }
        guard version == DDCalcVersion.current else {
            throw InputError("convert: \(source) was written by ddcalc \(Excerpt.of(version)); this is \(DDCalcVersion.current), "
                + "rerun the command with --format instead")
        }
        let warnings = try reading.warnings(saved)
        if let points = saved["points"] {
            // sweep and merge: {"model": ..., "points": [...], "ddcalc_version": ..., "warnings": [...]}
            let echo = try reading.record(saved["model"], what: "model")
            guard case .array(let items) = points else { throw reading.notOutput("points is not an array") }
            let rows = try items.map { try reading.record($0, what: "a point") }
            let risk = try reading.risk(echo)
            let model = Record(echo.fields.filter { $0.key != "risk" }.map { ($0.key, $0.value) })
                .appending(RiskOptions.echo(risk, format: output.format))
            let table = ResultTable(title: echo.keys.contains("data") ? SweepReport.dataSetTitle : SweepReport.title,
                                    model: model, rows: rows, warnings: warnings)
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

/// Reading the parts of a saved output back into printable values; every failure names the file.
private struct SavedOutput {
    let source: String

    func notOutput(_ why: String) -> InputError {
        InputError("convert: \(source) is not a ddcalc JSON output: \(why)")
    }

    /// An object of plain values, in order; `skipping` keys are left out.
    func record(_ json: SavedJSON?, what: String, skipping: Set<String> = []) throws -> Record {
        guard case .object(let fields)? = json else { throw notOutput("\(what) is not an object") }
        return Record(try fields.filter { !skipping.contains($0.key) }.map { ($0.key, try value($0.value, key: $0.key)) })
    }

    /// A value as ddcalc printed it: numbers with a point or an exponent are doubles, digits alone
    /// integers (64-bit seeds included), null a missing number.
    func value(_ json: SavedJSON, key: String) throws -> Value {
        switch json {
        case .string(let text): return .text(text)
        case .bool(let flag): return .flag(flag)
        case .null: return .number(nil)
        case .number(let text):
            if !text.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }) {
                if let integer = Int(text) { return .integer(integer) }
                if let unsigned = UInt64(text) { return .unsigned(unsigned) }
            }
            guard let number = Double(text), number.isFinite else { throw notOutput("\(Excerpt.of(key)) is not a finite number") }
            return .number(number)
        case .object, .array: throw notOutput("\(Excerpt.of(key)) is not a plain value")
        }
    }

    func risk(_ record: Record) throws -> Risk {
        guard case .text(let text)? = record.fields.first(where: { $0.key == "risk" })?.value, let risk = Risk(rawValue: text) else {
            throw notOutput("no risk")
        }
        return risk
    }

    func warnings(_ saved: SavedJSON) throws -> [String] {
        guard let list = saved["warnings"] else { return [] }
        guard case .array(let items) = list else { throw notOutput("warnings is not an array") }
        return try items.map {
            guard case .string(let text) = $0 else { throw notOutput("a warning is not a string") }
            return text
        }
    }
}
