import ArgumentParser
import DoubleDescent

/// The formats of `ddcalc sample`.
enum SampleFormat: String, ExpressibleByArgument, CaseIterable {
    case csv, json

    /// The bytes of text beside each printed number (`MemoryBound(sampleOf:)`): JSON repeats the
    /// key, `"x` + up to 20 digits + `": `, and a space.
    var keyBytes: Double { self == .json ? 28 : 0 }
}

/// The text `ddcalc sample` prints, built one draw at a time (docs/OUTPUT.md, "sample"): CSV rows
/// `x1..xd, y, y_clean, draw, row` and the provenance columns under one header, or a JSON object whose
/// key `rows` holds the same rows as objects, after the model, the sampling inputs and w*.
struct SampleText {
    let format: SampleFormat
    /// The row's keys in order: the features, then the responses, then the indices.
    let keys: [String]
    /// The end of every CSV row: its provenance fields (docs/OUTPUT.md, "Provenance columns").
    let provenance: String
    private var text = ""
    private var rowsWritten = 0

    /// `echo` is what the output holds (the model echo, the sampling inputs, the ridge keys): the CSV's
    /// provenance columns; JSON writes it in `begin`.
    init(format: SampleFormat, d: Int, echo: Record) {
        self.format = format
        keys = (1...d).map { "x\($0)" } + ["y", "y_clean", "draw", "row"]
        let (header, suffix) = CSVFormat.provenanceColumns(of: echo, besides: keys)
        provenance = format == .csv ? suffix : ""
        if format == .csv { text = header + "\n" }
    }

    /// Room for `draws` draws of `rows` rows of text at `charactersPerNumber`, taken at once: the text then grows in
    /// one step instead of by doublings, whose peak (old and new buffer, or none when the allocator
    /// extends in place) `MemoryBound(sampleOf:)` would have to allow for.
    mutating func reserve(rows: Int, draws: Int) {
        let perRow = keys.count * (format == .csv ? 20 : 30) + provenance.utf8.count
        let (total, overflow) = rows.multipliedReportingOverflow(by: draws)
        let (count, overflowAgain) = total.multipliedReportingOverflow(by: perRow)
        if !overflow && !overflowAgain { text.reserveCapacity(text.utf8.count + count) }
    }

    /// The JSON keys before the rows: `model`, the sampling inputs (`n`, `design`, `seed`, `draws` and at
    /// a ridge penalty `ridge_lambda`, `kappa`, `gamma`, `lambda_min`), then `wstar_vector`, w* in original
    /// coordinates (nil for none), apart from the echo's `wstar`, the spec as typed.
    mutating func begin(model: Record, inputs: Record, wstar: [Double]?) {
        let vector = wstar.map { "[" + $0.map { "\($0)" }.joined(separator: ", ") + "]" } ?? "null"
        text = "{\"model\": " + JSONFormat.object(model)
            + inputs.fields.map { ", " + JSONFormat.string($0.key) + ": " + JSONFormat.value($0.value) }.joined()
            + ", \"wstar_vector\": \(vector)" + JSONFormat.version + ", \"rows\": [\n"
    }

    /// Appends the rows of draw `number` (counted from 1).
    mutating func append(_ draw: DesignDraw, number: Int) {
        for (i, row) in draw.rows.enumerated() {
            let fields = row.map { "\($0)" } + ["\(draw.responses[i])", "\(draw.cleanResponses[i])", String(number), String(i + 1)]
            switch format {
            case .csv:
                text += fields.joined(separator: ",") + provenance + "\n"
            case .json:
                text += (rowsWritten == 0 ? "  {" : ",\n  {")
                    + zip(keys, fields).map { "\"\($0)\": \($1)" }.joined(separator: ", ") + "}"
            }
            rowsWritten += 1
        }
    }

    /// The whole output.
    func finished() -> String {
        format == .csv ? text : text + "\n]}\n"
    }
}
