import DoubleDescent
import Foundation

/// `--format gnuplot`: a folder holding `sweep.dat`, the sweep as whitespace-separated columns, and
/// `sweep.gp`, a self-contained gnuplot script that draws it into `sweep.png` and `sweep.svg`
/// (run it inside the folder: `cd DIR && gnuplot sweep.gp`, or `ddcalc plot DIR`).
///
/// The script only draws curves that have something to show, so a sweep without Monte Carlo
/// (`--trials 0`) or with an all-zero column renders without gnuplot warnings.
enum GnuplotExport {
    static let dataFile = "sweep.dat"
    static let scriptFile = "sweep.gp"
    static let pngFile = "sweep.png"
    static let svgFile = "sweep.svg"

    /// Writes both files into the folder `path` (created if missing), atomically.
    static func write(_ table: ResultTable, to path: String) throws {
        try FolderSink.write([(dataFile, data(table)), (scriptFile, script(table))], into: path)
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
    static func curves(for table: ResultTable) -> [Curve] {
        guard table.model.keys.contains("data") else { return curves }
        var adjusted = curves
        adjusted[0].title = "theory MSE (exact finite population for n < d; Theorem 1 approximation for n ≥ d)"
        return adjusted
    }

    /// The gnuplot script drawing `table` from `sweep.dat` (read relative to the working folder).
    static func script(_ table: ResultTable) -> String {
        let keys = table.rows.first?.keys ?? []
        let column = { (key: String) in keys.firstIndex(of: key).map { $0 + 1 } }
        let values = { (key: String) in table.rows.compactMap { row in row.number(key) } }
        let ratios = values("ratio")

        // A log axis needs positive values; fall back to a linear axis if no curve has any.
        var logScale = true
        let candidates = curves(for: table)
        var shown = candidates.filter { values($0.key).contains { $0 > 0 } }
        if shown.isEmpty {
            logScale = false
            shown = candidates.filter { !values($0.key).isEmpty }
        }
        var theory: [Double] = [], monteCarlo: [(value: Double, error: Double?)] = []
        for curve in shown {
            guard case .pointsWithErrorBars(let errorKey, _, _) = curve.style else { theory += values(curve.key); continue }
            monteCarlo += table.rows.compactMap { row in row.number(curve.key).map { ($0, row.number(errorKey)) } }
        }
        let yRange = GnuplotFrame.yRange(theory: theory, monteCarlo: monteCarlo, log: logScale)
        let risk = RiskLabel.named(table.model.text("risk")) ?? .estimation

        var s = "# \(DDCalcVersion.stamped("ddcalc sweep")), drawn by gnuplot: cd into this folder, then run `gnuplot \(scriptFile)`\n"
        s += "# (or `ddcalc plot FOLDER`); writes \(pngFile) and \(svgFile) from \(dataFile).\n"
        s += "# " + GnuplotText.commentValue(table.title) + "\n"
        s += "# " + modelCommentPrefix + table.model.fields.map { "\($0.key) = \(commentValue($0.value))" }.joined(separator: ", ") + "\n\n"
        let title = "Min-norm least squares: \(RiskLabel.quantity(risk)) vs samples per parameter\n" + modelLine(table.model)
        s += GnuplotFrame.preamble(title: title, risk: risk, log: logScale)
        s += range("x", ratios, log: false)
        if let yRange { s += yRange.command() }
        s += GnuplotFrame.interpolationThreshold(ratios)
        let heavyRows = table.rows.contains { $0.flag("heavy_tail") == true }
        let (plot, titles) = plotCommand(shown, rows: table.rows.count, column: column, values: values, heavyRows: heavyRows, yRange: yRange)
        s += GnuplotFrame.key(titles)
        s += GnuplotFrame.render(plot, png: pngFile, svg: svgFile)
        return s
    }

    /// The model echo's comment line starts with this (after `# `), so `ddcalc plot DIR1 DIR2 ...`
    /// finds it (`GnuplotOverlay.Export`); text values with `,` or `=` are quoted there.
    static let modelCommentPrefix = "model: "

    /// `plot ...` for the chosen curves (drawn once for the PNG, then `replot` for the SVG): the
    /// curves without titles in drawing order, then the legend as `keyentry` items in legend order.
    /// Monte Carlo rows flagged `heavy_tail` get open diamonds, values far above the theory are
    /// drawn at the top of the frame (`GnuplotFrame.monteCarloLayers`).
    private static func plotCommand(_ shown: [Curve], rows: Int, column: (String) -> Int?, values: (String) -> [Double],
                                    heavyRows: Bool, yRange: GnuplotFrame.YRange?) -> (plot: String, titles: [String]) {
        guard let x = column("ratio") else { return ("", []) }
        let markerScale = GnuplotFrame.markerScale(points: rows)
        let source = quoted(dataFile)
        let heavy = column("heavy_tail").flatMap { index in heavyRows ? index : nil }
        /// The drawn items and the legend's `with` clause of one curve.
        func parts(_ curve: Curve) -> (drawn: [String], with: String)? {
            guard let y = column(curve.key) else { return nil }
            let color = "lc rgb \(quoted(curve.color))"
            switch curve.style {
            case .line(let width):
                let with = "lines \(color) lw \(width) dt 1"
                return (["\(source) using \(x):\(y) notitle with \(with)"], with)
            case .dashed:
                let with = "lines \(color) lw 1.5 dt (8, 5)"
                return (["\(source) using \(x):\(y) notitle with \(with)"], with)
            case .pointsWithErrorBars(let errorKey, let pointType, let size):
                let e = column(errorKey).flatMap { values(errorKey).isEmpty ? nil : $0 }
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
    private static func modelLine(_ model: Record) -> String {
        let items = model.fields.map { "\(GnuplotFrame.displayName($0.key)) = \(TableFormat.human($0.value))" }
        return GnuplotFrame.wrapped(items)
    }

    private static func quoted(_ text: String) -> String { GnuplotText.quoted(text) }

    /// A value of the model echo in the script's comment: text as it is, made safe (and quoted when
    /// it holds `,` or `=`, so `GnuplotOverlay.modelEcho` reads it back), the rest as in tables.
    private static func commentValue(_ value: Value) -> String {
        guard case .text(let text) = value else { return TableFormat.human(value) }
        return text.contains(",") || text.contains("=") ? GnuplotText.quoted(text) : GnuplotText.commentValue(text)
    }
}

private extension Record {
    /// The finite number stored under `key`, if any.
    func number(_ key: String) -> Double? {
        guard let value = fields.first(where: { $0.key == key })?.value, case .number(let x?) = value, x.isFinite else { return nil }
        return x
    }

    /// The flag stored under `key`, if any.
    func flag(_ key: String) -> Bool? {
        guard let value = fields.first(where: { $0.key == key })?.value, case .flag(let b) = value else { return nil }
        return b
    }

    /// The text stored under `key`, if any.
    func text(_ key: String) -> String? {
        guard let value = fields.first(where: { $0.key == key })?.value, case .text(let text) = value else { return nil }
        return text
    }
}
