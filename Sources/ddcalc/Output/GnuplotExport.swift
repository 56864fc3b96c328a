import DoubleDescent
import Foundation

/// `--format gnuplot`: a folder holding `sweep.dat`, the sweep as whitespace-separated columns,
/// `model.json`, its model echo (`SweepExport`), and `sweep.gp`, a self-contained gnuplot script
/// that draws it into `sweep.png` and `sweep.svg` (run it inside the folder: `cd DIR && gnuplot
/// sweep.gp`). `ddcalc plot DIR` never runs `sweep.gp`: it makes the same script anew from the data.
///
/// The script only draws curves that have something to show, so a sweep without Monte Carlo
/// (`--trials 0`) or with an all-zero column renders without gnuplot warnings.
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

    /// How one curve is drawn.
    enum Style {
        case line(width: Double)
        case dashed
        case pointsWithErrorBars(errorKey: String, pointType: Int, size: Double)
    }

    /// One plotted column of the data file.
    struct Curve {
        var key: String
        var title: String
        var color: String
        var style: Style
    }

    /// Every curve the plot can show, in legend order. They are drawn in the reverse order, so the
    /// lines lie on top of the (larger) Monte Carlo markers and the theory MSE on top of everything.
    static let curves = [
        Curve(key: "theory_mse", title: "theory MSE (Theorem 1, surrogate design)", color: "#1f4e9c", style: .line(width: 2.5)),
        Curve(key: "theory_bias", title: "theory bias", color: "#5b9bd5", style: .line(width: 1.5)),
        Curve(key: "theory_variance", title: "theory variance", color: "#9467bd", style: .line(width: 1.5)),
        Curve(key: "iid_exact_mse", title: "exact MSE, i.i.d. Gaussian design", color: "#2ca02c", style: .dashed),
        Curve(key: "de_mse", title: "deterministic equivalent, i.i.d. design", color: "#555555", style: .dashed),
        Curve(key: "mc_surrogate_mse", title: "Monte Carlo, surrogate design (± stderr)", color: "#d62728",
              style: .pointsWithErrorBars(errorKey: "mc_surrogate_stderr", pointType: 7, size: 0.55)),
        Curve(key: "mc_iid_mse", title: "Monte Carlo, i.i.d. design (± stderr)", color: "#ff7f0e",
              style: .pointsWithErrorBars(errorKey: "mc_iid_stderr", pointType: 6, size: 0.7)),
    ]

    /// `curves` with the theory line's legend fitted to the model: on a data set (`--data`, a
    /// `data` key in the echo) it is the exact finite-population form below n = d and Theorem 1's
    /// continuous approximation above (docs/MATH.md, "Finite populations").
    static func curves(for export: SweepExport) -> [Curve] {
        guard export.echo("data") != nil else { return curves }
        var adjusted = curves
        adjusted[0].title = "theory MSE (exact finite population for n < d; Theorem 1 approximation for n ≥ d)"
        return adjusted
    }

    /// The gnuplot script drawing `export` to `destination`: reading `sweep.dat` and writing both
    /// pictures (the export's `sweep.gp`), or with the numbers inline drawing one picture on standard
    /// output (`ddcalc plot`). Only numbers and `GnuplotText.quoted` strings of the echo enter it.
    static func script(_ export: SweepExport, to destination: GnuplotFrame.Destination) -> String {
        let ratios = export.finite("ratio")

        // A log axis needs positive values; fall back to a linear axis if no curve has any.
        var logScale = true
        let candidates = curves(for: export)
        var shown = candidates.filter { export.finite($0.key).contains { $0 > 0 } }
        if shown.isEmpty {
            logScale = false
            shown = candidates.filter { !export.finite($0.key).isEmpty }
        }
        var theory: [Double] = [], monteCarlo: [(value: Double, error: Double?)] = []
        for curve in shown {
            guard case .pointsWithErrorBars(let errorKey, _, _) = curve.style else { theory += export.finite(curve.key); continue }
            let errors = export.values(errorKey) ?? export.rows.map { _ in .nan }
            monteCarlo += zip(export.values(curve.key) ?? [], errors).filter { $0.0.isFinite }.map { ($0.0, $0.1.isFinite ? $0.1 : nil) }
        }
        let yRange = GnuplotFrame.yRange(theory: theory, monteCarlo: monteCarlo, log: logScale)

        var s = "# \(DDCalcVersion.stamped("ddcalc sweep")), drawn by gnuplot: cd into this folder, then run `gnuplot \(scriptFile)`;\n"
        s += "# writes \(pngFile) and \(svgFile) from \(dataFile) (`ddcalc plot FOLDER` draws them from the data, not from this script).\n"
        s += "# model: " + export.model.map { "\($0.key) = \(GnuplotText.commentValue($0.value))" }.joined(separator: ", ") + "\n\n"
        s += GnuplotFrame.preamble(title: GnuplotFrame.title(export.risk), subtitle: modelLine(export.model), risk: export.risk,
                                   log: logScale, fontSize: destination.fontSize)
        s += range("x", ratios, log: false)
        if let yRange { s += yRange.command() }
        s += GnuplotFrame.interpolationThreshold(ratios)
        let heavyRows = export.finite("heavy_tail").contains(1)
        let (plot, titles) = plotCommand(shown, export: export, source: destination.source(dataFile), heavyRows: heavyRows, yRange: yRange)
        s += GnuplotFrame.key(titles, in: destination.picture)
        s += GnuplotFrame.render(plot, to: destination, data: export.dataLines)
        return s
    }

    /// `plot ...` for the chosen curves (drawn once for the PNG, then `replot` for the SVG): the
    /// curves without titles in drawing order, then the legend as `keyentry` items in legend order.
    /// Monte Carlo rows flagged `heavy_tail` get open diamonds, values far above the theory are
    /// drawn at the top of the frame (`GnuplotFrame.monteCarloLayers`).
    private static func plotCommand(_ shown: [Curve], export: SweepExport, source: String,
                                    heavyRows: Bool, yRange: GnuplotFrame.YRange?) -> (plot: String, titles: [String]) {
        guard let x = export.column("ratio") else { return ("", []) }
        let rows = export.rows.count
        let markerScale = GnuplotFrame.markerScale(points: rows)
        let heavy = export.column("heavy_tail").flatMap { index in heavyRows ? index : nil }
        /// The drawn items and the legend's `with` clause of one curve.
        func parts(_ curve: Curve) -> (drawn: [String], with: String)? {
            guard let y = export.column(curve.key) else { return nil }
            let color = "lc rgb \(quoted(curve.color))"
            switch curve.style {
            case .line(let width):
                let with = "lines \(color) lw \(width) dt 1"
                return (["\(source) using \(x):\(y) notitle with \(with)"], with)
            case .dashed:
                let with = "lines \(color) lw 1.5 dt (8, 5)"
                return (["\(source) using \(x):\(y) notitle with \(with)"], with)
            case .pointsWithErrorBars(let errorKey, let pointType, let size):
                let e = export.column(errorKey).flatMap { export.finite(errorKey).isEmpty ? nil : $0 }
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
        let anyMonteCarlo = styled.contains { if case .pointsWithErrorBars = $0.0.style { return true } else { return false } }
        if anyMonteCarlo {
            legend += GnuplotFrame.markerLegend(heavy: heavy != nil, clip: yRange?.clip, size: 0.7 * markerScale)
            titles += GnuplotFrame.markerTitles(heavy: heavy != nil, clip: yRange?.clip)
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
