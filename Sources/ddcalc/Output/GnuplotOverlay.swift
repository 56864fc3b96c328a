import DoubleDescent
import Foundation

/// `ddcalc plot DIR1 DIR2 ... --out OUT`: several sweep exports (`sweep --format gnuplot`) in one
/// panel, one colour per export: its theory MSE as a line and its Monte Carlo as points (the
/// surrogate design's, else the i.i.d. design's), heavy-tailed and off-scale points marked as in a
/// single export (`GnuplotFrame`). The numbers are copied into `OUT/overlay.dat` (one data block per
/// export) and drawn by `OUT/overlay.gp`, so the script names no input path: folder names and labels
/// only appear inside `GnuplotText` strings and comments.
enum GnuplotOverlay {
    static let dataFile = "overlay.dat"
    static let scriptFile = "overlay.gp"
    static let pngFile = "overlay.png"
    static let svgFile = "overlay.svg"

    /// Line and marker colours of the exports, in order (repeated beyond eight).
    static let palette = ["#1f4e9c", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#17becf", "#e377c2"]

    /// One export folder as read back: its model echo and the columns of its data file.
    struct Export {
        var folder: String
        /// The model echo of `sweep.gp`'s `# model: ` line, in order (empty for an export without one).
        var model: [(key: String, value: String)]
        var columns: [String]
        var rows: [[Double]]

        func echo(_ key: String) -> String? { model.first { $0.key == key }?.value }

        /// The values of `key`, or nil when the data file has no such column or it is all NaN.
        func values(_ key: String) -> [Double]? {
            guard let index = columns.firstIndex(of: key) else { return nil }
            let values = rows.map { $0[index] }
            return values.contains { $0.isFinite } ? values : nil
        }

        /// Which axis the sweep varies: `n` (the default) or `d` (`--vary d`).
        var varied: String { echo("vary") ?? "n" }
        var riskName: String { echo("risk") ?? Risk.estimation.rawValue }

        /// The Monte Carlo drawn for this export: the surrogate design's, else the i.i.d. design's.
        var monteCarloKeys: (value: String, error: String)? {
            for design in ["surrogate", "iid"] where values("mc_\(design)_mse") != nil {
                return ("mc_\(design)_mse", "mc_\(design)_stderr")
            }
            return nil
        }
    }

    /// Reads `DIR/sweep.dat` and the model line of `DIR/sweep.gp`; an `InputError` (exit 2) naming
    /// the file when it is missing, a link or special file, or not shaped like ddcalc's export.
    static func read(_ folder: String) throws -> Export {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw InputError("plot: folder '\(Excerpt.of(folder, limit: .max))' does not exist")
        }
        let base = URL(fileURLWithPath: folder, isDirectory: true)
        func text(_ name: String) throws -> String {
            let path = base.appendingPathComponent(name).path
            let file = FilePath(path)
            guard file.exists else {
                throw InputError("plot: '\(Excerpt.of(path, limit: .max))' not found; write it with 'ddcalc sweep --format gnuplot --out DIR'")
            }
            if file.isLink || file.isSpecial {
                throw InputError("plot: '\(Excerpt.of(path, limit: .max))' is a symbolic link or a special file; ddcalc plot only uses regular files")
            }
            return try Plot.text(of: path)
        }
        let dataPath = base.appendingPathComponent(GnuplotExport.dataFile).path
        let notExport = { (why: String) in
            InputError("plot: '\(Excerpt.of(dataPath, limit: .max))' is not a ddcalc sweep export (\(why))")
        }
        let lines = try text(GnuplotExport.dataFile).split(separator: "\n")
        guard let header = lines.first, header.hasPrefix("# ") else { throw notExport("no '# ' header line") }
        let columns = header.dropFirst(2).split(separator: " ").map(String.init)
        guard columns.contains("ratio"), columns.contains("theory_mse") else { throw notExport("no ratio and theory_mse columns") }
        var rows: [[Double]] = []
        for (index, line) in lines.dropFirst().enumerated() {
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            let numbers = fields.compactMap { Double($0) }
            guard numbers.count == fields.count, fields.count == columns.count else {
                throw notExport("line \(index + 2) does not hold \(columns.count) numbers")
            }
            rows.append(numbers)
        }
        guard !rows.isEmpty else { throw notExport("no rows") }
        let model = try modelEcho(text(GnuplotExport.scriptFile))
        return Export(folder: folder, model: model, columns: columns, rows: rows)
    }

