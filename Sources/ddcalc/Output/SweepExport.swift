import DoubleDescent
import Foundation

/// One sweep export as data, what `ddcalc plot` draws (issue 22, item 1): the model echo from the
/// export's `model.json` and the numbers of its `sweep.dat`, both validated strictly. `plot`
/// generates its gnuplot script anew from this (`GnuplotExport.script`, `GnuplotOverlay.script`),
/// so nothing read from disk is ever run; `sweep --format gnuplot` writes `sweep.gp` from the same
/// data, for users who edit it and run gnuplot themselves.
///
/// `model.json` is `{"ddcalc_export": 1, "model": [["d", "100"], ["spectrum", "isotropic"], ...]}`:
/// the model echo in order, every value as text (numbers as the table prints them).
struct SweepExport {
    static let dataFile = "sweep.dat"
    static let modelFile = "model.json"
    static let version = 1

    var folder: String
    /// The model echo, in order.
    var model: [(key: String, value: String)]
    var columns: [String]
    /// The numbers by row and column; NaN where a value is missing (never infinite).
    var rows: [[Double]]

    func echo(_ key: String) -> String? { model.first { $0.key == key }?.value }

    /// The values of `key`, or nil when the data file has no such column or it is all NaN.
    func values(_ key: String) -> [Double]? {
        guard let index = columns.firstIndex(of: key) else { return nil }
        let values = rows.map { $0[index] }
        return values.contains { $0.isFinite } ? values : nil
    }

    /// The finite values of `key` (none when there is no such column).
    func finite(_ key: String) -> [Double] { (values(key) ?? []).filter(\.isFinite) }

    /// The gnuplot column number of `key` (from 1).
    func column(_ key: String) -> Int? { columns.firstIndex(of: key).map { $0 + 1 } }

    /// Which axis the sweep varies: `n` (the default), `d` (`--vary d`) or `lambda` (`--vary lambda`).
    var varied: String { echo("vary") ?? "n" }
    var risk: Risk { echo("risk").flatMap(Risk.init(rawValue:)) ?? .estimation }

    /// The rows as gnuplot reads them: numbers in shortest round-trip form, NaN where missing.
    var dataLines: String {
        rows.map { row in row.map { $0.isFinite ? "\($0)" : "NaN" }.joined(separator: " ") + "\n" }.joined()
    }

    // MARK: - model.json

