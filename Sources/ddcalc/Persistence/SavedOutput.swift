import DoubleDescent

/// Reading the parts of a saved output back into printable values; every failure names the file.
struct SavedOutput {
    let source: String
    /// The command reading it, which its messages name.
    let command: String

    func notOutput(_ why: String) -> InputError {
        InputError("\(command): \(source) is not a ddcalc JSON output: \(why)")
    }

    /// Refuses an output of another ddcalc version (its keys may differ).
    func checkVersion(_ saved: SavedJSON) throws {
        guard case .string(let version)? = saved["ddcalc_version"] else { throw notOutput("no ddcalc_version") }
        guard version == DDCalcVersion.current else {
            throw InputError("\(command): \(source) was written by ddcalc \(Excerpt.of(version)); this is \(DDCalcVersion.current), "
                + "rerun the command with --format instead")
        }
    }

    /// A sweep or merge output, `{"model": ..., "points": [...], "ddcalc_version": ..., "warnings": [...]}`,
    /// as the table it printed, its risk echoed as `format` echoes it.
    func sweepTable(_ saved: SavedJSON, format: OutputFormat) throws -> ResultTable {
        let echo = try record(saved["model"], what: "model")
        guard case .array(let items)? = saved["points"] else { throw notOutput("points is not an array") }
        let rows = try items.map { try record($0, what: "a point") }
        let risk = try risk(echo)
        let model = Record(echo.fields.filter { $0.key != "risk" }.map { ($0.key, $0.value) })
            .appending(RiskOptions.echo(risk, format: format))
        var ridgeLambda: Double?
        if case .number(let lambda)? = rows.first?.fields.first(where: { $0.key == "ridge_lambda" })?.value { ridgeLambda = lambda }
        let title = SweepReport.title(risk: risk, dataSet: echo.keys.contains("data"), ridgeLambda: ridgeLambda,
                                      ridgePath: echo.fields.contains { $0.key == "vary" && $0.value == .text("lambda") })
        return ResultTable(title: title, model: model, rows: rows, warnings: try warnings(saved))
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
