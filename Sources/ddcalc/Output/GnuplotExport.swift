import DoubleDescent
import Foundation

/// `--format gnuplot`: a folder holding `sweep.dat`, the sweep as whitespace-separated columns,
/// `model.json`, its model echo (`SweepExport`), and `sweep.gp`, a self-contained gnuplot script
/// that draws it into `sweep.png` and `sweep.svg` (run it inside the folder: `cd DIR && gnuplot
/// sweep.gp`). `ddcalc plot DIR` never runs `sweep.gp`: it makes the same script anew from the data.
///
/// The script only draws curves that have something to show, so a sweep without Monte Carlo
/// (`--trials 0`) or with an all-zero column renders without gnuplot warnings. A ridge path
/// (`sweep --vary lambda`) and `gcv` write the same three files, drawn against lambda (`GnuplotFigure`).
enum GnuplotExport {
    static let dataFile = SweepExport.dataFile
    static let scriptFile = "sweep.gp"
    static let pngFile = "sweep.png"
    static let svgFile = "sweep.svg"

    /// Writes the three files into the folder `path` (created if missing), atomically as a set. The
    /// script is made from the files' own text, read back as `ddcalc plot` reads them.
    static func write(_ table: ResultTable, to path: String) throws {
        let data = Data(data(table).utf8), model = SweepExport.modelText(table.model)
        var export = try SweepExport.parseData(data, path: dataFile)
        export.model = try SweepExport.parseModel(model, path: SweepExport.modelFile)
        let script = Data(script(export, to: .files(png: pngFile, svg: svgFile)).utf8)
        try FolderSink.write([(dataFile, data), (SweepExport.modelFile, model), (scriptFile, script)], into: path)
    }

    // MARK: - The data file