    /// The text of `model.json` for a table's model echo.
    static func modelText(_ model: Record) -> Data {
        let items = model.fields.map { field -> [String] in
            if case .text(let text) = field.value { return [field.key, text] }
            return [field.key, TableFormat.human(field.value)]
        }
        let object: [String: Any] = ["ddcalc_export": version, "model": items]
        // Both are plain JSON values: serialization cannot fail.
        return (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])).map { $0 + Data("\n".utf8) } ?? Data()
    }

    private struct Header: Decodable {
        var ddcalc_export: Int
        var model: [[String]]
    }

    /// Keys and column names: lower-case words, as ddcalc writes them.
    private static func isName(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, ("a"..."z").contains(first), text.unicodeScalars.count <= 64 else { return false }
        return text.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
    }

    // MARK: - Reading an export

    /// Reads the export folder `folder`; an `InputError` (exit 2) naming the file and what is wrong
    /// when it is not a folder, a file is missing, a link or special file, or not as ddcalc writes it.
    static func read(_ folder: String) throws -> SweepExport {
        let shown = Excerpt.of(folder, limit: .max)
        let given = FilePath(folder)
        guard given.exists else { throw InputError("plot: folder '\(shown)' does not exist") }
        if isJSON(folder) { return try readJSON(folder) }
        guard let status = given.status, status.st_mode & S_IFMT == S_IFDIR else {
            throw InputError("plot: '\(shown)' is neither a folder nor a regular file; give the folder written by 'ddcalc sweep --format gnuplot --out DIR' or a JSON output of sweep or merge")
        }
        let base = URL(fileURLWithPath: folder, isDirectory: true)
        func bytes(_ name: String) throws -> Data {
            let path = base.appendingPathComponent(name).path
            let file = FilePath(path)
            guard file.exists || file.isLink else {
                throw InputError("plot: '\(Excerpt.of(path, limit: .max))' not found; write it with 'ddcalc sweep --format gnuplot --out DIR'")
            }
            if file.isLink || file.isSpecial {
                throw InputError("plot: '\(Excerpt.of(path, limit: .max))' is a symbolic link or a special file; ddcalc plot only uses regular files")
            }
            return try InputError.bytes(of: path, command: "plot")
        }
        let data = try bytes(dataFile), header = try bytes(modelFile)
        var export = try parseData(data, path: base.appendingPathComponent(dataFile).path)
        export.folder = folder
        export.model = try parseModel(header, path: base.appendingPathComponent(modelFile).path)
        return export
    }

    /// A saved JSON output of `sweep` or `merge` (`ddcalc plot run.json`), read as `convert` reads
    /// it, as the export `sweep --format gnuplot` would have written: the same data lines and model
    /// echo, validated as an export's files are. `folder` is the file's path.
    static func readJSON(_ path: String) throws -> SweepExport {
        let source = "'\(Excerpt.of(path, limit: .max))'"
        let saved = try SavedJSON(parsing: try InputError.bytes(of: path, command: "plot"), source: source)
        let reading = SavedOutput(source: source, command: "plot")
        try reading.checkVersion(saved)
        guard saved["points"] != nil else { throw reading.notOutput("not an output of sweep or merge (no points)") }
        let table = try reading.sweepTable(saved, format: .gnuplot)
        var export = try parseData(Data(GnuplotExport.data(table).utf8), path: path)
        export.model = try parseModel(modelText(table.model), path: path)
        export.folder = path
        return export
    }

    /// Whether `path` names a JSON output rather than an export folder (`plot` writes its pictures
    /// next to it, named after it).
    static func isJSON(_ path: String) -> Bool {
        let file = FilePath(path)
        guard !file.isLink, let status = file.status else { return false }
        return status.st_mode & S_IFMT == S_IFREG
    }

    /// `model.json`'s echo, validated: the version, at most 100 items, names as ddcalc writes them,
    /// no key twice, values of at most 4096 characters, a known risk and varied axis.
    static func parseModel(_ data: Data, path: String) throws -> [(key: String, value: String)] {
        let wrong = { (why: String) in InputError("plot: '\(Excerpt.of(path, limit: .max))' is not a ddcalc export's model (\(why))") }
        guard let header = try? JSONDecoder().decode(Header.self, from: data) else {
            throw wrong("expected {\"ddcalc_export\": \(version), \"model\": [[key, value], ...]}")
        }
        guard header.ddcalc_export == version else { throw wrong("version \(header.ddcalc_export), this ddcalc reads \(version)") }
        guard header.model.count <= 100 else { throw wrong("\(header.model.count) items") }
        var model: [(key: String, value: String)] = []
        for item in header.model {
            guard item.count == 2, isName(item[0]) else { throw wrong("an item that is not [name, value]") }
            guard !model.contains(where: { $0.key == item[0] }) else { throw wrong("'\(item[0])' twice") }
            guard item[1].count <= 4096 else { throw wrong("the value of '\(item[0])' is too long") }
            model.append((item[0], item[1]))
        }
        if let risk = model.first(where: { $0.key == "risk" })?.value, Risk(rawValue: risk) == nil {
            throw wrong("unknown risk '\(Excerpt.of(risk))'")
        }
        if let vary = model.first(where: { $0.key == "vary" })?.value, SweepAxis(rawValue: vary) == nil {
            throw wrong("unknown varied axis '\(Excerpt.of(vary))'")
        }
        return model
    }

    /// `sweep.dat`: a `# ` line of column names (with ratio and theory_mse, or ridge_lambda: a ridge
    /// path or `gcv`), then rows of as many numbers.
    static func parseData(_ data: Data, path: String) throws -> SweepExport {
        let wrong = { (why: String) in InputError("plot: '\(Excerpt.of(path, limit: .max))' is not a ddcalc sweep export (\(why))") }
        guard let text = String(data: data, encoding: .utf8) else { throw wrong("not UTF-8 text") }
        let lines = text.split(separator: "\n")
        guard let header = lines.first, header.hasPrefix("# ") else { throw wrong("no '# ' header line") }
        let columns = header.dropFirst(2).split(separator: " ").map(String.init)
        guard columns.allSatisfy(isName), Set(columns).count == columns.count else { throw wrong("column names that ddcalc does not write") }
        guard (columns.contains("ratio") && columns.contains("theory_mse")) || columns.contains("ridge_lambda") else {
            throw wrong("no ratio and theory_mse columns, and no ridge_lambda")
        }
        var rows: [[Double]] = []
        for (index, line) in lines.dropFirst().enumerated() {
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            let numbers = fields.compactMap { Double($0) }
            guard numbers.count == fields.count, fields.count == columns.count else {
                throw wrong("line \(index + 2) does not hold \(columns.count) numbers")
            }
            rows.append(numbers.map { $0.isFinite ? $0 : .nan })
        }
        guard !rows.isEmpty else { throw wrong("no rows") }
        return SweepExport(folder: "", model: [], columns: columns, rows: rows)
    }
}
