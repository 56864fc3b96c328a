import ArgumentParser
import DoubleDescent

/// The `--format` choices (docs/OUTPUT.md, "Values").
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, csv, json, gnuplot

    /// The whole table in this format; `tableColumns` picks the columns of the human table.
    /// For `gnuplot` this is the data file alone; `OutputOptions.write` writes the whole export folder.
    func render(_ table: ResultTable, tableColumns: [(key: String, title: String)]) -> String {
        switch self {
        case .table: return TableFormat.render(table, columns: tableColumns)
        case .csv: return CSVFormat.render(table)
        case .json: return JSONFormat.render(table)
        case .gnuplot: return GnuplotExport.data(table)
        }
    }
}

/// Plain renderings of values shared by the machine-readable formats.
enum Rendering {
    /// The longest shortest-round-trip form of a Double, "-2.2250738585072014e-308": 24 bytes.
    static let maximumNumberBytes = 24.0

    /// Shortest round-trip decimal form; nil for a missing or non-finite value.
    static func machine(_ value: Value) -> String? {
        guard !value.isNull else { return nil }
        switch value {
        case .number(let x): return "\(x!)"
        case .integer(let i): return String(i)
        case .unsigned(let u): return String(u)
        case .flag(let b): return b! ? "true" : "false"
        case .text(let s): return s
        }
    }
}

/// Comma-separated values: a header of keys, then one line per row; missing
/// values are empty fields. After a row's own columns come its provenance, the same on every row:
/// the echo's keys that are not already columns, then `ddcalc_version`, so that a reader with default
/// options (`pandas.read_csv`) sees what the file holds (docs/OUTPUT.md, "Provenance columns").
enum CSVFormat {
    static func render(_ table: ResultTable) -> String {
        let own = table.rows.first?.keys ?? []
        let (header, suffix) = provenanceColumns(of: table.model, besides: own)
        var out = header + "\n"
        for row in table.rows {
            for (k, field) in row.fields.enumerated() {
                if k > 0 { out += "," }
                out += quoted(Rendering.machine(field.value) ?? "")
            }
            out += suffix + "\n"
        }
        return out
    }

    /// The header line (without its newline) of rows with keys `columns` followed by the provenance of
    /// `echo`, and the text every row then ends with (its provenance fields, each after a comma).
    static func provenanceColumns(of echo: Record, besides columns: [String]) -> (header: String, suffix: String) {
        let provenance = provenance(of: echo, besides: columns)
        return ((columns + provenance.keys).joined(separator: ","),
                provenance.fields.map { "," + quoted(Rendering.machine($0.value) ?? "") }.joined())
    }

    /// The fields of `echo` whose keys are not in `columns`, then the version.
    static func provenance(of echo: Record, besides columns: [String]) -> Record {
        Record(echo.fields.filter { !columns.contains($0.key) }.map { ($0.key, $0.value) })
            .appending([("ddcalc_version", .text(DDCalcVersion.current))])
    }

    private static func quoted(_ field: String) -> String {
        // Numbers and flags, the usual fields, are plain ASCII without separators: checked byte by
        // byte before the general test on characters.
        let plain = field.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x80 && $0 != UInt8(ascii: ",") && $0 != UInt8(ascii: "\"") }
        guard !plain, field.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

/// JSON: `{"model": {...}, "points": [...]}` for tables, a flat object for records; either then has
/// `"ddcalc_version"` and ends with `"warnings": [...]` (strings) when there are any (docs/OUTPUT.md).
enum JSONFormat {
    static func render(_ table: ResultTable) -> String {
        var out = "{\"model\": " + object(table.model) + ", \"points\": [\n"
        out += table.rows.map { "  " + object($0) }.joined(separator: ",\n")
        let top = table.topLevel.fields.map { ", " + string($0.key) + ": " + value($0.value) }.joined()
        return out + "\n]" + top + version + warnings(table.warnings) + "}\n"
    }

    /// A flat record, then `model` (the echo) when given, the version and the warnings.
    static func render(_ record: Record, model: Record? = nil, warnings list: [String] = []) -> String {
        var out = object(record)
        let echo = model.map { ", " + string("model") + ": " + object($0) } ?? ""
        out.insert(contentsOf: echo + version + warnings(list), at: out.index(before: out.endIndex))
        return out + "\n"
    }

    /// `, "ddcalc_version": "X.Y.Z"`: the version that wrote the output, in every JSON object ddcalc prints.
    /// Then `"bits_version"` and `"numerics"`: what the bits depend on (issue 21).
    static let version = ", " + string("ddcalc_version") + ": " + string(DDCalcVersion.current)
        + ", " + string("bits_version") + ": " + String(SweepInputs.bitsVersion)
        + ", " + string("numerics") + ": " + string(NumericalBackend.summary + ", " + SweepInputs.architecture)

    /// `, "warnings": [...]`, or nothing for no warnings.
    static func warnings(_ list: [String]) -> String {
        list.isEmpty ? "" : ", \"warnings\": [" + list.map(string).joined(separator: ", ") + "]"
    }

    static func object(_ record: Record) -> String {
        "{" + record.fields.map { string($0.key) + ": " + value($0.value) }.joined(separator: ", ") + "}"
    }

    static func value(_ value: Value) -> String {
        guard let text = Rendering.machine(value) else { return "null" }
        if case .text = value { return string(text) }
        return text
    }

    static func string(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 { out += String(format: "\\u%04x", scalar.value) } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out + "\""
    }
}