    /// One `#` header line naming every column (the CSV header's keys, in the same order), then one
    /// line per row. Missing values are `NaN`, booleans 1/0, numbers in shortest round-trip form.
    static func data(_ table: ResultTable) -> String {
        var lines = ["# " + (table.rows.first?.keys.joined(separator: " ") ?? "")]
        for row in table.rows {
            lines.append(row.fields.map { field($0.value) }.joined(separator: " "))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func field(_ value: Value) -> String {
        guard let text = Rendering.machine(value) else { return "NaN" }
        switch value {
        case .flag(let b): return b! ? "1" : "0"
        case .text: return GnuplotText.dataField(text)
        case .number, .integer, .unsigned: return text
        }
    }

    // MARK: - The script

    /// The gnuplot script drawing `export` to `destination`: reading `sweep.dat` and writing both
    /// pictures (the export's `sweep.gp`), or with the numbers inline drawing one picture on standard
    /// output (`ddcalc plot`). What it draws is `GnuplotFigure.of(export)`. Only numbers and
    /// `GnuplotText.quoted` strings of the echo enter it.
    ///
    /// The curves are drawn in the reverse legend order, so the lines lie on top of the (larger)
    /// Monte Carlo markers and the first curve on top of everything.
    static func script(_ export: SweepExport, to destination: GnuplotFrame.Destination) -> String {
        let figure = GnuplotFigure.of(export)
        let xs = export.finite(figure.x)

        // A log axis needs positive values; fall back to a linear axis if no curve has any, or, against
        // lambda, when they span at most a decade (a log axis would then show one tick label at most).
        var logScale = true
        var shown = figure.curves.filter { export.finite($0.key).contains { $0 > 0 } }
        let positive = shown.flatMap { export.finite($0.key).filter { $0 > 0 } }
        if shown.isEmpty || (figure.x != "ratio" && (positive.max() ?? 0) <= 10 * (positive.min() ?? 0)) {
            logScale = false
            shown = figure.curves.filter { !export.finite($0.key).isEmpty }
        }
        var theory: [Double] = [], monteCarlo: [(value: Double, error: Double?)] = []
        for curve in shown {
            guard case .points(let errorKey, _, _, _) = curve.style else { theory += export.finite(curve.key); continue }
            let errors = errorKey.flatMap(export.values) ?? export.rows.map { _ in .nan }
            monteCarlo += zip(export.values(curve.key) ?? [], errors).filter { $0.0.isFinite }.map { ($0.0, $0.1.isFinite ? $0.1 : nil) }
        }
        let yRange = GnuplotFrame.yRange(theory: theory, monteCarlo: monteCarlo, log: logScale)

        var s = "# \(DDCalcVersion.stamped(figure.command)), drawn by gnuplot: cd into this folder, then run `gnuplot \(scriptFile)`;\n"
        s += "# writes \(pngFile) and \(svgFile) from \(dataFile) (`ddcalc plot FOLDER` draws them from the data, not from this script).\n"
        s += "# model: " + export.model.map { "\($0.key) = \(GnuplotText.commentValue($0.value))" }.joined(separator: ", ") + "\n\n"
        s += GnuplotFrame.preamble(title: figure.title, subtitle: modelLine(export.model), xLabel: figure.xLabel, yLabel: figure.yLabel,
                                   logX: figure.logX, logY: logScale, fontSize: destination.fontSize)
        // The penalties span the whole width (gnuplot would round the ends outward); n/d = 1 is marked.
        let xRange = range("x", xs, log: figure.logX)
        s += xRange.isEmpty && figure.x != "ratio" ? "set autoscale xfix\n" : xRange
        if let yRange { s += yRange.command() }
        if figure.x == "ratio" { s += GnuplotFrame.interpolationThreshold(xs) }
        for mark in figure.marks {
            s += "set arrow from \(GnuplotFrame.number(mark.value)), graph 0 to \(GnuplotFrame.number(mark.value)), graph 1 nohead lw 1.5 "
                + "dt \(mark.dash) lc rgb \(quoted(mark.color)) front\n"
        }
        let (plot, titles) = plotCommand(shown, marks: figure.marks, x: figure.x, export: export, source: destination.source(dataFile), yRange: yRange)
        s += GnuplotFrame.key(titles, in: destination.picture)
        s += GnuplotFrame.render(plot, to: destination, data: export.dataLines)
        return s
    }

    /// `plot ...` for the chosen curves (drawn once for the PNG, then `replot` for the SVG): the
    /// curves without titles in drawing order, then the legend as `keyentry` items in legend order,
    /// the marks' lines last. Monte Carlo rows flagged in their design's heavy-tail column get open
    /// diamonds, values far above the lines are drawn at the top of the frame
    /// (`GnuplotFrame.monteCarloLayers`).
    private static func plotCommand(_ shown: [GnuplotFigure.Curve], marks: [GnuplotFigure.Mark], x xKey: String, export: SweepExport,
                                    source: String, yRange: GnuplotFrame.YRange?) -> (plot: String, titles: [String]) {
        guard let x = export.column(xKey) else { return ("", []) }
        let rows = export.rows.count
        let markerScale = GnuplotFrame.markerScale(points: rows)
        var anyHeavy = false
        /// The drawn items and the legend's `with` clause of one curve.
        func parts(_ curve: GnuplotFigure.Curve) -> (drawn: [String], with: String)? {
            guard let y = export.column(curve.key) else { return nil }
            let color = "lc rgb \(quoted(curve.color))"
            switch curve.style {
            case .line(let width):
                let with = "lines \(color) lw \(width) dt 1"
                return (["\(source) using \(x):\(y) notitle with \(with)"], with)
            case .dashed:
                let with = "lines \(color) lw 1.5 dt (8, 5)"
                return (["\(source) using \(x):\(y) notitle with \(with)"], with)
            case .points(let errorKey, let heavyKey, let pointType, let size):
                let e = errorKey.flatMap { key in export.column(key).flatMap { export.finite(key).isEmpty ? nil : $0 } }
                let heavy = heavyKey.flatMap { key in export.finite(key).contains(1) ? export.column(key) : nil }
                anyHeavy = anyHeavy || heavy != nil
                let drawn = GnuplotFrame.monteCarloLayers(
                    source: source, x: x, y: y, error: e, heavy: heavy, clip: yRange?.clip,
                    offScaleLevel: yRange?.offScaleLevel ?? 0, color: curve.color, pointType: pointType,
                    size: size * markerScale, every: GnuplotFrame.thinning(points: rows))
                let marker = "\(color) pt \(pointType) ps " + String(format: "%.2f", size * markerScale)
                return (drawn, e == nil ? "points \(marker)" : "yerrorbars \(marker) lw 1")
            }
        }
        let styled = shown.compactMap { curve in parts(curve).map { (curve, $0) } }
        let drawn = styled.reversed().flatMap { $1.drawn }
        var legend = styled.map { "keyentry with \($1.with) title \(quoted($0.title))" }
        var titles = styled.map(\.0.title)
        let anyPoints = styled.contains { if case .points = $0.0.style { return true } else { return false } }
        if anyPoints {
            legend += GnuplotFrame.markerLegend(heavy: anyHeavy, clip: yRange?.clip, size: 0.7 * markerScale)
            titles += GnuplotFrame.markerTitles(heavy: anyHeavy, clip: yRange?.clip)
        }
        for mark in marks {
            legend.append("keyentry with lines lc rgb \(quoted(mark.color)) lw 1.5 dt \(mark.dash) title \(quoted(mark.title))")
            titles.append(mark.title)
        }
        return ("plot " + (drawn + legend).joined(separator: ", \\\n     "), titles)
    }

    /// An explicit range only where autoscaling would collapse (all values equal, e.g. one point).
    private static func range(_ axis: String, _ values: [Double], log: Bool) -> String {
        guard let low = values.min(), let high = values.max(), low == high else { return "" }
        let (a, b) = log ? (low / 2, low * 2) : low == 0 ? (-1, 1) : (low - abs(low) / 2, low + abs(low) / 2)
        return "set \(axis)range [\(a):\(b)]\n"
    }

    /// The model echo as one line of the title: "d = 100, spectrum = isotropic, w* = ...".
    /// Long echoes (a data set adds its path, rows and target) wrap at `", "` before
    /// `GnuplotFrame.lineWidth` characters, so the centred title does not run off the picture.
    private static func modelLine(_ model: [(key: String, value: String)]) -> String {
        GnuplotFrame.wrapped(model.map { "\(GnuplotFrame.displayName($0.key)) = \(Excerpt.of($0.value, limit: .max))" })
    }

    private static func quoted(_ text: String) -> String { GnuplotText.quoted(text) }
}