    /// The `key = value` items of the script's `# model: ` comment line (`GnuplotExport.script`):
    /// separated by `, `; a value is plain text or a `GnuplotText.quoted` string. Empty if there is
    /// no such line (an export from before the overlay existed).
    static func modelEcho(_ script: String) -> [(key: String, value: String)] {
        let prefix = "# " + GnuplotExport.modelCommentPrefix
        guard let line = script.split(separator: "\n").first(where: { $0.hasPrefix(prefix) }) else { return [] }
        var rest = Substring(line.dropFirst(prefix.count))
        var items: [(key: String, value: String)] = []
        while let equals = rest.range(of: " = ") {
            let key = String(rest[..<equals.lowerBound])
            rest = rest[equals.upperBound...]
            let value: String
            if rest.first == "\"", let (text, after) = GnuplotText.unquoted(rest) {
                value = text
                rest = after
            } else {
                let end = rest.range(of: ", ")?.lowerBound ?? rest.endIndex
                value = String(rest[..<end])
                rest = rest[end...]
            }
            items.append((key, value))
            if rest.hasPrefix(", ") { rest = rest.dropFirst(2) } else { break }
        }
        return items
    }

    /// Refuses (exit 2) exports that cannot share axes: a different risk on the y axis, or a
    /// different varied quantity (`--vary d` against a sweep over n) on the x axis.
    static func checkCompatible(_ exports: [Export]) throws {
        guard let first = exports.first else { return }
        for other in exports.dropFirst() {
            if other.riskName != first.riskName {
                throw InputError("plot: '\(Excerpt.of(other.folder, limit: .max))' holds the \(Excerpt.of(other.riskName)) risk and '\(Excerpt.of(first.folder, limit: .max))' the \(Excerpt.of(first.riskName)) risk; an overlay needs one y axis")
            }
            if other.varied != first.varied {
                throw InputError("plot: '\(Excerpt.of(other.folder, limit: .max))' varies \(Excerpt.of(other.varied)) and '\(Excerpt.of(first.folder, limit: .max))' varies \(Excerpt.of(first.varied)); an overlay needs one x axis")
            }
        }
        if RiskLabel.named(first.riskName) == nil {
            throw InputError("plot: '\(Excerpt.of(first.folder, limit: .max))' holds an unknown risk '\(Excerpt.of(first.riskName))'")
        }
    }

    /// The legend text of each export: `labels` when given, else the model items in which the
    /// exports differ ("spectrum = geometric:100"), else the folder name.
    static func legendLabels(_ exports: [Export], labels: [String]) -> [String] {
        if !labels.isEmpty { return labels }
        let keys = exports.first?.model.map(\.key) ?? []
        let differing = keys.filter { key in Set(exports.map { $0.echo(key) ?? "" }).count > 1 }
        return exports.map { export in
            let items = differing.compactMap { key in export.echo(key).map { "\(GnuplotFrame.displayName(key)) = \($0)" } }
            return items.isEmpty ? FilePath.name(of: export.folder) : items.joined(separator: ", ")
        }
    }

    /// The overlay's data file: per export a comment naming it, then rows of
    /// `ratio theory_mse mc mc_stderr heavy_tail` (NaN where missing), blocks two blank lines apart
    /// (gnuplot's `index`).
    static func data(_ exports: [Export]) -> String {
        exports.enumerated().map { index, export in
            var block = "# export \(index): \(GnuplotText.commentValue(export.folder))\n# ratio theory_mse mc mc_stderr heavy_tail\n"
            let keys = ["ratio", "theory_mse", export.monteCarloKeys?.value, export.monteCarloKeys?.error, "heavy_tail"]
            let columns = keys.map { key in key.flatMap { export.columns.firstIndex(of: $0) } }
            for row in export.rows {
                block += columns.map { $0.map { field(row[$0]) } ?? "NaN" }.joined(separator: " ") + "\n"
            }
            return block
        }.joined(separator: "\n\n")
    }

    private static func field(_ x: Double) -> String { x.isFinite ? "\(x)" : "NaN" }

