import DoubleDescent
import Foundation

/// `ddcalc plot DIR1 DIR2 ... --out OUT`: several sweep exports (`sweep --format gnuplot`) in one
/// panel, one colour per export: its theory MSE as a line and its Monte Carlo as points (the
/// surrogate design's, else the i.i.d. design's), heavy-tailed and off-scale points marked as in a
/// single export (`GnuplotFrame`). The numbers are copied into `OUT/overlay.dat` (one data block per
/// export) and drawn by `OUT/overlay.gp`, for users; `plot` itself draws from the same numbers
/// inline (`GnuplotFrame.Destination`). The script names no input path: folder names and labels
/// only appear inside `GnuplotText` strings and comments.
enum GnuplotOverlay {
    static let dataFile = "overlay.dat"
    static let scriptFile = "overlay.gp"
    static let pngFile = "overlay.png"
    static let svgFile = "overlay.svg"

    /// Line and marker colours of the exports, in order (repeated beyond eight).
    static let palette = ["#1f4e9c", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#17becf", "#e377c2"]

    /// Refuses (exit 2) exports that cannot share axes: a different risk on the y axis, or a
    /// different varied quantity (`--vary d` against a sweep over n) on the x axis.
    static func checkCompatible(_ exports: [SweepExport]) throws {
        guard let first = exports.first else { return }
        for other in exports.dropFirst() {
            if other.risk != first.risk {
                throw InputError("plot: '\(Excerpt.of(other.folder, limit: .max))' holds the \(other.risk.rawValue) risk and '\(Excerpt.of(first.folder, limit: .max))' the \(first.risk.rawValue) risk; an overlay needs one y axis")
            }
            if other.varied != first.varied {
                throw InputError("plot: '\(Excerpt.of(other.folder, limit: .max))' varies \(Excerpt.of(other.varied)) and '\(Excerpt.of(first.folder, limit: .max))' varies \(Excerpt.of(first.varied)); an overlay needs one x axis")
            }
        }
    }

    /// The legend text of each export: `labels` when given, else the model items in which the
    /// exports differ ("spectrum = geometric:100"), else the folder name.
    static func legendLabels(_ exports: [SweepExport], labels: [String]) -> [String] {
        if !labels.isEmpty { return labels }
        let keys = exports.first?.model.map(\.key) ?? []
        let differing = keys.filter { key in Set(exports.map { $0.echo(key) ?? "" }).count > 1 }
        return exports.map { export in
            let items = differing.compactMap { key in export.echo(key).map { "\(GnuplotFrame.displayName(key)) = \($0)" } }
            return items.isEmpty ? FilePath.name(of: export.folder) : items.joined(separator: ", ")
        }
    }

    /// The overlay's data file: per export a comment naming it (unless `comments` is false: the
    /// numbers alone, inline in `plot`'s script), then rows of `ratio theory_mse mc mc_stderr heavy_tail`
    /// (NaN where missing), blocks two blank lines apart (gnuplot's `index`).
    static func data(_ exports: [SweepExport], comments: Bool = true) -> String {
        exports.enumerated().map { index, export in
            var block = comments ? "# export \(index): \(GnuplotText.commentValue(export.folder))\n# ratio theory_mse mc mc_stderr heavy_tail\n" : ""
            let keys = ["ratio", "theory_mse", export.monteCarloKeys?.value, export.monteCarloKeys?.error, "heavy_tail"]
            let columns = keys.map { key in key.flatMap { export.columns.firstIndex(of: $0) } }
            for row in export.rows {
                block += columns.map { $0.map { field(row[$0]) } ?? "NaN" }.joined(separator: " ") + "\n"
            }
            return block
        }.joined(separator: "\n\n")
    }

    private static func field(_ x: Double) -> String { x.isFinite ? "\(x)" : "NaN" }

    /// The script drawing `data(exports)` with `legend` texts to `destination`: overlay.dat into
    /// overlay.png and overlay.svg (`overlay.gp`), or inline to standard output (`ddcalc plot`).
    static func script(_ exports: [SweepExport], legend: [String], to destination: GnuplotFrame.Destination) -> String {
        let risk = exports.first?.risk ?? .estimation
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

        let source = { (index: Int) in "\(destination.source(dataFile)) index \(index)" }
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
        return s + GnuplotFrame.render("plot " + (drawn + keys).joined(separator: ", \\\n     "), to: destination,
                                       data: data(exports, comments: false) + "\n")
    }
}
