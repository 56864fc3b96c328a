import DoubleDescent
import Foundation

/// `ddcalc plot DIR1 DIR2 ... --out OUT`: several sweep exports (`sweep --format gnuplot`) in one
/// figure, the paper's (Derezinski et al. 2020, Figure 1): one colour per export, the surrogate
/// design's theory as a line against the i.i.d. design (exact MSE dashed, Monte Carlo as points),
/// heavy-tailed and off-scale points marked as in a single export (`GnuplotFrame`), and a panel of
/// the gap between the designs (docs/OUTPUT.md, "Overlays"). The numbers are copied into `OUT/overlay.dat` (one data block per
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

    /// Refuses (exit 2) exports that cannot share axes: a figure against lambda (`GnuplotFigure`), a
    /// different risk on the y axis, or a different varied quantity (`--vary d` against a sweep over
    /// n) on the x axis.
    static func checkCompatible(_ exports: [SweepExport]) throws {
        if let alone = exports.first(where: { GnuplotFigure.of($0).x != "ratio" }) {
            throw InputError("plot: '\(Excerpt.of(alone.folder, limit: .max))' is drawn against lambda (a ridge path or gcv); an overlay draws sweeps over n or d, plot it alone without --out")
        }
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

    /// The columns of each block of the overlay's data file, in order (gnuplot column = index + 1).
    /// Each design's heavy-tail flag comes last (`heavy_tail`, for both, from an export written
    /// before the per-design flags), so the earlier columns keep their positions.
    static let dataColumns = ["ratio", "theory_mse", "iid_exact_mse", "mc_surrogate_mse", "mc_surrogate_stderr",
                              "mc_iid_mse", "mc_iid_stderr", "heavy_tail", "gap_exact", "gap_mc", "gap_mc_stderr",
                              "mc_surrogate_heavy_tail", "mc_iid_heavy_tail"]

    /// The gnuplot column number of `key` in a block of the data file.
    private static func column(_ key: String) -> Int { dataColumns.firstIndex(of: key)! + 1 }

    /// The overlay's data file: per export a comment naming it (unless `comments` is false: the
    /// numbers alone, inline in `plot`'s script), then rows of `dataColumns` (NaN where missing),
    /// blocks two blank lines apart (gnuplot's `index`).
    static func data(_ exports: [SweepExport], comments: Bool = true) -> String {
        exports.enumerated().map { index, export in
            var block = comments ? "# export \(index): \(GnuplotText.commentValue(export.folder))\n# " + dataColumns.joined(separator: " ") + "\n" : ""
            let columns = dataColumns.map { key in
                export.columns.firstIndex(of: key) ?? designs.first { $0.heavy == key }.flatMap { design in
                    export.heavyTailKey(design: design.name).flatMap(export.columns.firstIndex(of:))
                }
            }
            for row in export.rows {
                block += columns.map { $0.map { field(row[$0]) } ?? "NaN" }.joined(separator: " ") + "\n"
            }
            return block
        }.joined(separator: "\n\n")
    }

    private static func field(_ x: Double) -> String { x.isFinite ? "\(x)" : "NaN" }

    /// The two Monte Carlo designs as the overlay draws them: filled circles for the surrogate
    /// design, open circles for the i.i.d. design, each with its standard error.
    /// Each with its own heavy-tail column.
    private static let designs: [(name: String, value: String, error: String, heavy: String, pointType: Int, size: Double, title: String)] = [
        ("mc_surrogate", "mc_surrogate_mse", "mc_surrogate_stderr", "mc_surrogate_heavy_tail", 7, 0.35, "Monte Carlo, surrogate design ± stderr"),
        ("mc_iid", "mc_iid_mse", "mc_iid_stderr", "mc_iid_heavy_tail", 6, 0.55, "Monte Carlo, i.i.d. design ± stderr"),
    ]

    /// The legend's line styles (grey: they name a kind of curve, the colours name the exports).
    private static let theoryTitle = "theory, surrogate design (Theorem 1)"
    private static let iidExactTitle = "exact, i.i.d. Gaussian design"
    private static let iidExactDash = "dt (8, 5)"

    /// The gap panel's y label (docs/OUTPUT.md, "The gap between the designs").
    static let gapLabel = "gap  i.i.d. / surrogate − 1"

    /// The script drawing `data(exports)` with `legend` texts to `destination`: overlay.dat into
    /// overlay.png and overlay.svg (`overlay.gp`), or inline to standard output (`ddcalc plot`).
    /// Per export, in its colour: the surrogate design's theory (solid line), the i.i.d. design's
    /// exact MSE (dashed line) and both designs' Monte Carlo (points), as far as the export holds
    /// them; below, when any export holds the gap between the designs, a panel of it (exact as
    /// lines, Monte Carlo as points ± stderr). Legend entries only for what is drawn.
    static func script(_ exports: [SweepExport], legend: [String], to destination: GnuplotFrame.Destination) -> String {
        let risk = exports.first?.risk ?? .estimation
        let theory = exports.flatMap { ($0.values("theory_mse") ?? []) + ($0.values("iid_exact_mse") ?? []) }
        let monteCarlo = exports.flatMap { export -> [(value: Double, error: Double?)] in
            designs.flatMap { design -> [(value: Double, error: Double?)] in
                guard let values = export.values(design.value) else { return [] }
                let errors = export.values(design.error) ?? values.map { _ in .nan }
                return zip(values, errors).map { ($0, $1.isFinite ? $1 : nil) }
            }
        }
        let logScale = (theory + monteCarlo.map(\.value)).contains { $0 > 0 }
        let yRange = GnuplotFrame.yRange(theory: theory, monteCarlo: monteCarlo, log: logScale)
        let ratios = exports.flatMap { $0.values("ratio") ?? [] }
        let rows = exports.map(\.rows.count).max() ?? 0
        let markerScale = GnuplotFrame.markerScale(points: rows)
        let hasGap = exports.contains { $0.values("gap_exact") != nil || $0.values("gap_mc") != nil }

        // The model items every export shares go in the subtitle.
        let shared = (exports.first?.model ?? []).filter { item in exports.allSatisfy { $0.echo(item.key) == item.value } }
        let common = GnuplotFrame.wrapped(shared.map { "\(GnuplotFrame.displayName($0.key)) = \($0.value)" })

        var s = "# ddcalc plot: \(exports.count) sweep exports in one panel, drawn by gnuplot from \(dataFile)\n"
        s += "# (cd into this folder, then run `gnuplot \(scriptFile)`); writes \(pngFile) and \(svgFile).\n"
        for (index, export) in exports.enumerated() {
            s += "# export \(index): " + GnuplotText.commentValue(export.folder) + "\n"
        }
        s += "\n"
        let header = s
        s = GnuplotFrame.preamble(title: GnuplotFrame.title(risk), subtitle: common, yLabel: RiskLabel.yAxis(risk), logY: logScale,
                                  fontSize: destination.fontSize)
        if let yRange { s += yRange.command() }
        s += GnuplotFrame.interpolationThreshold(ratios)

        let source = { (index: Int) in "\(destination.source(dataFile)) index \(index)" }
        var drawn: [String] = [], gapDrawn: [String] = [], keys: [String] = []
        var anyHeavy = false, anyTheory = false, anyIIDExact = false
        var drawnDesigns = Set<String>()
        for (index, export) in exports.enumerated() {
            let color = palette[index % palette.count]
            let colour = "lc rgb \(GnuplotText.quoted(color))"
            for design in designs where export.values(design.value) != nil {
                let heavy = export.heavyTailKey(design: design.name).map { export.finite($0).contains(1) } ?? false
                drawnDesigns.insert(design.value)
                anyHeavy = anyHeavy || heavy
                drawn += GnuplotFrame.monteCarloLayers(
                    source: source(index), x: 1, y: column(design.value), error: column(design.error), heavy: heavy ? column(design.heavy) : nil,
                    clip: yRange?.clip, offScaleLevel: yRange?.offScaleLevel ?? 0, color: color, pointType: design.pointType,
                    size: design.size * markerScale, every: GnuplotFrame.thinning(points: export.rows.count))
            }
            if export.values("iid_exact_mse") != nil {
                anyIIDExact = true
                drawn.append("\(source(index)) using 1:\(column("iid_exact_mse")) notitle with lines \(colour) lw 1.5 \(iidExactDash)")
            }
            if export.values("theory_mse") != nil {
                anyTheory = true
                drawn.append("\(source(index)) using 1:2 notitle with lines \(colour) lw 2 dt 1")
            }
            if export.values("gap_exact") != nil {
                gapDrawn.append("\(source(index)) using 1:\(column("gap_exact")) notitle with lines \(colour) lw 2 dt 1")
            }
            if export.values("gap_mc") != nil {
                let size = String(format: "%.2f", 0.7 * markerScale)
                gapDrawn.append("\(source(index)) using 1:\(column("gap_mc")):\(column("gap_mc_stderr")) notitle with yerrorbars \(colour) pt 6 ps \(size) lw 1")
            }
            keys.append("keyentry with lines \(colour) lw 2 dt 1 title \(GnuplotText.quoted(legend[index]))")
        }
        let grey = "lc rgb \"\(GnuplotFrame.legendGrey)\""
        var titles = legend
        if anyTheory {
            keys.append("keyentry with lines \(grey) lw 2 dt 1 title \(GnuplotText.quoted(theoryTitle))")
            titles.append(theoryTitle)
        }
        if anyIIDExact {
            keys.append("keyentry with lines \(grey) lw 1.5 \(iidExactDash) title \(GnuplotText.quoted(iidExactTitle))")
            titles.append(iidExactTitle)
        }
        for design in designs where drawnDesigns.contains(design.value) {
            let size = String(format: "%.2f", design.size * markerScale)
            keys.append("keyentry with yerrorbars \(grey) pt \(design.pointType) ps \(size) lw 1 title \(GnuplotText.quoted(design.title))")
            titles.append(design.title)
        }
        if !drawnDesigns.isEmpty {
            keys += GnuplotFrame.markerLegend(heavy: anyHeavy, clip: yRange?.clip, size: 0.7 * markerScale)
            titles += GnuplotFrame.markerTitles(heavy: anyHeavy, clip: yRange?.clip)
        }
        let joined = { (items: [String]) in "plot " + items.joined(separator: ", \\\n     ") }
        guard hasGap else {
            s += GnuplotFrame.key(titles, in: destination.picture)
            return header + s + GnuplotFrame.render(joined(drawn + keys), to: destination, data: data(exports, comments: false) + "\n")
        }
        // Two panels sharing the x axis: the risks above, the gap below it with the legend.
        // The lower panel: 18 % of the height for the gap, plus its axis, label and the legend.
        let picture = destination.picture
        let textLines = Double(picture.size.inches.height * 72) / (picture.fontSize * 1.45)
        let lower = Swift.min(0.7, Swift.max(0.34, 0.18 + (5 + 1.1 * Double(GnuplotFrame.keyRows(titles, in: picture))) / textLines))
        s += "set multiplot\nset lmargin 12\nset rmargin 4\nunset key\nunset xlabel\nset format x \"\"\n"
        s += "set origin 0, \(GnuplotFrame.number(lower))\nset size 1, \(GnuplotFrame.number(1 - lower))\nset bmargin 1.5\n"
        s += joined(drawn) + "\n"
        s += "unset label\nunset arrow\nunset logscale y\nset autoscale y\nset format y \"%g\"\nset format x \"%g\"\nset tmargin 0.5\n"
        s += "set origin 0, 0\nset size 1, \(GnuplotFrame.number(lower))\n"
        s += "set xlabel \(GnuplotText.quoted(GnuplotFigure.ratioLabel))\nset ylabel \(GnuplotText.quoted(gapLabel))\n"
        s += "set xzeroaxis lt 1 lc rgb \"#444444\" lw 1\n"
        if let low = ratios.min(), let high = ratios.max(), low <= 1, 1 <= high {
            s += "set arrow from 1, graph 0 to 1, graph 1 nohead lw 1.5 dt 3 lc rgb \"#444444\" front\n"
        }
        s += GnuplotFrame.key(titles, in: destination.picture)
        s += joined(gapDrawn + keys) + "\nunset multiplot"
        return header + GnuplotFrame.render(figure: s, to: destination, data: data(exports, comments: false) + "\n")
    }
}