    /// The script drawing `data(exports)` with `legend` texts into overlay.png and overlay.svg.
    static func script(_ exports: [Export], legend: [String]) -> String {
        let risk = exports.first.flatMap { RiskLabel.named($0.riskName) } ?? .estimation
        let theory = exports.flatMap { $0.values("theory_mse") ?? [] }
        let monteCarlo = exports.flatMap { export -> [(value: Double, error: Double?)] in
            guard let keys = export.monteCarloKeys, let values = export.values(keys.value) else { return [] }
            let errors = export.values(keys.error) ?? values.map { _ in .nan }
            return zip(values, errors).map { ($0, $1.isFinite ? $1 : nil) }
        }
        let logScale = (theory + monteCarlo.map(\.value)).contains { $0 > 0 }
        let yRange = GnuplotFrame.yRange(theory: theory, monteCarlo: monteCarlo, log: logScale)
        let ratios = exports.flatMap { $0.values("ratio") ?? [] }
        let rows = exports.map(\.rows.count).max() ?? 0
        let markerScale = GnuplotFrame.markerScale(points: rows)

        // The model items every export shares go in the title.
        let shared = (exports.first?.model ?? []).filter { item in exports.allSatisfy { $0.echo(item.key) == item.value } }
        let common = GnuplotFrame.wrapped(shared.map { "\(GnuplotFrame.displayName($0.key)) = \($0.value)" })

        var s = "# ddcalc plot: \(exports.count) sweep exports in one panel, drawn by gnuplot from \(dataFile)\n"
        s += "# (cd into this folder, then run `gnuplot \(scriptFile)`); writes \(pngFile) and \(svgFile).\n"
        for (index, export) in exports.enumerated() {
            s += "# export \(index): " + GnuplotText.commentValue(export.folder) + "\n"
        }
        s += "\n"
        let title = "Min-norm least squares: \(RiskLabel.quantity(risk)) vs samples per parameter" + (common.isEmpty ? "" : "\n" + common)
        s += GnuplotFrame.preamble(title: title, risk: risk, log: logScale)
        if let yRange { s += yRange.command() }
        s += GnuplotFrame.interpolationThreshold(ratios)

        let source = { (index: Int) in "\(GnuplotText.quoted(dataFile)) index \(index)" }
        var drawn: [String] = [], keys: [String] = []
        var anyHeavy = false, anyMonteCarlo = false
        for (index, export) in exports.enumerated() {
            let color = palette[index % palette.count]
            let colour = "lc rgb \(GnuplotText.quoted(color))"
            let size = 0.55 * markerScale
            var with = "lines \(colour) lw 2 dt 1"
            if export.monteCarloKeys != nil {
                anyMonteCarlo = true
                let heavy = (export.values("heavy_tail") ?? []).contains(1)
                anyHeavy = anyHeavy || heavy
                drawn += GnuplotFrame.monteCarloLayers(
                    source: source(index), x: 1, y: 3, error: 4, heavy: heavy ? 5 : nil, clip: yRange?.clip,
                    offScaleLevel: yRange?.offScaleLevel ?? 0, color: color, pointType: 7, size: size,
                    every: GnuplotFrame.thinning(points: export.rows.count))
                with = "linespoints \(colour) lw 2 dt 1 pt 7 ps " + String(format: "%.2f", size)
            }
            if export.values("theory_mse") != nil {
                drawn.append("\(source(index)) using 1:2 notitle with lines \(colour) lw 2 dt 1")
            }
            keys.append("keyentry with \(with) title \(GnuplotText.quoted(legend[index]))")
        }
        var titles = legend
        if anyMonteCarlo {
            let note = "lines: theory; points: Monte Carlo ± stderr"
            keys.append("keyentry with lines lc rgb \"\(GnuplotFrame.legendGrey)\" lw 2 dt 1 title \(GnuplotText.quoted(note))")
            keys += GnuplotFrame.markerLegend(heavy: anyHeavy, clip: yRange?.clip, size: 0.7 * markerScale)
            titles += [note] + GnuplotFrame.markerTitles(heavy: anyHeavy, clip: yRange?.clip)
        }
        s += GnuplotFrame.key(titles)
        return s + GnuplotFrame.render("plot " + (drawn + keys).joined(separator: ", \\\n     "), png: pngFile, svg: svgFile)
    }
}
